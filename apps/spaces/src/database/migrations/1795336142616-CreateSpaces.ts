import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createMessagingTables, dropMessagingTables } from '@palabre/messaging';

/**
 * Participatory spaces (processes with phases, assemblies), their phases,
 * components with settings per phase and permissions per action, members of
 * private spaces, the component-type registry fed by other services' events,
 * and the outbox/inbox.
 *
 * "Exactly one active phase per process" is the partial unique index
 * `phases_one_active`: whatever the code does, the database refuses a second
 * active phase. Every row carries its organization; component types carry one
 * only when a service registered a type for a single organization (NULL: the
 * type exists in every organization).
 */
export class CreateSpaces1795336142616 implements MigrationInterface {
  name = 'CreateSpaces1795336142616';

  async up(q: QueryRunner): Promise<void> {
    await createMessagingTables(q, 'spaces');
    await q.query(`CREATE TABLE spaces.organizations (
      organization_id uuid PRIMARY KEY,
      reference_prefix text NOT NULL CHECK (reference_prefix ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
      last_reference integer NOT NULL DEFAULT 0)`);
    await q.query(`CREATE TABLE spaces.spaces (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL,
      kind text NOT NULL CHECK (kind IN ('process', 'assembly')),
      slug text NOT NULL,
      reference text NOT NULL,
      state text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'published')),
      private boolean NOT NULL DEFAULT false,
      transparent boolean NOT NULL DEFAULT false,
      auto_phases boolean NOT NULL DEFAULT false,
      title jsonb NOT NULL,
      subtitle jsonb NOT NULL DEFAULT '{}',
      welcome jsonb NOT NULL DEFAULT '{}',
      summary jsonb NOT NULL DEFAULT '{}',
      image_url text,
      video_url text,
      objectives jsonb NOT NULL DEFAULT '{}',
      participants jsonb NOT NULL DEFAULT '{}',
      decision_rules jsonb NOT NULL DEFAULT '{}',
      area jsonb NOT NULL DEFAULT '{}',
      organizer jsonb NOT NULL DEFAULT '{}',
      starts_on date,
      ends_on date,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      published_at timestamptz,
      UNIQUE (organization_id, slug),
      UNIQUE (organization_id, reference),
      UNIQUE (organization_id, id),
      CHECK (NOT transparent OR private),
      CHECK (kind = 'process' OR NOT auto_phases),
      CHECK (ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on))`);
    await q.query(
      `CREATE INDEX spaces_listing ON spaces.spaces (organization_id, state, (coalesce(published_at, created_at)) DESC, id DESC)`,
    );
    await q.query(`CREATE TABLE spaces.phases (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL,
      space_id uuid NOT NULL,
      position integer NOT NULL CHECK (position >= 0),
      title jsonb NOT NULL,
      description jsonb NOT NULL DEFAULT '{}',
      starts_on date,
      ends_on date,
      active boolean NOT NULL DEFAULT false,
      activated_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      FOREIGN KEY (organization_id, space_id) REFERENCES spaces.spaces (organization_id, id) ON DELETE CASCADE,
      UNIQUE (organization_id, id),
      CONSTRAINT phases_position UNIQUE (space_id, position) DEFERRABLE INITIALLY DEFERRED,
      CHECK (ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on))`);
    await q.query(`CREATE UNIQUE INDEX phases_one_active ON spaces.phases (space_id) WHERE active`);
    await q.query(`CREATE TABLE spaces.members (
      organization_id uuid NOT NULL,
      space_id uuid NOT NULL,
      user_id uuid NOT NULL,
      invited_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (space_id, user_id),
      FOREIGN KEY (organization_id, space_id) REFERENCES spaces.spaces (organization_id, id) ON DELETE CASCADE)`);
    await q.query(`CREATE INDEX members_by_user ON spaces.members (organization_id, user_id)`);
    await q.query(`CREATE TABLE spaces.component_types (
      id bigserial PRIMARY KEY,
      organization_id uuid,
      type text NOT NULL,
      service text NOT NULL,
      version integer NOT NULL,
      name jsonb NOT NULL DEFAULT '{}',
      global_settings jsonb NOT NULL DEFAULT '[]',
      phase_settings jsonb NOT NULL DEFAULT '[]',
      actions jsonb NOT NULL DEFAULT '[]',
      registered_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(
      `CREATE UNIQUE INDEX component_types_key ON spaces.component_types
         (coalesce(organization_id, '00000000-0000-0000-0000-000000000000'::uuid), type)`,
    );
    await q.query(`CREATE TABLE spaces.components (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL,
      space_id uuid NOT NULL,
      type text NOT NULL,
      name jsonb NOT NULL,
      position integer NOT NULL DEFAULT 0,
      settings jsonb NOT NULL DEFAULT '{}',
      default_phase_settings jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      FOREIGN KEY (organization_id, space_id) REFERENCES spaces.spaces (organization_id, id) ON DELETE CASCADE,
      UNIQUE (organization_id, id))`);
    await q.query(
      `CREATE INDEX components_by_space ON spaces.components (organization_id, space_id, position)`,
    );
    await q.query(`CREATE TABLE spaces.component_phase_settings (
      organization_id uuid NOT NULL,
      component_id uuid NOT NULL,
      phase_id uuid NOT NULL,
      settings jsonb NOT NULL DEFAULT '{}',
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (component_id, phase_id),
      FOREIGN KEY (organization_id, component_id) REFERENCES spaces.components (organization_id, id) ON DELETE CASCADE,
      FOREIGN KEY (organization_id, phase_id) REFERENCES spaces.phases (organization_id, id) ON DELETE CASCADE)`);
    await q.query(`CREATE TABLE spaces.component_permissions (
      organization_id uuid NOT NULL,
      component_id uuid NOT NULL,
      action text NOT NULL,
      verification text NOT NULL DEFAULT 'none' CHECK (verification IN ('none', 'franceconnect')),
      minimum_age integer CHECK (minimum_age BETWEEN 1 AND 120),
      members_only boolean NOT NULL DEFAULT false,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (component_id, action),
      FOREIGN KEY (organization_id, component_id) REFERENCES spaces.components (organization_id, id) ON DELETE CASCADE)`);
    await q.query(`CREATE TABLE spaces.job_leases (
      name text PRIMARY KEY,
      holder text NOT NULL,
      until timestamptz NOT NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'job_leases',
      'component_permissions',
      'component_phase_settings',
      'components',
      'component_types',
      'members',
      'phases',
      'spaces',
      'organizations',
    ])
      await q.query(`DROP TABLE spaces.${table}`);
    await dropMessagingTables(q, 'spaces');
  }
}
