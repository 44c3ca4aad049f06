import type { MigrationInterface, QueryRunner } from 'typeorm';
import { rewriteSignerKeys } from '@palabre/persistence';

/**
 * FranceConnect signer keys become per-organization pseudonyms (ADR 0007):
 * the same person's signatures in two organizations of one deployment no
 * longer carry the same key. Rewritten from the stored key, never from `sub`.
 */
export class SignerKeysPerOrganization1796000001000 implements MigrationInterface {
  name = 'SignerKeysPerOrganization1796000001000';

  async up(q: QueryRunner): Promise<void> {
    await rewriteSignerKeys(q, {
      table: 'petitions.signatures',
      column: 'signer_key',
      where: `method = 'franceconnect' AND signer_key NOT LIKE 'demo-%'`,
    });
  }

  async down(): Promise<void> {
    // One-way: the deployment-wide keys are not kept anywhere to go back to.
  }
}
