import { Inject, Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import type { SpaceMemberView } from '@palabre/contracts';
import { publish } from '@palabre/messaging';
import { returnedRows } from '@palabre/persistence';
import { DATA_SOURCE } from '@palabre/service-kit';
import { spaceChanged } from './space-changed';
import type { SpaceKind } from './space.dto';
import type { ComponentRow, PhaseRow, SpaceRow } from './space.view';

/** Dates as text (YYYY-MM-DD): never turned into a Date at some time zone's midnight. */
export const SPACE_COLUMNS = `s.id, s.organization_id, s.kind, s.slug, s.reference, s.state, s.private,
  s.transparent, s.auto_phases, s.title, s.subtitle, s.welcome, s.summary, s.image_url, s.image_alt, s.video_url,
  s.objectives, s.participants, s.decision_rules, s.area, s.organizer,
  s.starts_on::text AS starts_on, s.ends_on::text AS ends_on, s.created_at, s.updated_at, s.published_at`;

/**
 * What a write of a space returns: the row, and the database's clock (RFC
 * 3339, to the microsecond) once the row is written, hence locked. Not
 * `now()`, which is when the transaction started: one that waited behind
 * another for the row may have started before it.
 */
const WRITTEN = `${SPACE_COLUMNS},
  to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS changed_at`;
type Written = SpaceRow & { changed_at: string };

export const PHASE_COLUMNS = `p.id, p.organization_id, p.space_id, p.position, p.title, p.description,
  p.starts_on::text AS starts_on, p.ends_on::text AS ends_on, p.active, p.activated_at`;

/** Columns an administrator writes, API name → column (jsonb ones hold fr/en texts). */
export const EDITABLE: Record<string, { column: string; json?: true; cast?: string }> = {
  slug: { column: 'slug' },
  title: { column: 'title', json: true },
  subtitle: { column: 'subtitle', json: true },
  welcome: { column: 'welcome', json: true },
  summary: { column: 'summary', json: true },
  imageUrl: { column: 'image_url' },
  imageAlt: { column: 'image_alt', json: true },
  videoUrl: { column: 'video_url' },
  objectives: { column: 'objectives', json: true },
  participants: { column: 'participants', json: true },
  decisionRules: { column: 'decision_rules', json: true },
  area: { column: 'area', json: true },
  organizer: { column: 'organizer', json: true },
  startsOn: { column: 'starts_on', cast: 'date' },
  endsOn: { column: 'ends_on', cast: 'date' },
  private: { column: 'private', cast: 'boolean' },
  transparent: { column: 'transparent', cast: 'boolean' },
  autoPhases: { column: 'auto_phases', cast: 'boolean' },
};

export interface ListQuery {
  organizationId: string;
  kind?: SpaceKind;
  /** Published only, or drafts too for these spaces (all of them for org admins). */
  drafts: 'none' | 'all' | string[];
  /** Only drafts (an admin's work list). */
  draftsOnly: boolean;
  /** Private spaces the caller sees whatever the membership (org-wide staff). */
  allPrivate: boolean;
  staffOf: string[];
  userId?: string;
  after?: { at: string; id: string };
  limit: number;
}

/**
 * SQL for spaces, their phases, components and members; every query names its
 * organization. Every write of a space announces it (spaces.space.changed.v1)
 * in its transaction, so that no path that creates, edits, publishes or
 * unpublishes one can forget to: the services hosting components keep a copy.
 */
@Injectable()
export class SpacesRepository {
  constructor(@Inject(DATA_SOURCE) private readonly ds: DataSource) {}

  private async announced(m: EntityManager, written: Written): Promise<SpaceRow> {
    // A write that matched no row announces nothing (its caller found the space first).
    if (!written) return written;
    const { changed_at, ...row } = written;
    await publish(m, 'spaces', spaceChanged(row, changed_at));
    return row;
  }

  transaction<T>(fn: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(fn);
  }

  get manager(): EntityManager {
    return this.ds.manager;
  }

  async find(
    organizationId: string,
    id: string,
    m: EntityManager = this.ds.manager,
    lock = false,
  ): Promise<SpaceRow | null> {
    const [row] = await m.query(
      `SELECT ${SPACE_COLUMNS} FROM spaces.spaces s WHERE s.organization_id = $1 AND s.id = $2${lock ? ' FOR NO KEY UPDATE' : ''}`,
      [organizationId, id],
    );
    return row ?? null;
  }

  async findBySlug(organizationId: string, slug: string): Promise<SpaceRow | null> {
    const [row] = await this.ds.query(
      `SELECT ${SPACE_COLUMNS} FROM spaces.spaces s WHERE s.organization_id = $1 AND s.slug = $2`,
      [organizationId, slug],
    );
    return row ?? null;
  }

  /**
   * The next reference code of the organization, e.g. `demo-PART-2026-11-70`:
   * prefix, kind, year-month of creation, then a number that only grows
   * (one counter per organization, taken under its row lock).
   */
  async nextReference(m: EntityManager, organizationId: string, kind: SpaceKind): Promise<string> {
    const [row] = returnedRows<{ reference_prefix: string; last_reference: number; ym: string }>(
      await m.query(
        `INSERT INTO spaces.organizations (organization_id, reference_prefix, last_reference)
         VALUES ($1, $2, 1)
         ON CONFLICT (organization_id) DO UPDATE SET last_reference = spaces.organizations.last_reference + 1
         RETURNING reference_prefix, last_reference, to_char(now(), 'YYYY-MM') AS ym`,
        [organizationId, organizationId.slice(0, 8).toLowerCase()],
      ),
    );
    return `${row.reference_prefix}-${kind === 'process' ? 'PART' : 'ASSE'}-${row.ym}-${row.last_reference}`;
  }

  async referencePrefix(organizationId: string): Promise<string> {
    const [row] = await this.ds.query(
      `SELECT reference_prefix FROM spaces.organizations WHERE organization_id = $1`,
      [organizationId],
    );
    return row?.reference_prefix ?? organizationId.slice(0, 8).toLowerCase();
  }

  async setReferencePrefix(organizationId: string, prefix: string): Promise<void> {
    await this.ds.query(
      `INSERT INTO spaces.organizations (organization_id, reference_prefix) VALUES ($1, $2)
       ON CONFLICT (organization_id) DO UPDATE SET reference_prefix = EXCLUDED.reference_prefix`,
      [organizationId, prefix],
    );
  }

  async insert(
    m: EntityManager,
    organizationId: string,
    kind: SpaceKind,
    reference: string,
    fields: Record<string, unknown>,
  ): Promise<SpaceRow> {
    const columns = ['organization_id', 'kind', 'reference'];
    const values = ['$1', '$2', '$3'];
    const params: unknown[] = [organizationId, kind, reference];
    for (const [key, value] of Object.entries(fields)) {
      const e = EDITABLE[key];
      if (!e || value === undefined) continue;
      columns.push(e.column);
      params.push(e.json ? JSON.stringify(value ?? {}) : value);
      values.push(`$${params.length}${e.json ? '::jsonb' : e.cast ? `::${e.cast}` : ''}`);
    }
    const [row] = await m.query(
      `INSERT INTO spaces.spaces AS s (${columns.join(', ')}) VALUES (${values.join(', ')})
       RETURNING ${WRITTEN}`,
      params,
    );
    return this.announced(m, row);
  }

  async update(
    m: EntityManager,
    organizationId: string,
    id: string,
    fields: Record<string, unknown>,
  ): Promise<SpaceRow> {
    const sets = ['updated_at = now()'];
    const params: unknown[] = [organizationId, id];
    for (const [key, value] of Object.entries(fields)) {
      const e = EDITABLE[key];
      if (!e || value === undefined) continue;
      params.push(e.json ? JSON.stringify(value ?? {}) : value);
      sets.push(
        `${e.column} = $${params.length}${e.json ? '::jsonb' : e.cast ? `::${e.cast}` : ''}`,
      );
    }
    const [row] = returnedRows<Written>(
      await m.query(
        `UPDATE spaces.spaces s SET ${sets.join(', ')} WHERE s.organization_id = $1 AND s.id = $2
         RETURNING ${WRITTEN}`,
        params,
      ),
    );
    return this.announced(m, row);
  }

  async setState(
    m: EntityManager,
    organizationId: string,
    id: string,
    state: 'draft' | 'published',
  ): Promise<SpaceRow> {
    const [row] = returnedRows<Written>(
      await m.query(
        `UPDATE spaces.spaces s SET state = $3, updated_at = now(),
           published_at = CASE WHEN $3 = 'published' THEN coalesce(published_at, now()) ELSE published_at END
         WHERE s.organization_id = $1 AND s.id = $2 RETURNING ${WRITTEN}`,
        [organizationId, id, state],
      ),
    );
    return this.announced(m, row);
  }

  async list(q: ListQuery): Promise<(SpaceRow & { sort_at: Date })[]> {
    const params: unknown[] = [q.organizationId, q.limit];
    const where = ['s.organization_id = $1'];
    if (q.kind) where.push(`s.kind = $${params.push(q.kind)}`);
    const drafts =
      q.drafts === 'all'
        ? 'true'
        : q.drafts === 'none'
          ? 'false'
          : `s.id = ANY($${params.push(q.drafts)}::uuid[])`;
    where.push(
      q.draftsOnly ? `s.state = 'draft' AND ${drafts}` : `(s.state = 'published' OR ${drafts})`,
    );
    if (!q.allPrivate) {
      const seen = [`NOT s.private`, 's.transparent'];
      if (q.drafts === 'all') seen.push('true');
      else if (Array.isArray(q.drafts) && q.drafts.length)
        seen.push(`s.id = ANY($${params.push(q.drafts)}::uuid[])`);
      if (q.staffOf.length) seen.push(`s.id = ANY($${params.push(q.staffOf)}::uuid[])`);
      if (q.userId)
        seen.push(
          `EXISTS (SELECT 1 FROM spaces.members mb WHERE mb.organization_id = s.organization_id
             AND mb.space_id = s.id AND mb.user_id = $${params.push(q.userId)}::uuid)`,
        );
      where.push(`(${seen.join(' OR ')})`);
    }
    if (q.after) {
      const at = `$${params.push(q.after.at)}::timestamptz`;
      const id = `$${params.push(q.after.id)}::uuid`;
      where.push(`(coalesce(s.published_at, s.created_at), s.id) < (${at}, ${id})`);
    }
    return this.ds.query(
      `SELECT ${SPACE_COLUMNS}, coalesce(s.published_at, s.created_at) AS sort_at
         FROM spaces.spaces s WHERE ${where.join(' AND ')}
        ORDER BY coalesce(s.published_at, s.created_at) DESC, s.id DESC LIMIT $2`,
      params,
    );
  }

  async isMember(organizationId: string, spaceId: string, userId: string | undefined) {
    if (!userId) return false;
    const [row] = await this.ds.query(
      `SELECT 1 FROM spaces.members WHERE organization_id = $1 AND space_id = $2 AND user_id = $3`,
      [organizationId, spaceId, userId],
    );
    return row !== undefined;
  }

  async members(organizationId: string, spaceId: string): Promise<SpaceMemberView[]> {
    const rows: { user_id: string; invited_by: string | null; created_at: Date }[] =
      await this.ds.query(
        `SELECT user_id, invited_by, created_at FROM spaces.members
          WHERE organization_id = $1 AND space_id = $2 ORDER BY created_at, user_id`,
        [organizationId, spaceId],
      );
    return rows.map((r) => ({
      userId: r.user_id,
      invitedBy: r.invited_by,
      invitedAt: new Date(r.created_at).toISOString(),
    }));
  }

  /** The members of these spaces of the organization: distinct account ids, sorted. */
  async membersOf(organizationId: string, spaceIds: string[]): Promise<string[]> {
    const rows: { user_id: string }[] = await this.ds.query(
      `SELECT DISTINCT user_id FROM spaces.members
        WHERE organization_id = $1 AND space_id = ANY($2::uuid[])
        ORDER BY user_id`,
      [organizationId, spaceIds],
    );
    return rows.map((r) => r.user_id);
  }

  async addMember(organizationId: string, spaceId: string, userId: string, by?: string) {
    const rows = await this.ds.query(
      `INSERT INTO spaces.members (organization_id, space_id, user_id, invited_by)
       VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING user_id`,
      [organizationId, spaceId, userId, by ?? null],
    );
    return rows.length === 1;
  }

  async removeMember(organizationId: string, spaceId: string, userId: string) {
    const rows = returnedRows(
      await this.ds.query(
        `DELETE FROM spaces.members WHERE organization_id = $1 AND space_id = $2 AND user_id = $3
         RETURNING user_id`,
        [organizationId, spaceId, userId],
      ),
    );
    return rows.length === 1;
  }

  phases(
    organizationId: string,
    spaceId: string,
    m: EntityManager = this.ds.manager,
  ): Promise<PhaseRow[]> {
    return m.query(
      `SELECT ${PHASE_COLUMNS} FROM spaces.phases p WHERE p.organization_id = $1 AND p.space_id = $2
        ORDER BY p.position`,
      [organizationId, spaceId],
    );
  }

  /** Active phases of many spaces at once (for lists). */
  async activePhases(organizationId: string, spaceIds: string[]): Promise<Map<string, PhaseRow>> {
    if (!spaceIds.length) return new Map();
    const rows: PhaseRow[] = await this.ds.query(
      `SELECT ${PHASE_COLUMNS} FROM spaces.phases p
        WHERE p.organization_id = $1 AND p.space_id = ANY($2::uuid[]) AND p.active`,
      [organizationId, spaceIds],
    );
    return new Map(rows.map((p) => [p.space_id, p]));
  }

  components(
    organizationId: string,
    spaceId: string,
    m: EntityManager = this.ds.manager,
  ): Promise<ComponentRow[]> {
    return m.query(
      `SELECT * FROM spaces.components WHERE organization_id = $1 AND space_id = $2
        ORDER BY position, created_at, id`,
      [organizationId, spaceId],
    );
  }
}
