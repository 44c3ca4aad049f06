import { Inject, Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { returnedRows } from '@palabre/persistence';
import { DATA_SOURCE } from '@palabre/service-kit';
import type { LocalizedText } from '@palabre/contracts';
import type { BudgetRow } from './budget.view';

export interface BudgetFields {
  title: LocalizedText;
  description: LocalizedText;
  envelopeCents: number;
  area: string | null;
  rule: string;
  minimumPercent: number | null;
  minimumProjects: number | null;
  maximumProjects: number | null;
  position: number;
}

/** SQL for budgets; every query names its organization. */
@Injectable()
export class BudgetsRepository {
  constructor(@Inject(DATA_SOURCE) private readonly ds: DataSource) {}

  get manager(): EntityManager {
    return this.ds.manager;
  }

  transaction<T>(fn: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(fn);
  }

  async find(
    organizationId: string,
    id: string,
    m: EntityManager = this.ds.manager,
    lock = false,
  ): Promise<BudgetRow | null> {
    const [row] = await m.query(
      `SELECT * FROM budgeting.budgets WHERE organization_id = $1 AND id = $2${lock ? ' FOR UPDATE' : ''}`,
      [organizationId, id],
    );
    return row ?? null;
  }

  list(
    organizationId: string,
    componentId: string,
    m: EntityManager = this.ds.manager,
  ): Promise<BudgetRow[]> {
    return m.query(
      `SELECT * FROM budgeting.budgets WHERE organization_id = $1 AND component_id = $2
        ORDER BY position, created_at, id`,
      [organizationId, componentId],
    );
  }

  async insert(
    m: EntityManager,
    organizationId: string,
    componentId: string,
    f: BudgetFields,
  ): Promise<BudgetRow> {
    const [row] = await m.query(
      `INSERT INTO budgeting.budgets (organization_id, component_id, title, description, envelope_cents, area,
         rule, minimum_percent, minimum_projects, maximum_projects, position)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING *`,
      [
        organizationId,
        componentId,
        JSON.stringify(f.title),
        JSON.stringify(f.description),
        f.envelopeCents,
        f.area,
        f.rule,
        f.minimumPercent,
        f.minimumProjects,
        f.maximumProjects,
        f.position,
      ],
    );
    return row;
  }

  async update(m: EntityManager, b: BudgetRow, f: BudgetFields): Promise<BudgetRow> {
    const [row] = returnedRows<BudgetRow>(
      await m.query(
        `UPDATE budgeting.budgets SET title = $3, description = $4, envelope_cents = $5, area = $6, rule = $7,
           minimum_percent = $8, minimum_projects = $9, maximum_projects = $10, position = $11, updated_at = now()
         WHERE organization_id = $1 AND id = $2 RETURNING *`,
        [
          b.organization_id,
          b.id,
          JSON.stringify(f.title),
          JSON.stringify(f.description),
          f.envelopeCents,
          f.area,
          f.rule,
          f.minimumPercent,
          f.minimumProjects,
          f.maximumProjects,
          f.position,
        ],
      ),
    );
    return row;
  }

  /** Orders checked out in a budget (from the counters, not by counting orders). */
  async ordersCount(
    organizationId: string,
    budgetId: string,
    m = this.ds.manager,
  ): Promise<number> {
    const [r] = await m.query(
      `SELECT coalesce(sum(orders), 0)::bigint AS n FROM budgeting.budget_counts
        WHERE organization_id = $1 AND budget_id = $2`,
      [organizationId, budgetId],
    );
    return Number(r.n);
  }

  /**
   * The accounts that checked out a vote in a budget, in one statement (one
   * row, one array, for 100,000 voters as for 10). A cart never checked out
   * is no vote, and a cancelled vote leaves no order (OrdersService.cancel
   * deletes it). FranceConnect voters (`fc:`) are per-organization
   * pseudonyms that lead to no account: nobody can be told anything there.
   */
  async accountVoters(
    m: EntityManager,
    organizationId: string,
    budgetId: string,
  ): Promise<string[]> {
    const [r]: { ids: string[] }[] = await m.query(
      `SELECT coalesce(array_agg(substr(voter_key, length('account:') + 1)), '{}') AS ids
         FROM budgeting.orders
        WHERE organization_id = $1 AND budget_id = $2
          AND checked_out_at IS NOT NULL AND voter_key LIKE 'account:%'`,
      [organizationId, budgetId],
    );
    return r.ids;
  }

  /** Whether anyone has an order (cart or vote) or a paper ballot in the budget. */
  async hasVotes(m: EntityManager, organizationId: string, budgetId: string): Promise<boolean> {
    const [r] = await m.query(
      `SELECT EXISTS (SELECT 1 FROM budgeting.orders WHERE organization_id = $1 AND budget_id = $2 AND checked_out_at IS NOT NULL)
           OR EXISTS (SELECT 1 FROM budgeting.paper_ballots WHERE organization_id = $1 AND budget_id = $2
                        AND voided_at IS NULL) AS any`,
      [organizationId, budgetId],
    );
    return r.any === true;
  }

  /** Of these budgets, the ones with a vote checked out or a paper ballot (one query). */
  async withVotes(
    organizationId: string,
    budgetIds: string[],
    m: EntityManager = this.ds.manager,
  ): Promise<Set<string>> {
    if (budgetIds.length === 0) return new Set();
    const rows: { id: string }[] = await m.query(
      `SELECT b.id FROM unnest($2::uuid[]) AS b(id)
        WHERE EXISTS (SELECT 1 FROM budgeting.orders o WHERE o.organization_id = $1 AND o.budget_id = b.id
                        AND o.checked_out_at IS NOT NULL)
           OR EXISTS (SELECT 1 FROM budgeting.paper_ballots p WHERE p.organization_id = $1 AND p.budget_id = b.id
                        AND p.voided_at IS NULL)`,
      [organizationId, budgetIds],
    );
    return new Set(rows.map((r) => r.id));
  }

  async remove(m: EntityManager, organizationId: string, budgetId: string): Promise<void> {
    const p = [organizationId, budgetId];
    await m.query(`DELETE FROM budgeting.orders WHERE organization_id = $1 AND budget_id = $2`, p);
    await m.query(
      `DELETE FROM budgeting.project_votes WHERE organization_id = $1 AND budget_id = $2`,
      p,
    );
    await m.query(
      `DELETE FROM budgeting.budget_counts WHERE organization_id = $1 AND budget_id = $2`,
      p,
    );
    await m.query(
      `UPDATE budgeting.projects SET budget_id = NULL, state = 'to_review', updated_at = now()
        WHERE organization_id = $1 AND budget_id = $2`,
      p,
    );
    await m.query(`DELETE FROM budgeting.budgets WHERE organization_id = $1 AND id = $2`, p);
  }
}
