import { Inject, Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { returnedRows } from '@palabre/persistence';
import { DATA_SOURCE } from '@palabre/service-kit';
import { PROPOSAL_COLUMNS, type ProposalRow } from './proposal.view';

export type SortOrder = 'random' | 'most-voted' | 'most-commented' | 'newest' | 'relevance';

/** Where the previous page ended: the sort key(s) of its last row, and its id. */
export interface Cursor {
  /** random: 0 while in the rand >= seed part of the rotation, 1 after. */
  segment?: number;
  value: string | number;
  id: string;
}

export interface ListQuery {
  organizationId: string;
  componentId: string;
  /** Evaluation states, plus "not_answered" and "withdrawn"; empty: every state but withdrawn. */
  states: string[];
  area?: string;
  authorId?: string;
  votedBy?: string;
  q?: string;
  sort: SortOrder;
  seed: number;
  after?: Cursor;
  limit: number;
}

/** The text-search query: French and English stems of the folded words (either may match). */
export const TSQUERY = (param: string) =>
  `(websearch_to_tsquery('french', proposals.fold(${param})) || websearch_to_tsquery('english', proposals.fold(${param})))`;

export const RANDOM_SPAN = 2147483647;
/** Matches a search counts through the text index before choosing how to sort them. */
const SEARCH_PROBE = 1000;

/** The proposals table: the only place that speaks SQL about proposals. */
@Injectable()
export class ProposalsRepository {
  constructor(@Inject(DATA_SOURCE) private readonly ds: DataSource) {}

  async find(
    organizationId: string,
    id: string,
    m: EntityManager = this.ds.manager,
    lock = false,
  ): Promise<ProposalRow | null> {
    const [row] = await m.query(
      `SELECT ${PROPOSAL_COLUMNS} FROM proposals.proposals p
        WHERE p.organization_id = $1 AND p.id = $2 ${lock ? 'FOR NO KEY UPDATE' : ''}`,
      [organizationId, id],
    );
    return row ?? null;
  }

  async insert(
    m: EntityManager,
    p: Pick<
      ProposalRow,
      | 'organization_id'
      | 'space_id'
      | 'component_id'
      | 'author_id'
      | 'created_by'
      | 'author_name'
      | 'on_behalf_of'
      | 'origin'
      | 'title'
      | 'body'
      | 'address'
      | 'latitude'
      | 'longitude'
      | 'area'
    >,
  ): Promise<ProposalRow> {
    const [row] = await m.query(
      `INSERT INTO proposals.proposals AS p (organization_id, space_id, component_id, author_id, created_by,
         author_name, on_behalf_of, origin, title, body, address, latitude, longitude, area)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
       RETURNING ${PROPOSAL_COLUMNS}`,
      [
        p.organization_id,
        p.space_id,
        p.component_id,
        p.author_id,
        p.created_by,
        p.author_name,
        p.on_behalf_of,
        p.origin,
        p.title,
        p.body,
        p.address,
        p.latitude,
        p.longitude,
        p.area,
      ],
    );
    return row;
  }

  /** Proposals an author has in a component that count against the limit (withdrawn ones do not). */
  async countByAuthor(
    m: EntityManager,
    organizationId: string,
    componentId: string,
    authorId: string,
  ): Promise<number> {
    const [{ n }] = await m.query(
      `SELECT count(*)::int AS n FROM proposals.proposals
        WHERE organization_id = $1 AND author_id = $2 AND component_id = $3
          AND origin = 'participant' AND withdrawn_at IS NULL`,
      [organizationId, authorId, componentId],
    );
    return n;
  }

  async update(
    m: EntityManager,
    organizationId: string,
    id: string,
    set: Record<string, unknown>,
  ): Promise<ProposalRow> {
    const keys = Object.keys(set);
    const [row] = returnedRows<ProposalRow>(
      await m.query(
        `UPDATE proposals.proposals p SET ${keys.map((k, i) => `${k} = $${i + 3}`).join(', ')}, updated_at = now()
          WHERE p.organization_id = $1 AND p.id = $2 RETURNING ${PROPOSAL_COLUMNS}`,
        [organizationId, id, ...keys.map((k) => set[k])],
      ),
    );
    return row;
  }

  async votedBy(organizationId: string, voterId: string, ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows: { proposal_id: string }[] = await this.ds.query(
      `SELECT proposal_id FROM proposals.votes
        WHERE organization_id = $1 AND voter_id = $2 AND proposal_id = ANY($3::uuid[])`,
      [organizationId, voterId, ids],
    );
    return new Set(rows.map((r) => r.proposal_id));
  }

  /**
   * One page of a component's listed proposals (never hidden ones), keyset
   * paginated: each sort walks one of the partial indexes of the migration.
   * Random is a rotation of a fixed random order (`rand`) starting at the
   * visitor's seed: the same visitor sees the same order on every page.
   */
  async list(q: ListQuery): Promise<ProposalRow[]> {
    if (!q.q) return this.page(q, (sql, params) => this.ds.query(sql, params));
    // A search: the planner guesses how many rows match (badly for several
    // words, which it takes as independent) and may walk a sort index through
    // the whole component for a page that never fills. So count the matches
    // through the text index first, up to SEARCH_PROBE: under it, sort those
    // (cheap, exact); over it, matches are dense and the sort index finds a
    // page quickly. The count goes through the text index only: for a common
    // word the planner would rather scan the table until it has counted
    // SEARCH_PROBE matches, five times slower here (48 ms against 9 ms at
    // 100,000 proposals).
    const few = await this.ds.transaction(async (m) => {
      await m.query(`SET LOCAL enable_indexscan = off`);
      await m.query(`SET LOCAL enable_seqscan = off`);
      const { where, params } = this.filters({ ...q, after: undefined });
      const [{ n }] = await m.query(
        `SELECT count(*)::int AS n FROM (SELECT 1 FROM proposals.proposals p
          WHERE ${where.join(' AND ')} LIMIT ${SEARCH_PROBE + 1}) x`,
        params,
      );
      return n <= SEARCH_PROBE ? this.page(q, (sql, ps) => m.query(sql, ps)) : null;
    });
    return few ?? this.page(q, (sql, params) => this.ds.query(sql, params));
  }

  /** The WHERE of a listing (tenant, component, listed rows, filters, search), with its parameters. */
  private filters(q: ListQuery) {
    const params: unknown[] = [q.organizationId, q.componentId];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const where = [`p.organization_id = $1`, `p.component_id = $2`, `p.hidden_at IS NULL`];
    const evaluation = q.states.filter((s) => s !== 'withdrawn' && s !== 'not_answered');
    const notAnswered = q.states.includes('not_answered');
    const withdrawn = q.states.includes('withdrawn');
    if (q.states.length === 0) where.push(`p.withdrawn_at IS NULL`);
    else {
      const open: string[] = [];
      if (evaluation.length) open.push(`p.state = ANY(${p(evaluation)}::text[])`);
      if (notAnswered) open.push(`p.state IS NULL`);
      const parts: string[] = [];
      if (open.length) parts.push(`(p.withdrawn_at IS NULL AND (${open.join(' OR ')}))`);
      if (withdrawn) parts.push(`p.withdrawn_at IS NOT NULL`);
      where.push(`(${parts.join(' OR ')})`);
    }
    if (q.area !== undefined) where.push(`p.area = ${p(q.area)}`);
    if (q.authorId) where.push(`p.author_id = ${p(q.authorId)}`);
    if (q.votedBy)
      where.push(
        `p.id IN (SELECT v.proposal_id FROM proposals.votes v
                   WHERE v.organization_id = $1 AND v.component_id = $2 AND v.voter_id = ${p(q.votedBy)})`,
      );
    let tsq = '';
    if (q.q) {
      tsq = TSQUERY(p(q.q));
      where.push(`p.search @@ ${tsq}`);
    }
    return { where, params, p, tsq };
  }

  /** One page of `q`, its SQL run by `run` (a pool query, or a transaction's). */
  private page(
    q: ListQuery,
    run: (sql: string, params: unknown[]) => Promise<ProposalRow[]>,
  ): Promise<ProposalRow[]> {
    const { where, params, p, tsq } = this.filters(q);
    const rank = q.q && q.sort === 'relevance' ? `, ts_rank(p.search, ${tsq}) AS rank` : '';
    const a = q.after;
    const select = (extra: string[], order: string) =>
      `SELECT ${PROPOSAL_COLUMNS}${rank} FROM proposals.proposals p
        WHERE ${[...where, ...extra].join(' AND ')} ORDER BY ${order} LIMIT ${p(q.limit)}`;
    switch (q.sort) {
      case 'newest':
        return run(
          select(
            a
              ? [
                  `(p.published_at, p.id) < (timestamptz 'epoch' + ${p(String(a.value))}::bigint * interval '1 microsecond', ${p(a.id)}::uuid)`,
                ]
              : [],
            'p.published_at DESC, p.id DESC',
          ),
          params,
        );
      case 'most-voted':
        return run(
          select(
            a ? [`(p.vote_count, p.id) < (${p(a.value)}::int, ${p(a.id)}::uuid)`] : [],
            'p.vote_count DESC, p.id DESC',
          ),
          params,
        );
      case 'most-commented':
        return run(
          select(
            a ? [`(p.comment_count, p.id) < (${p(a.value)}::int, ${p(a.id)}::uuid)`] : [],
            'p.comment_count DESC, p.id DESC',
          ),
          params,
        );
      case 'relevance': {
        return run(
          select(
            a
              ? [`(ts_rank(p.search, ${tsq}), p.id) < (${p(a.value)}::real, ${p(a.id)}::uuid)`]
              : [],
            'rank DESC, p.id DESC',
          ),
          params,
        );
      }
      case 'random': {
        // Two parts: from the seed up, then from the start up to the seed.
        const seed = p(q.seed);
        const from = (segment: 0 | 1) =>
          a && a.segment === segment
            ? [`(p.rand, p.id) > (${p(a.value)}::int, ${p(a.id)}::uuid)`]
            : [];
        const wrapped = select([`p.rand < ${seed}::int`, ...from(1)], 'p.rand, p.id');
        // Past the wrap (the last page ended in the second part): that part alone.
        if (a?.segment === 1) return run(wrapped, params);
        const first = select([`p.rand >= ${seed}::int`, ...from(0)], 'p.rand, p.id');
        return run(`(${first}) UNION ALL (${wrapped}) LIMIT ${p(q.limit)}`, params);
      }
    }
  }
}
