import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  Topics,
  type BudgetMyVotesView,
  type BudgetOrderView,
  type OrderCancelledJson,
  pickText,
} from '@palabre/contracts';
import { publish } from '@palabre/messaging';
import { returnedRows } from '@palabre/persistence';
import { BudgetingError, budgetingException } from '../budgeting.exception';
import { ruleOf, type BudgetRow } from '../budgets/budget.view';
import { BudgetsRepository } from '../budgets/budgets.repository';
import { BudgetsService } from '../budgets/budgets.service';
import { canAdd, ruleStatus } from '../budgets/vote-rule';
import {
  ComponentAccess,
  voterKey,
  type Caller,
  type Component,
} from '../components/component-access';
import { PublicReads } from '../public-reads';
import {
  alreadyVoted,
  CheckoutWriter,
  moveCounts,
  ruleRefusal,
  type Brief,
} from './checkout-writer';
import type { CheckoutDto } from './order.dto';

interface OrderRow {
  id: string;
  budget_id: string;
  project_ids: string[];
  dropped_project_ids: string[];
  residence: string | null;
  total_cents: string;
  checked_out_at: Date | null;
}

/**
 * Votes as orders, like Decidim: a cart per voter per budget (add, remove,
 * see the running total and what the rule still needs), then an atomic and
 * final checkout; one order per voter per budget (unique key), counters
 * moved in the same transaction, the event written to the outbox with it.
 */
@Injectable()
export class OrdersService {
  constructor(
    private readonly budgets: BudgetsRepository,
    private readonly budgetsService: BudgetsService,
    private readonly access: ComponentAccess,
    private readonly reads: PublicReads,
    private readonly writer: CheckoutWriter,
  ) {}

  /** The caller's voter key; 401 with the FranceConnect link back to `budgetId` (or `c`'s page) without one. */
  private key(caller: Caller, c: Component, budgetId?: string): string {
    const k = voterKey(caller.identity);
    if (!k) throw this.access.signInRefusal(c, budgetId);
    return k;
  }

  private open(b: BudgetRow): void {
    if (b.results_confirmed_at)
      throw budgetingException(
        BudgetingError.VotingClosed,
        'Voting is closed: the results of this budget are confirmed',
        { reason: 'RESULTS_CONFIRMED' },
      );
  }

