import type { ServiceRuntime } from '@palabre/service-kit';
import { AccountsRepository } from '../accounts/accounts.repository';
import { hashPassword } from '../accounts/password';
import { CreateOrganizationUseCase } from './create-organization.use-case';
import { OrganizationsRepository } from './organizations.repository';

/** The demo city's administrator (embedded mode only; printed at start and in the README). */
export const DEMO_ADMIN = { email: 'admin@demo.palabre.test', password: 'palabre-demo-admin' };

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
  });
  runtime.logger.emit(
    'info',
    `Seeded the demo organization (localhost, 127.0.0.1); its administrator signs in at /sign-in as ${DEMO_ADMIN.email} / ${DEMO_ADMIN.password}`,
  );
}
