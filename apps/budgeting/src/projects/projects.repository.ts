import { Inject, Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { returnedRows } from '@palabre/persistence';
import type { BudgetProjectView, LocalizedText } from '@palabre/contracts';
import { DATA_SOURCE } from '@palabre/service-kit';

export type ProjectState = 'to_review' | 'published' | 'withdrawn';

export interface ProjectRow {
  id: string;
  organization_id: string;
  component_id: string;
  budget_id: string | null;
  state: ProjectState;
  title: LocalizedText;
  description: LocalizedText;
  amount_cents: string;
  area: string | null;
  image_urls: string[];
  address: string | null;
  latitude: number | null;
  longitude: number | null;
  proposal_ids: string[];
  source_proposal_id: string | null;
  paper_votes: string;
  selected: boolean;
  withdrawn_at: Date | null;
  withdrawn_reason: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface ProjectFields {
  title: LocalizedText;
  description: LocalizedText;
  amountCents: number;
  area: string | null;
  imageUrls: string[];
  address: string | null;
  latitude: number | null;
  longitude: number | null;
  proposalIds: string[];
}

export function projectView(p: ProjectRow, votes?: { online: number } | null): BudgetProjectView {
  const paper = Number(p.paper_votes);
  return {
    id: p.id,
    componentId: p.component_id,
    budgetId: p.budget_id,
    state: p.state,
    title: p.title,
    description: p.description,
    amountCents: Number(p.amount_cents),
    area: p.area,
    imageUrls: p.image_urls,
    address: p.address,
    location:
      p.latitude !== null && p.longitude !== null
        ? { latitude: p.latitude, longitude: p.longitude }
        : null,
    proposalIds: p.proposal_ids,
    fromProposalId: p.source_proposal_id,
    selected: p.selected,
    withdrawn:
      p.state === 'withdrawn'
        ? {
            at: p.withdrawn_at ? new Date(p.withdrawn_at).toISOString() : null,
            reason: p.withdrawn_reason,
          }
        : null,
    votes: votes ? { online: votes.online, paper, total: votes.online + paper } : null,
  };
}

/** SQL for projects and their counters; every query names its organization. */
@Injectable()
export class ProjectsRepository {
  constructor(@Inject(DATA_SOURCE) private readonly ds: DataSource) {}

  transaction<T>(fn: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(fn);
  }

  async find(
    organizationId: string,
    id: string,
    m: EntityManager = this.ds.manager,
    lock = false,
  ): Promise<ProjectRow | null> {
    const [row] = await m.query(
      `SELECT * FROM budgeting.projects WHERE organization_id = $1 AND id = $2${lock ? ' FOR UPDATE' : ''}`,
      [organizationId, id],
    );
    return row ?? null;
  }

  /** Projects of a budget in the given states, in a stable order. */
  ofBudget(
    organizationId: string,
    budgetId: string,
    states: ProjectState[],
    m: EntityManager = this.ds.manager,
  ): Promise<ProjectRow[]> {
    return m.query(
      `SELECT * FROM budgeting.projects WHERE organization_id = $1 AND budget_id = $2 AND state = ANY($3::text[])
        ORDER BY created_at, id`,
      [organizationId, budgetId, states],
    );
  }

  toReview(organizationId: string, componentId: string): Promise<ProjectRow[]> {
    return this.ds.query(
      `SELECT * FROM budgeting.projects WHERE organization_id = $1 AND component_id = $2 AND state = 'to_review'
        ORDER BY created_at, id LIMIT 1000`,
      [organizationId, componentId],
    );
  }

  /** Online votes per project of a budget: the sum of its counter shards. */
  async onlineVotes(
    organizationId: string,
    budgetId: string,
    m: EntityManager = this.ds.manager,
  ): Promise<Map<string, number>> {
    const rows: { project_id: string; votes: string }[] = await m.query(
      `SELECT project_id, sum(votes)::bigint AS votes FROM budgeting.project_votes
        WHERE organization_id = $1 AND budget_id = $2 GROUP BY project_id`,
      [organizationId, budgetId],
    );
    return new Map(rows.map((r) => [r.project_id, Number(r.votes)]));
  }

  async insert(
    m: EntityManager,
    p: {
      organizationId: string;
      componentId: string;
      budgetId: string | null;
      state: ProjectState;
      sourceProposalId?: string | null;
    } & ProjectFields,
  ): Promise<ProjectRow> {
    const [row] = await m.query(
      `INSERT INTO budgeting.projects (organization_id, component_id, budget_id, state, title, description,
         amount_cents, area, image_urls, address, latitude, longitude, proposal_ids, source_proposal_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::uuid[], $14) RETURNING *`,
      [
        p.organizationId,
        p.componentId,
        p.budgetId,
        p.state,
        JSON.stringify(p.title),
        JSON.stringify(p.description),
        p.amountCents,
        p.area,
        JSON.stringify(p.imageUrls),
        p.address,
        p.latitude,
        p.longitude,
        p.proposalIds,
        p.sourceProposalId ?? null,
      ],
    );
    return row;
  }

  async update(m: EntityManager, p: ProjectRow, f: ProjectFields): Promise<ProjectRow> {
    const [row] = returnedRows<ProjectRow>(
      await m.query(
        `UPDATE budgeting.projects SET title = $3, description = $4, amount_cents = $5, area = $6,
           image_urls = $7, address = $8, latitude = $9, longitude = $10, proposal_ids = $11::uuid[],
           updated_at = now()
         WHERE organization_id = $1 AND id = $2 RETURNING *`,
        [
          p.organization_id,
          p.id,
          JSON.stringify(f.title),
          JSON.stringify(f.description),
          f.amountCents,
          f.area,
          JSON.stringify(f.imageUrls),
          f.address,
          f.latitude,
          f.longitude,
          f.proposalIds,
        ],
      ),
    );
    return row;
  }

  async publish(m: EntityManager, p: ProjectRow, budgetId: string): Promise<ProjectRow> {
    const [row] = returnedRows<ProjectRow>(
      await m.query(
        `UPDATE budgeting.projects SET state = 'published', budget_id = $3, updated_at = now()
          WHERE organization_id = $1 AND id = $2 RETURNING *`,
        [p.organization_id, p.id, budgetId],
      ),
    );
    return row;
  }

  /**
   * Soft-withdraws a project: it stays in checked-out orders (and their
   * counts) but can no longer be chosen or selected; open carts drop it and
   * remember it was dropped, so their voter is told. Returns the carts changed.
   */
  async withdraw(m: EntityManager, p: ProjectRow, reason: string): Promise<number> {
    await m.query(
      `UPDATE budgeting.projects SET state = 'withdrawn', withdrawn_at = now(), withdrawn_reason = $3,
         selected = false, updated_at = now()
       WHERE organization_id = $1 AND id = $2`,
      [p.organization_id, p.id, reason],
    );
    if (!p.budget_id) return 0;
    const carts = returnedRows(
      await m.query(
        `UPDATE budgeting.orders SET project_ids = array_remove(project_ids, $3::uuid),
           dropped_project_ids = array_append(dropped_project_ids, $3::uuid), updated_at = now()
         WHERE organization_id = $1 AND budget_id = $2 AND checked_out_at IS NULL AND $3::uuid = ANY(project_ids)
         RETURNING 1`,
        [p.organization_id, p.budget_id, p.id],
      ),
    );
    return carts.length;
  }

  /** An accepted proposal arriving from proposals: a project to review (the latest sending wins while in review). */
  async upsertFromProposal(
    m: EntityManager,
    p: {
      organizationId: string;
      componentId: string;
      proposalId: string;
    } & ProjectFields,
  ): Promise<void> {
    await m.query(
      `INSERT INTO budgeting.projects (organization_id, component_id, budget_id, state, title, description,
         amount_cents, area, image_urls, address, latitude, longitude, proposal_ids, source_proposal_id)
       VALUES ($1, $2, NULL, 'to_review', $3, $4, $5, NULL, '[]', $6, $7, $8, $9::uuid[], $10)
       ON CONFLICT (organization_id, source_proposal_id) DO UPDATE SET title = EXCLUDED.title,
         description = EXCLUDED.description, amount_cents = EXCLUDED.amount_cents, address = EXCLUDED.address,
         latitude = EXCLUDED.latitude, longitude = EXCLUDED.longitude, proposal_ids = EXCLUDED.proposal_ids,
         component_id = EXCLUDED.component_id, updated_at = now()
       WHERE budgeting.projects.state = 'to_review'`,
      [
        p.organizationId,
        p.componentId,
        JSON.stringify(p.title),
        JSON.stringify(p.description),
        p.amountCents,
        p.address,
        p.latitude,
        p.longitude,
        p.proposalIds,
        p.proposalId,
      ],
    );
  }
}
