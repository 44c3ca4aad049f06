import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { hasRole, type InternalIdentity, type Role } from '@palabre/auth';
import type { PersonRule } from './spaces-authorize';

/** Who may do one action, as spaces' permission says (ComponentSettingsChanged's `permissions`). */
export interface ActionPermission extends PersonRule {
  membersOnly: boolean;
}

/** A component of a hosted type, as the hosting service keeps it (settings typed by the service). */
export interface HostedComponent<S> {
  id: string;
  organizationId: string;
  spaceId: string;
  activePhase: { id: string; title: Record<string, string> } | null;
  settings: S;
  /** Every setting's value in force (defaults filled in): the phase switches of actions. */
  raw: Record<string, unknown>;
  /** Per action; null until a settings event told them (a component learned through authorize). */
  permissions: Record<string, ActionPermission> | null;
  /** 'event': from spaces' settings event; 'authorize': vouched for by spaces, type defaults. */
  source: 'event' | 'authorize';
}

/** A space as a hosting service keeps it, from spaces.space.changed.v1. */
export interface HostedSpace {
  id: string;
  slug: string;
  /** By locale. */
  title: Record<string, string>;
  /** By locale; empty when the space names no area. */
  area: Record<string, string>;
  /** 'draft', 'published' or 'deleted' (a deleted space keeps its row: no late event revives it). */
  state: string;
  /** Shown to its members and staff only (a private space that everyone may read is not). */
  private: boolean;
  /** 'process', 'assembly'… */
  kind: string;
}

/** One action's permission from the event's JSON (none: any signed-in participant). */
export function permissionFrom(raw: unknown): ActionPermission {
  const p = (raw ?? {}) as { verification?: unknown; minimumAge?: unknown; membersOnly?: unknown };
  const age = Number(p.minimumAge);
  return {
    verification: p.verification === 'franceconnect' ? 'franceconnect' : 'any',
    minimumAge: Number.isInteger(age) && age > 0 ? age : null,
    membersOnly: p.membersOnly === true,
  };
}

/**
 * The tables a hosting service keeps in its own schema: its components'
 * settings in force, the titles of phases (to name the phase in a
 * refusal) and a copy of the organization's spaces (to list and filter
 * content by space without asking spaces). Written so that a migration may
 * run it over tables an older version created (IF NOT EXISTS).
 */
export async function createComponentTables(q: QueryRunner, schema: string): Promise<void> {
  await q.query(`CREATE TABLE IF NOT EXISTS ${schema}.components (
      component_id uuid PRIMARY KEY,
      organization_id uuid NOT NULL,
      space_id uuid NOT NULL,
      active_phase_id uuid,
      settings jsonb NOT NULL DEFAULT '{}',
      permissions jsonb,
      -- 'event': from spaces.component.settings-changed; 'authorize': learned
      -- from an authorization answer before any event (type defaults).
      source text NOT NULL CHECK (source IN ('event', 'authorize')),
      updated_at timestamptz NOT NULL DEFAULT now())`);
  await q.query(`ALTER TABLE ${schema}.components ADD COLUMN IF NOT EXISTS permissions jsonb`);
  await q.query(
    `CREATE INDEX IF NOT EXISTS components_by_space ON ${schema}.components (organization_id, space_id)`,
  );
  await q.query(`CREATE TABLE IF NOT EXISTS ${schema}.phases (
      phase_id uuid PRIMARY KEY,
      organization_id uuid NOT NULL,
      space_id uuid NOT NULL,
      title jsonb NOT NULL DEFAULT '{}',
      activated_at timestamptz NOT NULL DEFAULT now())`);
  await q.query(`CREATE TABLE IF NOT EXISTS ${schema}.spaces (
      space_id uuid PRIMARY KEY,
      organization_id uuid NOT NULL,
      slug text NOT NULL,
      title jsonb NOT NULL DEFAULT '{}',
      area jsonb NOT NULL DEFAULT '{}',
      state text NOT NULL,
      private boolean NOT NULL,
      kind text NOT NULL,
      -- When spaces made the change: an event older than the copy is ignored.
      changed_at timestamptz NOT NULL)`);
  await q.query(
    `CREATE INDEX IF NOT EXISTS spaces_by_organization ON ${schema}.spaces (organization_id)`,
  );
}

/** Who sees a private space's content listed: its staff (organization-wide ones: every space's). */
const SPACE_STAFF: Role[] = ['space-admin', 'moderator', 'evaluator'];
const ALIAS = /^[a-z_][a-z0-9_]*$/;

