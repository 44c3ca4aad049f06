import type { ServiceRuntime } from '@palabre/service-kit';
import { CreateOrganizationUseCase } from './create-organization.use-case';
import { OrganizationsRepository } from './organizations.repository';

/** Embedded mode: a demo city answering on localhost and 127.0.0.1 (any port). */
export async function seedDemoOrganization(runtime: ServiceRuntime): Promise<void> {
  const repo = new OrganizationsRepository(runtime.dataSource);
  if (await repo.findByHost('localhost')) return;
  await new CreateOrganizationUseCase(repo).execute({
    slug: 'demo',
    name: 'Ville de Démo',
    hosts: ['localhost', '127.0.0.1'],
    defaultLocale: 'fr',
  });
  runtime.logger.emit('info', 'Seeded the demo organization (localhost, 127.0.0.1)');
}
