import type { MigrationInterface, QueryRunner } from 'typeorm';
import { rewriteSignerKeys } from '@palabre/persistence';

/**
 * FranceConnect voters' keys (`fc:` + signer key) become per-organization
 * pseudonyms (ADR 0007), like petitions' signer keys. Rewritten from the
 * stored key, never from `sub`.
 */
export class SignerKeysPerOrganization1796000001000 implements MigrationInterface {
  name = 'SignerKeysPerOrganization1796000001000';

  async up(q: QueryRunner): Promise<void> {
    await rewriteSignerKeys(q, { table: 'budgeting.orders', column: 'voter_key', prefix: 'fc:' });
  }

  async down(): Promise<void> {
    // One-way: the deployment-wide keys are not kept anywhere to go back to.
  }
}