  private async briefs(m: EntityManager, b: BudgetRow, ids: string[]): Promise<Brief[]> {
    if (ids.length === 0) return [];
    const rows: Brief[] = await m.query(
      `SELECT id, title, amount_cents, state FROM budgeting.projects
        WHERE organization_id = $1 AND budget_id = $2 AND id = ANY($3::uuid[])`,
      [b.organization_id, b.id, ids],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id)).filter((r): r is Brief => r !== undefined);
  }

  private async lockedOrder(m: EntityManager, b: BudgetRow, key: string): Promise<OrderRow> {
    await m.query(
      `INSERT INTO budgeting.orders (organization_id, component_id, budget_id, voter_key)
       VALUES ($1, $2, $3, $4) ON CONFLICT (budget_id, voter_key) DO NOTHING`,
      [b.organization_id, b.component_id, b.id, key],
    );
    const [o] = await m.query(
      `SELECT * FROM budgeting.orders WHERE budget_id = $1 AND voter_key = $2 AND organization_id = $3 FOR UPDATE`,
      [b.id, key, b.organization_id],
    );
    return o;
  }

  private view(
    b: BudgetRow,
    c: Component,
    o: OrderRow | null,
    projects: Brief[],
    dropped: Brief[],
  ): BudgetOrderView {
    const checkedOut = o?.checked_out_at ? new Date(o.checked_out_at).toISOString() : null;
    const { projects: selectedProjects, ...status } = ruleStatus(
      ruleOf(b),
      projects.map((p) => Number(p.amount_cents)),
    );
    return {
      selectedProjects,
      budgetId: b.id,
      componentId: c.id,
      orderId: checkedOut ? (o?.id ?? null) : null,
      state: checkedOut ? 'checked_out' : projects.length ? 'cart' : 'empty',
      checkedOutAt: checkedOut,
      projects: projects.map((p) => ({
        id: p.id,
        title: p.title,
        amountCents: Number(p.amount_cents),
        withdrawn: p.state === 'withdrawn',
      })),
      ...status,
      totalCents: checkedOut ? Number(o?.total_cents) : status.totalCents,
      canCheckout: !checkedOut && status.ok,
      // Not once the budget's results are confirmed: the cancellation would be refused (409).
      canCancel:
        checkedOut !== null &&
        c.settings.allowCancel &&
        c.settings.votesEnabled &&
        !b.results_confirmed_at,
      droppedProjects: dropped.map((p) => ({
        id: p.id,
        title: p.title,
        message: `"${pickText(p.title, 'en').text}" was withdrawn by the organizers and taken out of your selection`,
      })),
    };
  }

  async cart(caller: Caller, budgetId: string) {
    const { b, c } = await this.budgetsService.visible(caller, budgetId);
    const key = this.key(caller, c, b.id);
    const m = this.budgets.manager;
    const [o]: OrderRow[] = await m.query(
      `SELECT * FROM budgeting.orders WHERE budget_id = $1 AND voter_key = $2 AND organization_id = $3`,
      [b.id, key, b.organization_id],
    );
    const projects = await this.briefs(m, b, o?.project_ids ?? []);
    const dropped = await this.briefs(m, b, o?.dropped_project_ids ?? []);
    return this.view(b, c, o ?? null, projects, dropped);
  }

  async add(caller: Caller, budgetId: string, projectId: string) {
    const { b, c } = await this.budgetsService.visible(caller, budgetId);
    const key = await this.access.authorizeVote(caller, c, b.id);
    this.open(b);
    return this.budgets.transaction(async (m) => {
      const o = await this.lockedOrder(m, b, key);
      if (o.checked_out_at) throw alreadyVoted(o);
      const [p] = await this.briefs(m, b, [projectId]);
      if (!p || p.state !== 'published')
        throw budgetingException(
          BudgetingError.ProjectUnavailable,
          p
            ? `"${pickText(p.title, 'en').text}" was withdrawn and cannot be chosen`
            : 'No such project in this budget',
          { projectId },
        );
      let ids = o.project_ids;
      if (!ids.includes(projectId)) {
        const current = await this.briefs(m, b, ids);
        const problem = canAdd(
          ruleOf(b),
          current.map((x) => Number(x.amount_cents)),
          Number(p.amount_cents),
        );
        if (problem)
          throw ruleRefusal(
            problem.code,
            problem.message,
            ruleStatus(
              ruleOf(b),
              [...current, p].map((x) => Number(x.amount_cents)),
            ),
          );
        ids = [...ids, projectId];
      }
      await m.query(
        `UPDATE budgeting.orders SET project_ids = $2::uuid[], dropped_project_ids = '{}', updated_at = now() WHERE id = $1`,
        [o.id, ids],
      );
      return this.view(b, c, { ...o, project_ids: ids }, await this.briefs(m, b, ids), []);
    });
  }

  async remove(caller: Caller, budgetId: string, projectId: string) {
    const { b, c } = await this.budgetsService.visible(caller, budgetId);
    const key = await this.access.authorizeVote(caller, c, b.id);
    this.open(b);
    return this.budgets.transaction(async (m) => {
      const o = await this.lockedOrder(m, b, key);
      if (o.checked_out_at) throw alreadyVoted(o);
      const ids = o.project_ids.filter((id) => id !== projectId);
      await m.query(
        `UPDATE budgeting.orders SET project_ids = $2::uuid[], dropped_project_ids = '{}', updated_at = now() WHERE id = $1`,
        [o.id, ids],
      );
      return this.view(b, c, { ...o, project_ids: ids }, await this.briefs(m, b, ids), []);
    });
  }

  /** The atomic, final vote: decided and written with other checkouts in one transaction (CheckoutWriter). */
  async checkout(caller: Caller, budgetId: string, body: CheckoutDto) {
    const { b, c } = await this.budgetsService.visible(caller, budgetId);
    const key = await this.access.authorizeVote(caller, c, b.id);
    this.open(b);
    if (body.projectIds && new Set(body.projectIds).size !== body.projectIds.length)
      throw budgetingException(BudgetingError.Invalid, 'projectIds: a project appears twice', {
        errors: [{ field: 'projectIds', message: 'a project appears twice' }],
      });
    // Rejects with GroupCommitOverloadedError when too many wait (the controller's 503).
    const outcome = await this.writer.submit({
      b,
      c,
      key,
      projectIds: body.projectIds,
      residence: body.residence,
    });
    if (!outcome.ok) throw outcome.error;
    if (c.settings.showVotes) this.reads.invalidate(b.id);
    return {
      ...this.view(
        b,
        c,
        {
          id: outcome.orderId,
          budget_id: b.id,
          project_ids: outcome.projects.map((p) => p.id),
          dropped_project_ids: [],
          residence: null,
          total_cents: String(outcome.projects.reduce((a, p) => a + Number(p.amount_cents), 0)),
          checked_out_at: outcome.checkedOutAt,
        },
        outcome.projects,
        [],
      ),
      message: 'Thank you: your vote is recorded',
    };
  }

  /** Cancels a checked-out vote (while voting is open, where allowed), or empties a cart. */
  async cancel(caller: Caller, budgetId: string): Promise<'cancelled' | 'emptied'> {
    const { b, c } = await this.budgetsService.visible(caller, budgetId);
    const key = this.key(caller, c, b.id);
    const [existing]: OrderRow[] = await this.budgets.manager.query(
      `SELECT * FROM budgeting.orders WHERE budget_id = $1 AND voter_key = $2 AND organization_id = $3`,
      [b.id, key, b.organization_id],
    );
    if (!existing)
      throw budgetingException(BudgetingError.NotVoted, 'You have no vote in this budget');
    if (existing.checked_out_at) {
      if (!c.settings.allowCancel)
        throw budgetingException(
          BudgetingError.CancelNotAllowed,
          'A vote in this budget is final: it cannot be cancelled',
        );
      await this.access.authorizeVote(caller, c, b.id);
      this.open(b);
    }
    const result = await this.budgets.transaction(async (m) => {
      const [gone] = returnedRows<OrderRow>(
        await m.query(
          `DELETE FROM budgeting.orders WHERE budget_id = $1 AND voter_key = $2 AND organization_id = $3
           RETURNING *`,
          [b.id, key, b.organization_id],
        ),
      );
      if (!gone)
        throw budgetingException(BudgetingError.NotVoted, 'You have no vote in this budget');
      if (!gone.checked_out_at) return 'emptied' as const;
      await moveCounts(
        m,
        [{ organizationId: b.organization_id, budgetId: b.id, projectIds: gone.project_ids }],
        -1,
      );
      const payload: OrderCancelledJson = {
        orderId: gone.id,
        organizationId: b.organization_id,
        spaceId: c.spaceId,
        componentId: c.id,
        budgetId: b.id,
        projectIds: gone.project_ids,
        cancelledAt: new Date().toISOString(),
      };
      await publish(m, 'budgeting', {
        topic: Topics.BudgetingOrderCancelledV1,
        key: b.id,
        tenantId: b.organization_id,
        schema: 'palabre.budgeting.v1.OrderCancelled',
        payload,
      });
      return 'cancelled' as const;
    });
    if (result === 'cancelled' && c.settings.showVotes) this.reads.invalidate(b.id);
    return result;
  }

  /** The caller's votes across the budgets of a component, and where they may still vote. */
  async mine(caller: Caller, componentId: string): Promise<BudgetMyVotesView> {
    const c = await this.access.visible(caller, componentId);
    const key = this.key(caller, c);
    const budgets = await this.budgets.list(c.organizationId, c.id);
    const orders: OrderRow[] = await this.budgets.manager.query(
      `SELECT * FROM budgeting.orders WHERE component_id = $1 AND voter_key = $2 AND organization_id = $3`,
      [c.id, key, c.organizationId],
    );
    const byBudget = new Map(orders.map((o) => [o.budget_id, o]));
    const voted = orders.filter((o) => o.checked_out_at);
    const residence = voted.find((o) => o.residence)?.residence ?? null;
    const mayVote = (b: BudgetRow) => {
      if (byBudget.get(b.id)?.checked_out_at) return false;
      if (c.settings.workflow === 'one') return voted.length === 0;
      if (c.settings.workflow === 'district_plus_one') {
        if (voted.length >= 2) return false;
        if (voted.length === 1 && residence) {
          const first = budgets.find((x) => x.id === voted[0].budget_id);
          const eq = (a: string | null) => a?.toLowerCase() === residence.toLowerCase();
          return eq(first?.area ?? null) || eq(b.area);
        }
      }
      return true;
    };
    return {
      componentId: c.id,
      workflow: c.settings.workflow,
      residence,
      budgets: budgets.map((b) => {
        const o = byBudget.get(b.id);
        return {
          budgetId: b.id,
          title: b.title,
          state: o?.checked_out_at ? 'checked_out' : o?.project_ids.length ? 'cart' : 'empty',
          checkedOutAt: o?.checked_out_at ? new Date(o.checked_out_at).toISOString() : null,
          mayVote: mayVote(b),
        };
      }),
    };
  }
}
