import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the antispam service scores from events, and what people decided
 * (ADR 0041). Every table carries its organization.
 *
 * - `accounts`: per account, its contribution counts (from events), its last
 *   score and reasons, `due_at` when it must be (re)scored, and the signals
 *   an administrator found innocent (`stamped_signals`: a flag made only of
 *   them is never raised again). Nothing of identity's is copied here but the
 *   score: the name and the address's domain are asked when scoring.
 * - `contents`: a contribution received from its event, scored once
 *   (`scored_at`); its text is kept only while it waits or when it was flagged.
 * - `flags`: what was reported (above the flag threshold) or blocked, with
 *   the score, the reasons and the model; at most one open flag per subject.
 * - `labels`: people's decisions (dismissed: ham; blocked: spam) with the
 *   text they were about, for `npm run antispam:train -- --labels`.
 * - `digests`: the administrators' daily digest, once per organization and day.
 * No IP address, no address, nothing that is not the contribution itself.
 */
export class Reviews1796900000000 implements MigrationInterface {
  name = 'Reviews1796900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE antispam.accounts (
      organization_id uuid NOT NULL,
      user_id uuid NOT NULL,
      contributions integer NOT NULL DEFAULT 0,
      links integer NOT NULL DEFAULT 0,
      score double precision,
      reasons text[] NOT NULL DEFAULT '{}',
      model text,
      scored_at timestamptz,
      due_at timestamptz,
      attempts integer NOT NULL DEFAULT 0,
      staff boolean NOT NULL DEFAULT false,
      blocked_at timestamptz,
      stamped_signals text[] NOT NULL DEFAULT '{}',
      PRIMARY KEY (organization_id, user_id))`);
    await q.query(
      `CREATE INDEX accounts_due ON antispam.accounts (due_at) WHERE due_at IS NOT NULL`,
    );
    await q.query(`CREATE TABLE antispam.contents (
      organization_id uuid NOT NULL,
      target_type text NOT NULL CHECK (target_type IN ('proposal', 'comment')),
      target_id uuid NOT NULL,
      author_id uuid,
      title text NOT NULL DEFAULT '',
      body text,
      -- sha-256 of the folded text: the same text posted many times.
      text_hash text NOT NULL,
      path text NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now(),
      score double precision,
      scored_at timestamptz,
      PRIMARY KEY (organization_id, target_type, target_id))`);
    await q.query(
      `CREATE INDEX contents_waiting ON antispam.contents (received_at) WHERE scored_at IS NULL`,
    );
    await q.query(
      `CREATE INDEX contents_by_text ON antispam.contents (organization_id, text_hash)`,
    );
    await q.query(`CREATE TABLE antispam.flags (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL,
      subject_type text NOT NULL CHECK (subject_type IN ('account', 'proposal', 'comment')),
      subject_id uuid NOT NULL,
      user_id uuid,
      score double precision NOT NULL,
      reasons text[] NOT NULL,
      model text NOT NULL,
      title text NOT NULL DEFAULT '',
      body text NOT NULL DEFAULT '',
      path text NOT NULL DEFAULT '',
      status text NOT NULL DEFAULT 'open'
        CHECK (status IN ('open', 'dismissed', 'blocked', 'unblocked')),
      created_at timestamptz NOT NULL DEFAULT now(),
      decided_at timestamptz,
      decided_by uuid,
      digested_at timestamptz)`);
    await q.query(
      `CREATE UNIQUE INDEX flags_one_open ON antispam.flags (organization_id, subject_type, subject_id)
        WHERE status = 'open'`,
    );
    await q.query(
      `CREATE INDEX flags_by_org ON antispam.flags (organization_id, status, created_at DESC)`,
    );
    await q.query(
      `CREATE INDEX flags_by_user ON antispam.flags (organization_id, user_id) WHERE user_id IS NOT NULL`,
    );
    await q.query(`CREATE TABLE antispam.labels (
      id bigserial PRIMARY KEY,
      organization_id uuid NOT NULL,
      subject_type text NOT NULL,
      subject_id uuid NOT NULL,
      user_id uuid,
      label text NOT NULL CHECK (label IN ('spam', 'ham')),
      decision text NOT NULL,
      title text NOT NULL DEFAULT '',
      body text NOT NULL DEFAULT '',
      decided_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX labels_by_org ON antispam.labels (organization_id, decided_at)`);
    await q.query(`CREATE TABLE antispam.digests (
      organization_id uuid NOT NULL,
      day date NOT NULL,
      reported integer NOT NULL,
      blocked integer NOT NULL,
      sent_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (organization_id, day))`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['digests', 'labels', 'flags', 'contents', 'accounts'])
      await q.query(`DROP TABLE antispam.${t}`);
  }
}
