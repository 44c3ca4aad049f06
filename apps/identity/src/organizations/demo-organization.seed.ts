import { randomBytes } from 'node:crypto';
import { Topics, type UserRegisteredJson } from '@palabre/contracts';
import { publish } from '@palabre/messaging';
import type { ServiceRuntime } from '@palabre/service-kit';
import { AccountsRepository } from '../accounts/accounts.repository';
import { hashPassword } from '../accounts/password';
import { CreateOrganizationUseCase } from './create-organization.use-case';
import { OrganizationsRepository } from './organizations.repository';

/** The demo city's administrator (embedded mode only; printed at start and in the README). */
export const DEMO_ADMIN = { email: 'admin@demo.palabre.test', password: 'palabre-demo-admin' };

/**
 * The demo's spam account (embedded mode only): registered like anyone, with
 * a spammer's name and a disposable address, so that the antispam service
 * scores it and its two link-spam proposals (seeded by proposals with this
 * author) and reports them. Nobody knows its password.
 */
export const DEMO_SPAMMER = {
  id: '00000000-0000-4000-8000-00000000feed',
  email: 'promo.casino.2024@mailinator.com',
  displayName: 'casino-bonus-2024',
};

/**
 * Embedded mode: a demo city answering on localhost and 127.0.0.1 (any port),
 * with an organization admin so that a new user can open the back-office.
 */
export async function seedDemoOrganization(runtime: ServiceRuntime): Promise<void> {
  const repo = new OrganizationsRepository(runtime.dataSource);
  if (await repo.findByHost('localhost')) return;
  const org = await new CreateOrganizationUseCase(repo).execute({
    slug: 'demo',
    name: 'Ville de Démo',
    hosts: ['localhost', '127.0.0.1'],
    defaultLocale: 'fr',
  });
  const accounts = new AccountsRepository(runtime.dataSource);
  const passwordHash = await hashPassword(DEMO_ADMIN.password);
  await accounts.transaction(async (m) => {
    const user = await accounts.insertLocalUser(m, {
      organizationId: org.id,
      email: DEMO_ADMIN.email,
      passwordHash,
      displayName: 'Administration de Démo',
    });
    if (!user) return;
    await accounts.confirmEmail(m, org.id, user.id);
    await accounts.addGrant(m, org.id, user.id, { role: 'org-admin' });
    await m.query(
      `INSERT INTO identity.users (id, organization_id, email, email_confirmed_at, password_hash, display_name)
       VALUES ($1, $2, $3, now(), $4, $5)`,
      [
        DEMO_SPAMMER.id,
        org.id,
        DEMO_SPAMMER.email,
        await hashPassword(randomBytes(24).toString('base64url')),
        DEMO_SPAMMER.displayName,
      ],
    );
    const registered: UserRegisteredJson = {
      userId: DEMO_SPAMMER.id,
      organizationId: org.id,
      method: 'local',
    };
    await publish(m, 'identity', {
      topic: Topics.IdentityUserRegisteredV1,
      key: DEMO_SPAMMER.id,
      tenantId: org.id,
      schema: 'palabre.identity.v1.UserRegistered',
      payload: registered,
    });
  });
  runtime.logger.emit(
    'info',
    `Seeded the demo organization (localhost, 127.0.0.1); its administrator signs in at /sign-in as ${DEMO_ADMIN.email} / ${DEMO_ADMIN.password}`,
  );
}
