import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createMessagingTables, dropMessagingTables } from '@palabre/messaging';

/**
 * Participatory budgets: the local copy of `budgets` components' settings
 * (from spaces' events), budgets (envelopes and vote rules), projects, orders
 * (a cart until checked out; one per voter per budget), sharded per-project
 * vote counters, audited paper ballots, and implementation tracking.
 *
 * The unique (budget_id, voter_key) key of `orders` is the source of truth of
 * "one vote per voter per budget". `project_votes` holds the online counts in
 * 16 shards per project, moved in the checkout/cancel transaction, so
 * concurrent checkouts do not queue on one hot row and results never count
 * orders. The tables written at every checkout (orders, project_votes,
 * budget_counts) carry no foreign key to the hot budget and project rows:
 * a key check would share-lock those rows from every concurrent checkout.
 * A voter key is identity's FranceConnect signer HMAC (`fc:`) or an
 * account id (`account:`): stored in `orders` only, never in events or
 * exports. Money is in integer euro cents.
 */
export class CreateBudgeting1795337143945 implements MigrationInterface {
  name = 'CreateBudgeting1795337143945';

  async up(q: QueryRunner): Promise<void> {
    await createMessagingTables(q, 'budgeting');
    await q.query(`CREATE TABLE budgeting.components (
      component_id uuid PRIMARY KEY,
      organization_id uuid NOT NULL,
      space_id uuid NOT NULL,
      active_phase_id uuid,
      settings jsonb NOT NULL DEFAULT '{}',
      source text NOT NULL CHECK (source IN ('event', 'authorize')),
      updated_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(
      `CREATE INDEX components_by_space ON budgeting.components (organization_id, space_id)`,
    );
    await q.query(`CREATE TABLE budgeting.budgets (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL,
      component_id uuid NOT NULL REFERENCES budgeting.components(component_id),
      title text NOT NULL,
      description text NOT NULL DEFAULT '',
      envelope_cents bigint NOT NULL CHECK (envelope_cents > 0),
      area text,
      rule text NOT NULL CHECK (rule IN ('minimum', 'minimum_projects', 'projects_range')),
      minimum_percent integer CHECK (minimum_percent BETWEEN 0 AND 100),
      minimum_projects integer CHECK (minimum_projects >= 1),
      maximum_projects integer CHECK (maximum_projects >= 1),
      position integer NOT NULL DEFAULT 0,
      results_confirmed_at timestamptz,
      results_confirmed_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (rule <> 'minimum' OR minimum_percent IS NOT NULL),
      CHECK (rule <> 'minimum_projects' OR minimum_projects IS NOT NULL),
      CHECK (rule <> 'projects_range' OR (minimum_projects IS NOT NULL AND maximum_projects >= minimum_projects)))`);
    await q.query(
      `CREATE INDEX budgets_by_component ON budgeting.budgets (organization_id, component_id, position, id)`,
    );
    await q.query(`CREATE TABLE budgeting.projects (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL,
      component_id uuid NOT NULL REFERENCES budgeting.components(component_id),
      budget_id uuid REFERENCES budgeting.budgets(id),
      state text NOT NULL CHECK (state IN ('to_review', 'published', 'withdrawn')),
      title text NOT NULL,
      description text NOT NULL DEFAULT '',
      amount_cents bigint NOT NULL CHECK (amount_cents > 0),
      area text,
      image_urls jsonb NOT NULL DEFAULT '[]',
      address text,
      latitude double precision,
      longitude double precision,
      proposal_ids uuid[] NOT NULL DEFAULT '{}',
      source_proposal_id uuid,
      paper_votes bigint NOT NULL DEFAULT 0 CHECK (paper_votes >= 0),
      selected boolean NOT NULL DEFAULT false,
      withdrawn_at timestamptz,
      withdrawn_reason text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (state = 'to_review' OR budget_id IS NOT NULL),
      UNIQUE (organization_id, source_proposal_id))`);
    await q.query(`CREATE INDEX projects_by_budget ON budgeting.projects (budget_id, state, id)`);
    await q.query(
      `CREATE INDEX projects_by_component ON budgeting.projects (organization_id, component_id, state)`,
    );
    await q.query(`CREATE TABLE budgeting.orders (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL,
      component_id uuid NOT NULL,
      budget_id uuid NOT NULL,
      voter_key text NOT NULL,
      project_ids uuid[] NOT NULL DEFAULT '{}',
      dropped_project_ids uuid[] NOT NULL DEFAULT '{}',
      residence text,
      total_cents bigint NOT NULL DEFAULT 0,
      checked_out_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (budget_id, voter_key))`);
    await q.query(
      `CREATE INDEX orders_by_voter ON budgeting.orders (component_id, voter_key) WHERE checked_out_at IS NOT NULL`,
    );
    await q.query(`CREATE TABLE budgeting.project_votes (
      project_id uuid NOT NULL,
      shard smallint NOT NULL,
      organization_id uuid NOT NULL,
      budget_id uuid NOT NULL,
      votes bigint NOT NULL DEFAULT 0,
      PRIMARY KEY (project_id, shard))`);
    await q.query(`CREATE INDEX project_votes_by_budget ON budgeting.project_votes (budget_id)`);
    await q.query(`CREATE TABLE budgeting.budget_counts (
      budget_id uuid NOT NULL,
      shard smallint NOT NULL,
      organization_id uuid NOT NULL,
      orders bigint NOT NULL DEFAULT 0,
      PRIMARY KEY (budget_id, shard))`);
    await q.query(`CREATE TABLE budgeting.paper_ballots (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL,
      budget_id uuid NOT NULL REFERENCES budgeting.budgets(id),
      station text NOT NULL,
      ballots integer NOT NULL,
      votes jsonb NOT NULL,
      note text NOT NULL DEFAULT '',
      recorded_by uuid NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(
      `CREATE INDEX paper_ballots_by_budget ON budgeting.paper_ballots (budget_id, recorded_at)`,
    );
    await q.query(`CREATE TABLE budgeting.results (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL,
      component_id uuid NOT NULL,
      budget_id uuid NOT NULL REFERENCES budgeting.budgets(id),
      project_id uuid NOT NULL UNIQUE REFERENCES budgeting.projects(id),
      status text NOT NULL DEFAULT 'planned'
        CHECK (status IN ('planned', 'in_progress', 'completed', 'cancelled')),
      progress integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
      proposal_ids uuid[] NOT NULL DEFAULT '{}',
      meeting_ids uuid[] NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(
      `CREATE INDEX results_by_component ON budgeting.results (organization_id, component_id)`,
    );
    await q.query(`CREATE TABLE budgeting.result_updates (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL,
      result_id uuid NOT NULL REFERENCES budgeting.results(id),
      date date NOT NULL,
      text text NOT NULL DEFAULT '',
      status text,
      progress integer,
      photo_urls jsonb NOT NULL DEFAULT '[]',
      recorded_by uuid,
      recorded_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(
      `CREATE INDEX result_updates_by_result ON budgeting.result_updates (result_id, date, recorded_at)`,
    );
    await q.query(`CREATE TABLE budgeting.demo_organizations (
      organization_id uuid PRIMARY KEY,
      seeded_component_id uuid)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'demo_organizations',
      'result_updates',
      'results',
      'paper_ballots',
      'budget_counts',
      'project_votes',
      'orders',
      'projects',
      'budgets',
      'components',
    ])
      await q.query(`DROP TABLE budgeting.${table}`);
    await dropMessagingTables(q, 'budgeting');
  }
}
