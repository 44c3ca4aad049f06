import { Inject, Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import {
  Topics,
  type PetitionOfflineCountView,
  type PetitionStateChangedJson,
} from '@palabre/contracts';
import { publish } from '@palabre/messaging';
import { returnedRows } from '@palabre/persistence';
import { DATA_SOURCE } from '@palabre/service-kit';
import {
  PETITION_STATES,
  type PetitionRow,
  type PetitionState,
  type TimelineEntry,
} from './petition.view';

export type SortOrder = 'most-signed' | 'newest' | 'closing-soon' | 'oldest';

export interface ListQuery {
  organizationId: string;
  states: PetitionState[];
  typeId?: string;
  authorId?: string;
  sort: SortOrder;
  after?: { v: string | number | null; id: string };
  limit: number;
}

/** Sort expression, direction and how the cursor value is read back. */
const SORTS: Record<SortOrder, { expr: string; dir: 'ASC' | 'DESC'; cast: string }> = {
  'most-signed': { expr: 'total_count', dir: 'DESC', cast: 'bigint' },
  newest: { expr: 'coalesce(published_at, created_at)', dir: 'DESC', cast: 'timestamptz' },
  'closing-soon': { expr: 'closes_at', dir: 'ASC', cast: 'timestamptz' },
  // First submitted first: the order of an admissibility review queue.
  oldest: { expr: 'coalesce(submitted_at, created_at)', dir: 'ASC', cast: 'timestamptz' },
};

/** SQL for petitions, their timeline and counts; every query names its organization. */
@Injectable()
export class PetitionsRepository {
  constructor(@Inject(DATA_SOURCE) private readonly ds: DataSource) {}

  transaction<T>(fn: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(fn);
  }

  async find(
    organizationId: string,
    id: string,
    m: EntityManager = this.ds.manager,
    lock = false,
  ): Promise<PetitionRow | null> {
    const [row] = await m.query(
      `SELECT * FROM petitions.petitions WHERE organization_id = $1 AND id = $2${lock ? ' FOR NO KEY UPDATE' : ''}`,
      [organizationId, id],
    );
    return row ?? null;
  }

  async insert(
    m: EntityManager,
    p: Pick<
      PetitionRow,
      'organization_id' | 'type_id' | 'author_id' | 'author_name' | 'title' | 'body'
    >,
  ): Promise<PetitionRow> {
    const [row] = await m.query(
      `INSERT INTO petitions.petitions (organization_id, type_id, author_id, author_name, title, body)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
      [p.organization_id, p.type_id, p.author_id, p.author_name, p.title, p.body],
    );
    return row;
  }

  async updateDraft(
    m: EntityManager,
    organizationId: string,
    id: string,
    fields: { title: string; body: string; typeId: string },
  ): Promise<void> {
    await m.query(
      `UPDATE petitions.petitions SET title = $3, body = $4, type_id = $5, updated_at = now()
       WHERE organization_id = $1 AND id = $2`,
      [organizationId, id, fields.title, fields.body, fields.typeId],
    );
  }

  /**
   * Moves a petition to `to` with the given column changes, records it on the
   * public timeline and announces it, in the caller's transaction. `set` holds
   * trusted SQL assignments using $3.. parameters from `params`.
   */
  async transition(
    m: EntityManager,
    p: PetitionRow,
    to: PetitionState,
    change: {
      set?: string;
      params?: unknown[];
      reason?: string;
      actorId?: string;
      detail?: object;
    },
  ): Promise<PetitionRow> {
    const [row] = returnedRows<PetitionRow>(
      await m.query(
        `UPDATE petitions.petitions SET state = '${to}', updated_at = now()${change.set ? `, ${change.set}` : ''}
         WHERE organization_id = $1 AND id = $2 RETURNING *`,
        [p.organization_id, p.id, ...(change.params ?? [])],
      ),
    );
    await this.record(
      m,
      row,
      'state',
      to,
      {
        ...(change.reason ? { reason: change.reason } : {}),
        ...(change.detail ?? {}),
      },
      change.actorId,
    );
    const payload: PetitionStateChangedJson = {
      petitionId: p.id,
      organizationId: p.organization_id,
      fromState: p.state === to ? '' : p.state,
      toState: to,
      reason: change.reason ?? '',
      title: row.title,
      body: row.body,
      authorId: row.author_id ?? '',
    };
    await publish(m, 'petitions', {
      topic: Topics.PetitionsPetitionStateChangedV1,
      key: p.id,
      tenantId: p.organization_id,
      schema: 'palabre.petitions.v1.PetitionStateChanged',
      payload,
    });
    return row;
  }

  /** Whether the petition already holds this very answer (same text, date and link). */
  async hasAnswer(
    m: EntityManager,
    p: Pick<PetitionRow, 'organization_id' | 'id'>,
    answer: { text: string; date: string; url: string | null },
  ): Promise<boolean> {
    const [row]: { same: boolean | null }[] = await m.query(
      `SELECT state = 'answered' AND answer_text = $3 AND answer_date = $4::date
              AND answer_url IS NOT DISTINCT FROM $5 AS same
         FROM petitions.petitions WHERE organization_id = $1 AND id = $2`,
      [p.organization_id, p.id, answer.text, answer.date, answer.url],
    );
    return row?.same === true;
  }

  async record(
    m: EntityManager,
    p: Pick<PetitionRow, 'organization_id' | 'id'>,
    kind: string,
    state: string | null,
    detail: object,
    actorId?: string,
  ): Promise<void> {
    await m.query(
      `INSERT INTO petitions.timeline (organization_id, petition_id, kind, state, detail, actor_id)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [p.organization_id, p.id, kind, state, JSON.stringify(detail), actorId ?? null],
    );
  }

  async timeline(organizationId: string, id: string): Promise<TimelineEntry[]> {
    const rows: {
      kind: string;
      state: string | null;
      detail: Record<string, unknown>;
      at: Date;
    }[] = await this.ds.query(
      `SELECT kind, state, detail, at FROM petitions.timeline
         WHERE organization_id = $1 AND petition_id = $2 ORDER BY id`,
      [organizationId, id],
    );
    return rows.map((r) => ({ ...r, at: new Date(r.at).toISOString() }));
  }

  async milestones(organizationId: string, id: string): Promise<Map<number, string>> {
    const rows: { threshold: string; reached_at: Date }[] = await this.ds.query(
      `SELECT threshold, reached_at FROM petitions.milestones_reached
       WHERE organization_id = $1 AND petition_id = $2`,
      [organizationId, id],
    );
    return new Map(rows.map((r) => [Number(r.threshold), new Date(r.reached_at).toISOString()]));
  }

  async areas(organizationId: string, id: string): Promise<{ area: string; count: number }[]> {
    const rows: { area: string; count: string }[] = await this.ds.query(
      `SELECT area, count FROM petitions.area_counts
       WHERE organization_id = $1 AND petition_id = $2 AND count > 0 ORDER BY count DESC, area`,
      [organizationId, id],
    );
    return rows.map((r) => ({ area: r.area, count: Number(r.count) }));
  }

  /** How many petitions the organization has in each state (an index-only count per state). */
  async countByState(organizationId: string): Promise<Record<PetitionState, number>> {
    const rows: { state: PetitionState; n: string }[] = await this.ds.query(
      `SELECT state, count(*) AS n FROM petitions.petitions WHERE organization_id = $1 GROUP BY state`,
      [organizationId],
    );
    const counts = Object.fromEntries(PETITION_STATES.map((s) => [s, 0])) as Record<
      PetitionState,
      number
    >;
    for (const r of rows) counts[r.state] = Number(r.n);
    return counts;
  }

  async list(q: ListQuery): Promise<PetitionRow[]> {
    const sort = SORTS[q.sort];
    const params: unknown[] = [q.organizationId, q.states, q.limit];
    const where = ['organization_id = $1', 'state = ANY($2::text[])'];
    if (q.typeId) where.push(`type_id = $${params.push(q.typeId)}`);
    if (q.authorId) where.push(`author_id = $${params.push(q.authorId)}`);
    if (q.after) {
      const v = `$${params.push(q.after.v)}::${sort.cast}`;
      const id = `$${params.push(q.after.id)}::uuid`;
      const cmp = sort.dir === 'DESC' ? '<' : '>';
      // NULL sort values (no deadline) come last in both directions.
      where.push(
        q.after.v === null
          ? `(${sort.expr} IS NULL AND id ${cmp} ${id})`
          : `((${sort.expr}, id) ${cmp} (${v}, ${id}) OR ${sort.expr} IS NULL)`,
      );
    }
    return this.ds.query(
      // sort_key: the sort value as PostgreSQL prints it, so a cursor keeps microseconds.
      `SELECT *, (${sort.expr})::text AS sort_key FROM petitions.petitions WHERE ${where.join(' AND ')}
       ORDER BY ${sort.expr} ${sort.dir} NULLS LAST, id ${sort.dir} LIMIT $3`,
      params,
    );
  }

  /** The cursor value of a row from list(): exact, microseconds included. */
  sortValue(p: PetitionRow & { sort_key?: string | null }): string | null {
    return p.sort_key ?? null;
  }

  async offlineCounts(organizationId: string, id: string): Promise<PetitionOfflineCountView[]> {
    const rows: {
      id: string;
      count: number;
      source: string;
      note: string;
      recorded_by: string;
      recorded_at: Date;
    }[] = await this.ds.query(
      `SELECT id, count, source, note, recorded_by, recorded_at FROM petitions.offline_counts
       WHERE organization_id = $1 AND petition_id = $2 ORDER BY recorded_at, id`,
      [organizationId, id],
    );
    return rows.map((r) => ({
      id: r.id,
      count: r.count,
      source: r.source,
      note: r.note,
      recordedBy: r.recorded_by,
      recordedAt: new Date(r.recorded_at).toISOString(),
    }));
  }

  async addOfflineCount(
    m: EntityManager,
    p: PetitionRow,
    entry: { count: number; source: string; note: string; recordedBy: string },
  ): Promise<string> {
    const [row] = await m.query(
      `INSERT INTO petitions.offline_counts (organization_id, petition_id, count, source, note, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [p.organization_id, p.id, entry.count, entry.source, entry.note, entry.recordedBy],
    );
    return row.id;
  }
}
