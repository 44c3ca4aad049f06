import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createMessagingTables, dropMessagingTables } from '@palabre/messaging';

/**
 * Proposals components' content: proposals, votes (supports) with a tally per
 * voter, comments with their edit history, reports and the moderation log,
 * evaluation states and evaluators, and the local copy of each component's
 * settings (kept from spaces' events). See docs/adr/0013-proposals-votes-counters.md.
 *
 * Every table carries organization_id and every query filters on it.
 * `voter_tallies` is the source of truth of "at most N supports per person
 * per component": its row is locked by the batch that changes it.
 * Counters on `proposals` (votes, supports, comments, reports) are moved in
 * the same transaction as the rows they count, never recounted per request.
 */
export class CreateProposals1795336816582 implements MigrationInterface {
  name = 'CreateProposals1795336816582';

  async up(q: QueryRunner): Promise<void> {
    await createMessagingTables(q, 'proposals');

    // Accent folding for full-text search. `unaccent` is not available on
    // PGlite and is not IMMUTABLE (a generated column needs that), so: a plain
    // translate() of the Latin letters French and English use, the same on
    // every backend.
    await q.query(`CREATE FUNCTION proposals.fold(t text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT translate(replace(replace(lower(coalesce(t, '')), 'œ', 'oe'), 'æ', 'ae'),
          'àáâãäåçèéêëìíîïñòóôõöùúûüýÿ', 'aaaaaaceeeeiiiinooooouuuuyy')
      $$`);

    await q.query(`CREATE TABLE proposals.components (
      component_id uuid PRIMARY KEY,
      organization_id uuid NOT NULL,
      space_id uuid NOT NULL,
      active_phase_id uuid,
      settings jsonb NOT NULL DEFAULT '{}',
      -- 'event': from spaces.component.settings-changed; 'authorize': learned
      -- from an authorization answer before any event (type defaults).
      source text NOT NULL CHECK (source IN ('event', 'authorize')),
      updated_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(
      `CREATE INDEX components_by_org ON proposals.components (organization_id, component_id)`,
    );
    await q.query(`CREATE TABLE proposals.phases (
      phase_id uuid PRIMARY KEY,
      organization_id uuid NOT NULL,
      space_id uuid NOT NULL,
      title jsonb NOT NULL DEFAULT '{}',
      activated_at timestamptz NOT NULL DEFAULT now())`);

    await q.query(`CREATE TABLE proposals.evaluation_states (
      organization_id uuid NOT NULL,
      component_id uuid NOT NULL,
      key text NOT NULL,
      label jsonb NOT NULL,
      position integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (component_id, key))`);

    await q.query(`CREATE TABLE proposals.proposals (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL,
      space_id uuid NOT NULL,
      component_id uuid NOT NULL,
      author_id uuid,
      created_by uuid NOT NULL,
      author_name text NOT NULL,
      on_behalf_of text,
      origin text NOT NULL DEFAULT 'participant'
        CHECK (origin IN ('participant', 'official', 'paper', 'workshop')),
      title text NOT NULL,
      body text NOT NULL,
      address text,
      latitude double precision CHECK (latitude BETWEEN -90 AND 90),
      longitude double precision CHECK (longitude BETWEEN -180 AND 180),
      area text,
      state text,
      withdrawn_at timestamptz,
      answer text,
      answered_at timestamptz,
      answered_by uuid,
      cost_cents bigint CHECK (cost_cents >= 0),
      sent_to_budget_at timestamptz,
      budget_component_id uuid,
      vote_count integer NOT NULL DEFAULT 0 CHECK (vote_count >= 0),
      support_count integer NOT NULL DEFAULT 0 CHECK (support_count >= 0),
      comment_count integer NOT NULL DEFAULT 0 CHECK (comment_count >= 0),
      report_count integer NOT NULL DEFAULT 0,
      hidden_at timestamptz,
      hidden_reason text,
      rand integer NOT NULL DEFAULT floor(random() * 2147483647)::integer,
      published_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      search tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('french', proposals.fold(title)), 'A') ||
        setweight(to_tsvector('french', proposals.fold(body)), 'B') ||
        setweight(to_tsvector('english', proposals.fold(title)), 'A') ||
        setweight(to_tsvector('english', proposals.fold(body)), 'B')) STORED,
      CHECK ((latitude IS NULL) = (longitude IS NULL)))`);
    // The listing's first page: one partial index per sort over what the
    // public sees (neither hidden nor withdrawn), so a page is an index range
    // scan whatever the size of the component.
    const listed = `WHERE hidden_at IS NULL AND withdrawn_at IS NULL`;
    await q.query(
      `CREATE INDEX proposals_newest ON proposals.proposals (organization_id, component_id, published_at DESC, id DESC) ${listed}`,
    );
    await q.query(
      `CREATE INDEX proposals_most_voted ON proposals.proposals (organization_id, component_id, vote_count DESC, id DESC) ${listed}`,
    );
    await q.query(
      `CREATE INDEX proposals_most_commented ON proposals.proposals (organization_id, component_id, comment_count DESC, id DESC) ${listed}`,
    );
    await q.query(
      `CREATE INDEX proposals_random ON proposals.proposals (organization_id, component_id, rand, id) ${listed}`,
    );
    await q.query(
      `CREATE INDEX proposals_by_author ON proposals.proposals (organization_id, author_id, component_id)`,
    );
    await q.query(
      `CREATE INDEX proposals_all ON proposals.proposals (organization_id, component_id, id)`,
    );
    await q.query(`CREATE INDEX proposals_search ON proposals.proposals USING gin (search)`);

    await q.query(`CREATE TABLE proposals.votes (
      proposal_id uuid NOT NULL REFERENCES proposals.proposals(id) ON DELETE CASCADE,
      voter_id uuid NOT NULL,
      organization_id uuid NOT NULL,
      component_id uuid NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (proposal_id, voter_id))`);
    await q.query(
      `CREATE INDEX votes_by_voter ON proposals.votes (organization_id, component_id, voter_id)`,
    );
    await q.query(`CREATE TABLE proposals.voter_tallies (
      component_id uuid NOT NULL,
      voter_id uuid NOT NULL,
      organization_id uuid NOT NULL,
      votes integer NOT NULL CHECK (votes >= 0),
      PRIMARY KEY (component_id, voter_id))`);

    await q.query(`CREATE TABLE proposals.comments (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL,
      component_id uuid NOT NULL,
      proposal_id uuid NOT NULL REFERENCES proposals.proposals(id) ON DELETE CASCADE,
      parent_id uuid REFERENCES proposals.comments(id),
      author_id uuid NOT NULL,
      author_name text NOT NULL,
      stance text NOT NULL CHECK (stance IN ('for', 'against', 'neutral')),
      body text NOT NULL,
      reply_count integer NOT NULL DEFAULT 0,
      report_count integer NOT NULL DEFAULT 0,
      hidden_at timestamptz,
      hidden_reason text,
      deleted_at timestamptz,
      edited_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(
      `CREATE INDEX comments_by_proposal ON proposals.comments (organization_id, proposal_id, created_at, id)`,
    );
    await q.query(
      `CREATE INDEX comments_by_author ON proposals.comments (organization_id, author_id)`,
    );
    await q.query(`CREATE TABLE proposals.comment_versions (
      id bigserial PRIMARY KEY,
      organization_id uuid NOT NULL,
      comment_id uuid NOT NULL REFERENCES proposals.comments(id) ON DELETE CASCADE,
      body text NOT NULL,
      stance text NOT NULL,
      written_at timestamptz NOT NULL)`);
    await q.query(
      `CREATE INDEX comment_versions_by_comment ON proposals.comment_versions (organization_id, comment_id, id)`,
    );

    await q.query(`CREATE TABLE proposals.reports (
      organization_id uuid NOT NULL,
      component_id uuid NOT NULL,
      target_type text NOT NULL CHECK (target_type IN ('proposal', 'comment')),
      target_id uuid NOT NULL,
      reporter_id uuid NOT NULL,
      reason text NOT NULL CHECK (reason IN ('spam', 'offensive', 'does_not_belong', 'other')),
      details text,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (target_type, target_id, reporter_id))`);
    await q.query(
      `CREATE INDEX reports_by_component ON proposals.reports (organization_id, component_id, created_at)`,
    );
    await q.query(`CREATE TABLE proposals.moderation_log (
      id bigserial PRIMARY KEY,
      organization_id uuid NOT NULL,
      component_id uuid,
      target_type text NOT NULL CHECK (target_type IN ('proposal', 'comment', 'user')),
      target_id uuid NOT NULL,
      action text NOT NULL,
      -- Null when the platform acted by itself (a report threshold, an identity block).
      actor_id uuid,
      reason text,
      at timestamptz NOT NULL DEFAULT now())`);
    await q.query(
      `CREATE INDEX moderation_log_by_org ON proposals.moderation_log (organization_id, id DESC)`,
    );
    await q.query(`CREATE TABLE proposals.blocked_authors (
      organization_id uuid NOT NULL,
      user_id uuid NOT NULL,
      source text NOT NULL CHECK (source IN ('moderator', 'identity')),
      reason text,
      blocked_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (organization_id, user_id))`);

    await q.query(`CREATE TABLE proposals.evaluator_assignments (
      organization_id uuid NOT NULL,
      proposal_id uuid NOT NULL REFERENCES proposals.proposals(id) ON DELETE CASCADE,
      evaluator_id uuid NOT NULL,
      assigned_by uuid NOT NULL,
      assigned_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (proposal_id, evaluator_id))`);
    await q.query(
      `CREATE INDEX evaluator_assignments_by_user ON proposals.evaluator_assignments (organization_id, evaluator_id)`,
    );

    await q.query(`CREATE TABLE proposals.demo_organizations (
      organization_id uuid PRIMARY KEY,
      seeded_component_id uuid)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'demo_organizations',
      'evaluator_assignments',
      'blocked_authors',
      'moderation_log',
      'reports',
      'comment_versions',
      'comments',
      'voter_tallies',
      'votes',
      'proposals',
      'evaluation_states',
      'phases',
      'components',
    ])
      await q.query(`DROP TABLE IF EXISTS proposals.${t}`);
    await q.query(`DROP FUNCTION IF EXISTS proposals.fold(text)`);
    await dropMessagingTables(q, 'proposals');
  }
}
