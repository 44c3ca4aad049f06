import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An organization's primary host: where its mailed links lead
 * (https://<primary host>), whatever Host header a request named. One per
 * organization: the first host given at creation; an organization created
 * before this gets its shortest host name (a name before an IP address).
 */
export class OrganizationPrimaryHost1796000006000 implements MigrationInterface {
  name = 'OrganizationPrimaryHost1796000006000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE identity.organization_hosts ADD COLUMN is_primary boolean NOT NULL DEFAULT false`,
    );
    await q.query(`UPDATE identity.organization_hosts h SET is_primary = true
      FROM (SELECT DISTINCT ON (organization_id) host FROM identity.organization_hosts
             ORDER BY organization_id, host ~ '^[0-9.]+$', length(host), host) p
      WHERE h.host = p.host`);
    await q.query(
      `CREATE UNIQUE INDEX organization_hosts_primary ON identity.organization_hosts (organization_id) WHERE is_primary`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX identity.organization_hosts_primary`);
    await q.query(`ALTER TABLE identity.organization_hosts DROP COLUMN is_primary`);
  }
}
