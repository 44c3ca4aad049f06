/**
 * Operator command line, for the first organization and its first operator
 * (and later ones), against the same database the platform uses:
 *
 *   node dist/apps/identity/src/cli.js create-organization --slug lyon --name "Ville de Lyon" --host participer.lyon.fr [--host …] [--locale fr]
 *   node dist/apps/identity/src/cli.js create-operator --org lyon --email ops@lyon.fr --password '…'
 *
 * Reads DATABASE_URL (or PALABRE_DATA_DIR for the embedded PGlite) like the services.
 */
import { parseArgs } from 'node:util';
import { generateIdentityKeys } from '@palabre/auth';
import { loadEnv, serviceEnvSchema } from '@palabre/config';
import { JsonLogger } from '@palabre/observability';
import { createServiceApp, openInfrastructure } from '@palabre/service-kit';
import { AccountsRepository } from './accounts/accounts.repository';
import { hashPassword } from './accounts/password';
import { identityService } from './identity.definition';
import { CreateOrganizationUseCase } from './organizations/create-organization.use-case';

const USAGE = `usage:
  cli create-organization --slug <slug> --name <name> --host <host> [--host <host>…] [--locale fr|en]
  cli create-operator --org <slug> --email <email> --password <password>`;

export async function runCli(
  argv: string[],
  out: (line: string) => void = (l) => process.stdout.write(l + '\n'),
): Promise<number> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      slug: { type: 'string' },
      name: { type: 'string' },
      host: { type: 'string', multiple: true },
      locale: { type: 'string', default: 'fr' },
      org: { type: 'string' },
      email: { type: 'string' },
      password: { type: 'string' },
    },
    strict: true,
  });
  if (command !== 'create-organization' && command !== 'create-operator') {
    out(USAGE);
    return 64;
  }
  const env = loadEnv('identity-cli', serviceEnvSchema);
  const logger = new JsonLogger('identity-cli', 'warn');
  const { db, bus } = await openInfrastructure(env, 'identity-cli', logger);
  const service = await createServiceApp(identityService, {
    db,
    bus,
    verifier: generateIdentityKeys().verifierFor('identity'),
    logger,
    embedded: !env.DATABASE_URL,
    dataDir: env.PALABRE_DATA_DIR,
  });
  try {
    if (command === 'create-organization') {
      if (!values.slug || !values.name || !values.host?.length) {
        out(USAGE);
        return 64;
      }
      const org = await service.app.get(CreateOrganizationUseCase).execute({
        slug: values.slug,
        name: values.name,
        hosts: values.host,
        defaultLocale: values.locale === 'en' ? 'en' : 'fr',
      });
      out(`organization ${org.slug} created: ${org.id} (${org.hosts.join(', ')})`);
      return 0;
    }
    if (!values.org || !values.email || !values.password || values.password.length < 12) {
      out(`${USAGE}\n(the password needs at least 12 characters)`);
      return 64;
    }
    const [org] = await db.query<{ id: string }>(
      `SELECT id FROM identity.organizations WHERE slug = $1`,
      [values.org],
    );
    if (!org) {
      out(`no organization with slug ${values.org}`);
      return 65;
    }
    const accounts = service.app.get(AccountsRepository);
    const email = values.email.trim().toLowerCase();
    const passwordHash = await hashPassword(values.password);
    const userId = await accounts.transaction(async (m) => {
      const user =
        (await accounts.insertLocalUser(m, {
          organizationId: org.id,
          email,
          passwordHash,
          displayName: 'Operator',
        })) ?? (await accounts.findByEmail(org.id, email, m));
      if (!user) throw new Error('could not create the account');
      await accounts.confirmEmail(m, org.id, user.id);
      await accounts.addGrant(m, org.id, user.id, { role: 'platform-operator' });
      return user.id;
    });
    out(`platform operator ${email} ready in ${values.org} (${userId})`);
    return 0;
  } finally {
    await service.close();
    await bus.stop();
    await db.close();
  }
}

if (require.main === module) {
  runCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
