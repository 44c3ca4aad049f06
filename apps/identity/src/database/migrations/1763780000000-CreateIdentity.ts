import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createMessagingTables, dropMessagingTables } from '@palabre/messaging';

export class CreateIdentity1763780000000 implements MigrationInterface {
  name = 'CreateIdentity1763780000000';

  async up(q: QueryRunner): Promise<void> {
    await createMessagingTables(q, 'identity');
    // An organization is its own tenant: organization_id = id.
    await q.query(`CREATE TABLE identity.organizations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid GENERATED ALWAYS AS (id) STORED,
      slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
      name text NOT NULL CHECK (length(name) BETWEEN 2 AND 200),
      default_locale text NOT NULL DEFAULT 'fr',
      locales text[] NOT NULL DEFAULT ARRAY['fr', 'en'],
      created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE TABLE identity.organization_hosts (
      host text PRIMARY KEY CHECK (host = lower(host)),
      organization_id uuid NOT NULL REFERENCES identity.organizations(id) ON DELETE CASCADE)`);
    await q.query(
      `CREATE INDEX organization_hosts_org ON identity.organization_hosts (organization_id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE identity.organization_hosts`);
    await q.query(`DROP TABLE identity.organizations`);
    await dropMessagingTables(q, 'identity');
  }
}