/**
 * A condition on `alias`, a row of a hosting service's `spaces` table: the
 * spaces whose content `identity` may see listed. Published, and either not
 * private or the person is staff of it (its admins, moderators and
 * evaluators; organization admins and organization-wide staff are staff of
 * every space). Its parameters are appended to `params`.
 *
 * Members of a private space are known to spaces only, so a list shows them
 * nothing of it; they reach its content through the space itself (and a
 * component's page through `ComponentHost.visible`, which asks spaces).
 * Drafts are never listed, not even to their administrators.
 *
 * e.g. `JOIN meetings.spaces sp ON sp.organization_id = m.organization_id
 * AND sp.space_id = m.space_id WHERE ${listedSpaces(identity, params)}`.
 */
export function listedSpaces(identity: InternalIdentity, params: unknown[], alias = 'sp'): string {
  if (!ALIAS.test(alias)) throw new Error(`Not an SQL alias: ${alias}`);
  const where = `${alias}.organization_id = $${params.push(identity.organizationId)}::uuid AND ${alias}.state = 'published'`;
  if (SPACE_STAFF.some((role) => hasRole(identity, role))) return `(${where})`;
  const staffOf = [
    ...new Set(
      identity.grants
        .map((g) => g.spaceId)
        .filter((id): id is string => !!id && SPACE_STAFF.some((r) => hasRole(identity, r, id))),
    ),
  ];
  if (!staffOf.length) return `(${where} AND NOT ${alias}.private)`;
  return `(${where} AND (NOT ${alias}.private OR ${alias}.space_id = ANY($${params.push(staffOf)}::uuid[])))`;
}

interface Row {
  component_id: string;
  organization_id: string;
  space_id: string;
  active_phase_id: string | null;
  settings: Record<string, unknown> | null;
  permissions: Record<string, unknown> | null;
  source: 'event' | 'authorize';
  phase_title: Record<string, string> | null;
}

interface SpaceCopyRow {
  space_id: string;
  slug: string;
  title: Record<string, string>;
  area: Record<string, string>;
  state: string;
  private: boolean;
  kind: string;
}

const toSpace = (r: SpaceCopyRow): HostedSpace => ({
  id: r.space_id,
  slug: r.slug,
  title: r.title,
  area: r.area,
  state: r.state,
  private: r.private,
  kind: r.kind,
});

const SCHEMA = /^[a-z][a-z0-9_]*$/;

/** The local copy of a service's components and their settings, kept from spaces' events. */
export class ComponentsStore<S> {
  constructor(
    private readonly ds: DataSource,
    private readonly schema: string,
    private readonly read: (stored: Record<string, unknown>) => {
      settings: S;
      raw: Record<string, unknown>;
    },
  ) {
    if (!SCHEMA.test(schema)) throw new Error(`Not a schema name: ${schema}`);
  }

  private toComponent(r: Row): HostedComponent<S> {
    const { settings, raw } = this.read(r.settings ?? {});
    return {
      id: r.component_id,
      organizationId: r.organization_id,
      spaceId: r.space_id,
      activePhase: r.active_phase_id ? { id: r.active_phase_id, title: r.phase_title ?? {} } : null,
      settings,
      raw,
      permissions: r.permissions
        ? Object.fromEntries(Object.entries(r.permissions).map(([k, v]) => [k, permissionFrom(v)]))
        : null,
      source: r.source,
    };
  }

  private select(where: string): string {
    return `SELECT c.*, p.title AS phase_title FROM ${this.schema}.components c
      LEFT JOIN ${this.schema}.phases p ON p.organization_id = c.organization_id AND p.phase_id = c.active_phase_id
     WHERE ${where}`;
  }

  async find(
    organizationId: string,
    componentId: string,
    m: EntityManager = this.ds.manager,
  ): Promise<HostedComponent<S> | null> {
    const [r]: Row[] = await m.query(
      this.select('c.organization_id = $1 AND c.component_id = $2'),
      [organizationId, componentId],
    );
    return r ? this.toComponent(r) : null;
  }

  /** The components of a space this service knows, oldest first. */
  async inSpace(
    organizationId: string,
    spaceId: string,
    m: EntityManager = this.ds.manager,
  ): Promise<HostedComponent<S>[]> {
    const rows: Row[] = await m.query(
      `${this.select('c.organization_id = $1 AND c.space_id = $2')} ORDER BY c.updated_at, c.component_id`,
      [organizationId, spaceId],
    );
    return rows.map((r) => this.toComponent(r));
  }

