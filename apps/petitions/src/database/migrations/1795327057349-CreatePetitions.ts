import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createMessagingTables, dropMessagingTables } from '@palabre/messaging';

/**
 * Petition types, petitions, signatures and their counters, the public
 * timeline, audited offline counts, and the outbox/inbox.
 *
 * The unique (petition_id, signer_key) key of `signatures` is the source of
 * truth of "one person, one signature". `signature_count` is kept by the
 * batch writer (one UPDATE per petition per batch, never one per signature)
 * and repaired by the recount. A signer key is the HMAC identity derives from
 * the FranceConnect `sub` (or `account:<user id>`): never the `sub` itself.
 */
export class CreatePetitions1795327057349 implements MigrationInterface {
  name = 'CreatePetitions1795327057349';

  async up(q: QueryRunner): Promise<void> {
    await createMessagingTables(q, 'petitions');
    await q.query(`CREATE TABLE petitions.petition_types (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL,
      name text NOT NULL,
      description text NOT NULL DEFAULT '',
      signature_days integer NOT NULL CHECK (signature_days BETWEEN 1 AND 3660),
      signers text NOT NULL CHECK (signers IN ('franceconnect', 'franceconnect-or-account')),
      authors text NOT NULL CHECK (authors IN ('franceconnect', 'account')),
      withdrawal_allowed boolean NOT NULL DEFAULT false,
      milestones jsonb NOT NULL DEFAULT '[]',
      area_breakdown boolean NOT NULL DEFAULT false,
      area_rule jsonb,
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (organization_id, name))`);
    await q.query(`CREATE TABLE petitions.petitions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL,
      type_id uuid NOT NULL REFERENCES petitions.petition_types(id),
      author_id uuid NOT NULL,
      author_name text NOT NULL,
      title text NOT NULL,
      body text NOT NULL,
      state text NOT NULL DEFAULT 'draft'
        CHECK (state IN ('draft', 'submitted', 'published', 'rejected', 'closed', 'answered')),
      rejection_reason text,
      close_reason text,
      answer_text text,
      answer_date date,
      answer_url text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      submitted_at timestamptz,
      published_at timestamptz,
      closes_at timestamptz,
      closed_at timestamptz,
      answered_at timestamptz,
      signature_count bigint NOT NULL DEFAULT 0,
      offline_count bigint NOT NULL DEFAULT 0,
      total_count bigint GENERATED ALWAYS AS (signature_count + offline_count) STORED,
      CHECK (state <> 'published' OR closes_at IS NOT NULL))`);
    await q.query(
      `CREATE INDEX petitions_by_count ON petitions.petitions (organization_id, state, total_count DESC, id)`,
    );
    await q.query(
      `CREATE INDEX petitions_by_published ON petitions.petitions (organization_id, state, published_at DESC, id)`,
    );
    await q.query(
      `CREATE INDEX petitions_by_deadline ON petitions.petitions (organization_id, state, closes_at, id)`,
    );
    await q.query(
      `CREATE INDEX petitions_by_author ON petitions.petitions (organization_id, author_id)`,
    );
    await q.query(`CREATE TABLE petitions.signatures (
      petition_id uuid NOT NULL,
      signer_key text NOT NULL,
      organization_id uuid NOT NULL,
      receipt uuid NOT NULL UNIQUE,
      area text,
      method text NOT NULL CHECK (method IN ('franceconnect', 'account')),
      signed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (petition_id, signer_key))`);
    await q.query(
      `CREATE INDEX signatures_by_signer ON petitions.signatures (organization_id, signer_key)`,
    );
    await q.query(`CREATE TABLE petitions.area_counts (
      petition_id uuid NOT NULL,
      area text NOT NULL,
      organization_id uuid NOT NULL,
      count bigint NOT NULL DEFAULT 0,
      PRIMARY KEY (petition_id, area))`);
    await q.query(`CREATE TABLE petitions.milestones_reached (
      petition_id uuid NOT NULL,
      threshold bigint NOT NULL,
      organization_id uuid NOT NULL,
      reached_at timestamptz NOT NULL DEFAULT now(),
      count bigint NOT NULL,
      PRIMARY KEY (petition_id, threshold))`);
    await q.query(`CREATE TABLE petitions.timeline (
      id bigserial PRIMARY KEY,
      organization_id uuid NOT NULL,
      petition_id uuid NOT NULL,
      kind text NOT NULL,
      state text,
      detail jsonb NOT NULL DEFAULT '{}',
      actor_id uuid,
      at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX timeline_by_petition ON petitions.timeline (petition_id, id)`);
    await q.query(`CREATE TABLE petitions.offline_counts (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL,
      petition_id uuid NOT NULL REFERENCES petitions.petitions(id),
      count integer NOT NULL CHECK (count <> 0),
      source text NOT NULL,
      note text NOT NULL DEFAULT '',
      recorded_by uuid NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(
      `CREATE INDEX offline_counts_by_petition ON petitions.offline_counts (petition_id, recorded_at)`,
    );
    await q.query(`CREATE TABLE petitions.job_leases (
      name text PRIMARY KEY,
      holder text NOT NULL,
      until timestamptz NOT NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'job_leases',
      'offline_counts',
      'timeline',
      'milestones_reached',
      'area_counts',
      'signatures',
      'petitions',
      'petition_types',
    ])
      await q.query(`DROP TABLE petitions.${table}`);
    await dropMessagingTables(q, 'petitions');
  }
}
