import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createComponentTables } from '@palabre/component-host';
import { createMessagingTables, dropMessagingTables } from '@palabre/messaging';

/**
 * Draws by lot of sortitions components, the pools of volunteers of panels
 * (kept apart: deleted after the component's retention), and the component
 * host's tables. Every row carries its organization; every query is scoped by it.
 */
export class CreateSortitions1796662824603 implements MigrationInterface {
  name = 'CreateSortitions1796662824603';

  async up(q: QueryRunner): Promise<void> {
    await createMessagingTables(q, 'sortitions');
    await createComponentTables(q, 'sortitions');
    await q.query(`CREATE TABLE sortitions.draws (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL,
      component_id uuid NOT NULL,
      space_id uuid NOT NULL,
      kind text NOT NULL CHECK (kind IN ('proposals', 'panel')),
      title jsonb NOT NULL,
      description jsonb NOT NULL DEFAULT '{}',
      state text NOT NULL DEFAULT 'prepared' CHECK (state IN ('prepared', 'drawn', 'cancelled')),
      -- What the commitment covers (apps/sortitions/src/draws/draw-core.ts), without a
      -- panel's pool, which sortitions.pools keeps until its retention ends.
      inputs jsonb NOT NULL,
      commitment text NOT NULL,
      -- proposals: { componentId, area, titles: {id: title} }; panel: groups and probabilities.
      details jsonb NOT NULL DEFAULT '{}',
      reveal_at timestamptz,
      public_numbers text,
      witnesses text,
      result jsonb,
      cancel_reason text,
      prepared_at timestamptz NOT NULL DEFAULT now(),
      drawn_at timestamptz,
      cancelled_at timestamptz,
      pool_deleted_at timestamptz,
      CHECK ((state = 'drawn') = (result IS NOT NULL) OR state = 'cancelled'))`);
    await q.query(
      `CREATE INDEX draws_by_component ON sortitions.draws (organization_id, component_id, prepared_at DESC)`,
    );
    await q.query(`CREATE TABLE sortitions.pools (
      draw_id uuid PRIMARY KEY REFERENCES sortitions.draws (id) ON DELETE CASCADE,
      organization_id uuid NOT NULL,
      -- [{ id, values }]: identifiers of the organization's register and categories, no names.
      volunteers jsonb NOT NULL,
      delete_after timestamptz NOT NULL)`);
    await q.query(`CREATE INDEX pools_by_expiry ON sortitions.pools (delete_after)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS sortitions.pools`);
    await q.query(`DROP TABLE IF EXISTS sortitions.draws`);
    await q.query(`DROP TABLE IF EXISTS sortitions.components`);
    await q.query(`DROP TABLE IF EXISTS sortitions.phases`);
    await q.query(`DROP TABLE IF EXISTS sortitions.spaces`);
    await dropMessagingTables(q, 'sortitions');
  }
}
