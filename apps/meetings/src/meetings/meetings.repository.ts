import { Inject, Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import type { MeetingType } from '@palabre/contracts';
import { returnedRows } from '@palabre/persistence';
import { DATA_SOURCE } from '@palabre/service-kit';
import type { MeetingRow } from './meeting.view';

/** Columns an organizer writes (snake_case, as stored). */
export type MeetingFields = Partial<
  Pick<
    MeetingRow,
    | 'title'
    | 'description'
    | 'type'
    | 'starts_at'
    | 'ends_at'
    | 'time_zone'
    | 'address'
    | 'location_hints'
    | 'latitude'
    | 'longitude'
    | 'online_url'
    | 'online_visibility'
    | 'online_shown_minutes_before'
    | 'agenda'
    | 'services'
    | 'private'
    | 'transparent'
    | 'registrations_enabled'
    | 'capacity'
    | 'reserved_seats'
    | 'waiting_list_enabled'
    | 'registration_terms'
    | 'photos'
  >
>;

const JSON_COLUMNS = new Set([
  'title',
  'description',
  'location_hints',
  'agenda',
  'registration_terms',
  'photos',
  'cancel_reason',
  'minutes',
  'proposal_links',
]);

const encode = (column: string, v: unknown) =>
  JSON_COLUMNS.has(column) && v !== null ? JSON.stringify(v) : v;

/** Which meetings of a list: upcoming (not ended yet), past (ended), or all. */
export type When = 'upcoming' | 'past' | 'all';

export interface ListQuery {
  when: When;
  type?: MeetingType;
  /** Instants bounding the start. */
  from?: Date;
  to?: Date;
  /** Position after which the page starts: the last item's sort time and id. */
  after?: { at: Date; id: string };
  limit: number;
}

export interface Visibility {
  /** The caller organizes in these spaces (drafts, private meetings). */
  staffSpaces: string[] | 'all';
  /** The caller's account: their own drafts, private meetings they are registered to. */
  userId: string | null;
}

/** meetings.meetings, every query scoped to its organization. */
@Injectable()
export class MeetingsRepository {
  constructor(@Inject(DATA_SOURCE) private readonly ds: DataSource) {}

  async find(
    organizationId: string,
    id: string,
    m: EntityManager = this.ds.manager,
    lock = false,
  ): Promise<MeetingRow | null> {
    const [r]: MeetingRow[] = await m.query(
      `SELECT * FROM meetings.meetings WHERE organization_id = $1 AND id = $2${lock ? ' FOR UPDATE' : ''}`,
      [organizationId, id],
    );
    return r ?? null;
  }

  async insert(
    m: EntityManager,
    base: Pick<
      MeetingRow,
      | 'organization_id'
      | 'component_id'
      | 'space_id'
      | 'organizer_kind'
      | 'author_id'
      | 'author_name'
    >,
    fields: MeetingFields,
  ): Promise<MeetingRow> {
    const columns = [...Object.keys(base), ...Object.keys(fields)];
    const values = [
      ...Object.values(base),
      ...Object.entries(fields).map(([k, v]) => encode(k, v)),
    ];
    const [r]: MeetingRow[] = await m.query(
      `INSERT INTO meetings.meetings (${columns.join(', ')})
       VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING *`,
      values,
    );
    return r;
  }

  /** Sets the given columns (and `updated_at`); `bump` increments the version registrants rely on. */
  async update(
    m: EntityManager,
    row: Pick<MeetingRow, 'organization_id' | 'id'>,
    fields: Record<string, unknown>,
    bump: boolean,
  ): Promise<MeetingRow> {
    const entries = Object.entries(fields);
    const sets = entries.map(([k], i) => `${k} = $${i + 3}`);
    if (bump) sets.push('version = version + 1');
    sets.push('updated_at = now()');
    const [r] = returnedRows<MeetingRow>(
      await m.query(
        `UPDATE meetings.meetings SET ${sets.join(', ')}
          WHERE organization_id = $1 AND id = $2 RETURNING *`,
        [row.organization_id, row.id, ...entries.map(([k, v]) => encode(k, v))],
      ),
    );
    return r;
  }

  async delete(m: EntityManager, row: Pick<MeetingRow, 'organization_id' | 'id'>): Promise<void> {
    await m.query(`DELETE FROM meetings.meetings WHERE organization_id = $1 AND id = $2`, [
      row.organization_id,
      row.id,
    ]);
  }

  /**
   * The visibility rule of lists as SQL, from parameter `$first` on: drafts
   * to their organizers, private meetings (not transparent) to organizers
   * and to the people registered.
   */
  private visibleSql(v: Visibility, first: number): { sql: string; params: unknown[] } {
    const staff = v.staffSpaces === 'all' ? 'true' : `m.space_id = ANY($${first}::uuid[])`;
    const params: unknown[] = v.staffSpaces === 'all' ? [] : [v.staffSpaces];
    const me = `$${first + params.length}::uuid`;
    params.push(v.userId);
    return {
      sql: `(${staff}
        OR (m.author_id = ${me})
        OR (m.state <> 'draft' AND (NOT m.private OR m.transparent OR EXISTS (
              SELECT 1 FROM meetings.registrations r
               WHERE r.meeting_id = m.id AND r.user_id = ${me} AND r.status IN ('confirmed', 'waiting')))))`,
      params,
    };
  }

  /**
   * `org`: the parameter holding the organization. The bounds on starts_at are
   * implied by the others (ends_at > starts_at is a CHECK; no meeting lasts
   * longer than the organization's longest, read from meetings_longest): they
   * let the scan of an index by start begin at now, where the page begins,
   * instead of walking every meeting on the other side of now first.
   */
  private whenSql(
    q: ListQuery,
    first: number,
    org: string,
  ): { sql: string; params: unknown[]; order: string } {
    const parts: string[] = [];
    const params: unknown[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${first + params.length - 1}`;
    };
    if (q.when === 'upcoming')
      parts.push(
        `m.ends_at > now()`,
        `m.starts_at > now() - (SELECT max(l.ends_at - l.starts_at) FROM meetings.meetings l
                                 WHERE l.organization_id = ${org})`,
      );
    if (q.when === 'past') parts.push(`m.ends_at <= now()`, `m.starts_at < now()`);
    if (q.type) parts.push(`m.type = ${p(q.type)}`);
    if (q.from) parts.push(`m.starts_at >= ${p(q.from)}`);
    if (q.to) parts.push(`m.starts_at < ${p(q.to)}`);
    // Upcoming and all: soonest first; past: latest first.
    const desc = q.when === 'past';
    if (q.after) {
      const at = p(q.after.at);
      const id = p(q.after.id);
      parts.push(
        desc ? `(m.starts_at, m.id) < (${at}, ${id})` : `(m.starts_at, m.id) > (${at}, ${id})`,
      );
    }
    return {
      sql: parts.length ? parts.join(' AND ') : 'true',
      params,
      order: desc ? 'm.starts_at DESC, m.id DESC' : 'm.starts_at, m.id',
    };
  }

  /** A component's meetings the caller may see, a page at a time (limit + 1 read to know of more). */
  async listInComponent(
    organizationId: string,
    componentId: string,
    q: ListQuery,
    v: Visibility,
  ): Promise<MeetingRow[]> {
    const vis = this.visibleSql(v, 3);
    const when = this.whenSql(q, 3 + vis.params.length, '$1');
    return this.ds.query(
      `SELECT m.* FROM meetings.meetings m
        WHERE m.organization_id = $1 AND m.component_id = $2 AND ${vis.sql} AND ${when.sql}
        ORDER BY ${when.order} LIMIT ${q.limit + 1}`,
      [organizationId, componentId, ...vis.params, ...when.params],
    );
  }

  /**
   * The organization's published meetings in spaces anyone may see listed
   * (published, not private: the component host's copy of spaces), not
   * private unless transparent; filters by space and area.
   */
  async directory(
    organizationId: string,
    q: ListQuery & { spaceId?: string; area?: string },
  ): Promise<(MeetingRow & { space_slug: string; space_title: object; space_area: object })[]> {
    const params: unknown[] = [organizationId];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const extra: string[] = [];
    if (q.spaceId) extra.push(`m.space_id = ${p(q.spaceId)}`);
    let area = '';
    if (q.area) {
      const a = p(q.area.toLowerCase());
      area = `AND (lower(s.area->>'fr') = ${a} OR lower(s.area->>'en') = ${a})`;
    }
    const when = this.whenSql(q, params.length + 1, '$1');
    params.push(...when.params);
    // The listed spaces as an array rather than a join: a join on this handful of rows
    // (which autovacuum may never analyze) is estimated to keep almost no meeting, and the
    // planner then reads and sorts every meeting of the organization instead of walking
    // the index by start until the page is full.
    return this.ds.query(
      `SELECT m.*, s.slug AS space_slug, s.title AS space_title, s.area AS space_area
         FROM (SELECT m.* FROM meetings.meetings m
                WHERE m.organization_id = $1 AND m.state = 'published'
                  AND (NOT m.private OR m.transparent)
                  AND m.space_id = ANY (ARRAY(
                        SELECT s.space_id FROM meetings.spaces s
                         WHERE s.organization_id = $1 AND s.state = 'published' AND NOT s.private
                               ${area}))
                  ${extra.map((e) => `AND ${e}`).join(' ')} AND ${when.sql}
                ORDER BY ${when.order} LIMIT ${q.limit + 1}) m
         JOIN meetings.spaces s ON s.organization_id = m.organization_id AND s.space_id = m.space_id
        ORDER BY ${when.order}`,
      params,
    );
  }

  /** Published meetings for a calendar feed (a component, a space or the organization). */
  async forCalendar(
    organizationId: string,
    scope: { componentId?: string; spaceId?: string; publicSpacesOnly: boolean },
    since: Date,
  ): Promise<MeetingRow[]> {
    const params: unknown[] = [organizationId, since];
    const extra: string[] = [];
    if (scope.componentId) {
      params.push(scope.componentId);
      extra.push(`m.component_id = $${params.length}`);
    }
    if (scope.spaceId) {
      params.push(scope.spaceId);
      extra.push(`m.space_id = $${params.length}`);
    }
    if (scope.publicSpacesOnly)
      extra.push(`EXISTS (SELECT 1 FROM meetings.spaces s WHERE s.organization_id = m.organization_id
        AND s.space_id = m.space_id AND s.state = 'published' AND NOT s.private)`);
    return this.ds.query(
      `SELECT m.* FROM meetings.meetings m
        WHERE m.organization_id = $1 AND m.state IN ('published', 'cancelled', 'withdrawn')
          AND m.published_at IS NOT NULL AND (NOT m.private OR m.transparent) AND m.ends_at > $2
          ${extra.map((e) => `AND ${e}`).join(' ')}
        ORDER BY m.starts_at, m.id LIMIT 5000`,
      params,
    );
  }
}