  /** The settings now in force, from spaces.component.settings-changed (latest wins). */
  async applySettings(
    m: EntityManager,
    c: {
      organizationId: string;
      componentId: string;
      spaceId: string;
      activePhaseId: string | null;
      settings: Record<string, unknown>;
      permissions: Record<string, unknown>;
    },
  ): Promise<void> {
    await m.query(
      `INSERT INTO ${this.schema}.components (component_id, organization_id, space_id, active_phase_id,
         settings, permissions, source)
       VALUES ($1, $2, $3, $4, $5, $6, 'event')
       ON CONFLICT (component_id) DO UPDATE SET space_id = EXCLUDED.space_id,
         active_phase_id = EXCLUDED.active_phase_id, settings = EXCLUDED.settings,
         permissions = EXCLUDED.permissions, source = 'event', updated_at = now()
       WHERE ${this.schema}.components.organization_id = EXCLUDED.organization_id`,
      [
        c.componentId,
        c.organizationId,
        c.spaceId,
        c.activePhaseId,
        JSON.stringify(c.settings),
        JSON.stringify(c.permissions),
      ],
    );
  }

  /** A component spaces vouched for before any settings event reached us: type defaults until one does. */
  async learn(organizationId: string, componentId: string, spaceId: string): Promise<void> {
    await this.ds.query(
      `INSERT INTO ${this.schema}.components (component_id, organization_id, space_id, source)
       VALUES ($1, $2, $3, 'authorize') ON CONFLICT (component_id) DO NOTHING`,
      [componentId, organizationId, spaceId],
    );
  }

  /** A phase became active in a space (spaces.phase.activated): its title names it in refusals. */
  async phaseActivated(
    m: EntityManager,
    p: { organizationId: string; spaceId: string; phaseId: string; title: Record<string, string> },
  ): Promise<void> {
    await m.query(
      `INSERT INTO ${this.schema}.phases (phase_id, organization_id, space_id, title) VALUES ($1, $2, $3, $4)
       ON CONFLICT (phase_id) DO UPDATE SET title = EXCLUDED.title, activated_at = now()
       WHERE ${this.schema}.phases.organization_id = EXCLUDED.organization_id`,
      [p.phaseId, p.organizationId, p.spaceId, JSON.stringify(p.title)],
    );
  }

  /**
   * A space as spaces announced it (spaces.space.changed.v1). An event older
   * than the copy changes nothing, nor one of another organization than the
   * copy's. True when the copy changed.
   */
  async applySpace(
    m: EntityManager,
    s: HostedSpace & { organizationId: string; changedAt: string },
  ): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `INSERT INTO ${this.schema}.spaces AS sp (space_id, organization_id, slug, title, area, state,
         private, kind, changed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (space_id) DO UPDATE SET slug = EXCLUDED.slug, title = EXCLUDED.title,
         area = EXCLUDED.area, state = EXCLUDED.state, private = EXCLUDED.private,
         kind = EXCLUDED.kind, changed_at = EXCLUDED.changed_at
       WHERE sp.organization_id = EXCLUDED.organization_id AND sp.changed_at <= EXCLUDED.changed_at
       RETURNING sp.space_id`,
      [
        s.id,
        s.organizationId,
        s.slug,
        JSON.stringify(s.title),
        JSON.stringify(s.area),
        s.state,
        s.private,
        s.kind,
        s.changedAt,
      ],
    );
    return rows.length === 1;
  }

  /** The copy of a space of the organization, or null (unknown, or another organization's). */
  async space(
    organizationId: string,
    spaceId: string,
    m: EntityManager = this.ds.manager,
  ): Promise<HostedSpace | null> {
    const [r]: SpaceCopyRow[] = await m.query(
      `SELECT * FROM ${this.schema}.spaces WHERE organization_id = $1 AND space_id = $2`,
      [organizationId, spaceId],
    );
    return r ? toSpace(r) : null;
  }

  /** The copies of these spaces of the organization, in the order of `ids` (unknown ones left out). */
  async spaces(
    organizationId: string,
    ids: readonly string[],
    m: EntityManager = this.ds.manager,
  ): Promise<HostedSpace[]> {
    if (!ids.length) return [];
    const rows: SpaceCopyRow[] = await m.query(
      `SELECT * FROM ${this.schema}.spaces WHERE organization_id = $1 AND space_id = ANY($2::uuid[])
        ORDER BY array_position($2::uuid[], space_id)`,
      [organizationId, ids],
    );
    return rows.map(toSpace);
  }
}
