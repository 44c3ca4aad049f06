import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts, sessions, grants and the one-time tokens around them. No table
 * holds a FranceConnect `sub` or a birthdate: signers are known only by
 * HMAC(secret, sub), and authors' links by the same keyed hash.
 */
export class Accounts1763790000000 implements MigrationInterface {
  name = 'Accounts1763790000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE identity.organizations
      ADD COLUMN registration_mode text NOT NULL DEFAULT 'open'
        CHECK (registration_mode IN ('open', 'invitation', 'franceconnect')),
      ADD COLUMN identity_providers text[] NOT NULL DEFAULT ARRAY['local', 'franceconnect'],
      ADD COLUMN parent_id uuid REFERENCES identity.organizations(id)`);
    await q.query(`CREATE TABLE identity.users (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL REFERENCES identity.organizations(id),
      email text CHECK (email = lower(email)),
      email_confirmed_at timestamptz,
      password_hash text,
      display_name text,
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'blocked', 'deleted')),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(
      `CREATE UNIQUE INDEX users_org_email ON identity.users (organization_id, email) WHERE email IS NOT NULL`,
    );
    await q.query(`CREATE TABLE identity.franceconnect_links (
      organization_id uuid NOT NULL REFERENCES identity.organizations(id),
      sub_key text NOT NULL,
      user_id uuid NOT NULL REFERENCES identity.users(id) ON DELETE CASCADE,
      PRIMARY KEY (organization_id, sub_key))`);
    await q.query(`CREATE TABLE identity.email_tokens (
      token_hash text PRIMARY KEY,
      organization_id uuid NOT NULL REFERENCES identity.organizations(id),
      user_id uuid NOT NULL REFERENCES identity.users(id) ON DELETE CASCADE,
      purpose text NOT NULL CHECK (purpose IN ('confirm-email', 'reset-password')),
      expires_at timestamptz NOT NULL,
      used_at timestamptz)`);
    await q.query(`CREATE TABLE identity.sessions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      token_hash text NOT NULL UNIQUE,
      organization_id uuid NOT NULL REFERENCES identity.organizations(id),
      user_id uuid REFERENCES identity.users(id) ON DELETE CASCADE,
      signer_key text,
      kind text NOT NULL CHECK (kind IN ('account', 'signer')),
      user_agent text,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      revoked_at timestamptz,
      CHECK ((kind = 'account' AND user_id IS NOT NULL) OR (kind = 'signer' AND signer_key IS NOT NULL)))`);
    await q.query(
      `CREATE INDEX sessions_user ON identity.sessions (user_id) WHERE revoked_at IS NULL`,
    );
    await q.query(`CREATE TABLE identity.grants (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL REFERENCES identity.organizations(id),
      user_id uuid NOT NULL REFERENCES identity.users(id) ON DELETE CASCADE,
      role text NOT NULL CHECK (role IN ('platform-operator', 'org-admin', 'space-admin', 'moderator', 'evaluator')),
      space_id uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (role NOT IN ('platform-operator', 'org-admin') OR space_id IS NULL))`);
    await q.query(`CREATE UNIQUE INDEX grants_unique ON identity.grants
      (organization_id, user_id, role, coalesce(space_id, '00000000-0000-0000-0000-000000000000'::uuid))`);
    await q.query(`CREATE TABLE identity.captcha_challenges (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL REFERENCES identity.organizations(id),
      answer_hash text NOT NULL,
      expires_at timestamptz NOT NULL,
      used_at timestamptz)`);
    await q.query(`CREATE TABLE identity.blocks (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL REFERENCES identity.organizations(id),
      user_id uuid NOT NULL REFERENCES identity.users(id) ON DELETE CASCADE,
      action text NOT NULL CHECK (action IN ('block', 'unblock')),
      source text NOT NULL,
      actor_id uuid,
      reason text,
      created_at timestamptz NOT NULL DEFAULT now())`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'blocks',
      'captcha_challenges',
      'grants',
      'sessions',
      'email_tokens',
      'franceconnect_links',
      'users',
    ]) {
      await q.query(`DROP TABLE identity.${t}`);
    }
    await q.query(
      `ALTER TABLE identity.organizations DROP COLUMN parent_id, DROP COLUMN identity_providers, DROP COLUMN registration_mode`,
    );
  }
}
