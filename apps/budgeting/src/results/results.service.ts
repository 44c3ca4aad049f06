import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  Topics,
  type BudgetPaperEntryView,
  type BudgetResultsView,
  type LocalizedText,
  type ResultsConfirmedJson,
  pickText,
} from '@palabre/contracts';
import { hasRole } from '@palabre/auth';
import { publish } from '@palabre/messaging';
import { returnedRows } from '@palabre/persistence';
import { publishNotification } from '@palabre/service-kit';
import { BudgetingError, budgetingException, UUID } from '../budgeting.exception';
import { budgetView, type BudgetRow } from '../budgets/budget.view';
import { BudgetsRepository } from '../budgets/budgets.repository';
import { BudgetsService } from '../budgets/budgets.service';
import { ComponentAccess, type Caller, type Component } from '../components/component-access';
import { ProjectsRepository } from '../projects/projects.repository';
import { PublicReads } from '../public-reads';
import type { PaperBallotsDto } from './results.dto';
import { select } from './selection';

/** A text per language without its missing languages (a notification's title). */
const textOf = (t: LocalizedText): Record<string, string> =>
  Object.fromEntries(Object.entries(t).filter((e): e is [string, string] => !!e[1]));

/**
 * Results of a budget: votes per project (online counters + paper), the
 * winning list by the rule, the admin's confirmation (which opens
 * implementation tracking), and the audited paper ballots.
 */
@Injectable()
export class ResultsService {
  constructor(
    private readonly budgets: BudgetsRepository,
    private readonly budgetsService: BudgetsService,
    private readonly projects: ProjectsRepository,
    private readonly reads: PublicReads,
    private readonly access: ComponentAccess,
  ) {}

  /** Counters and a sort: milliseconds whatever the number of orders. */
  async compute(
    b: BudgetRow,
    c: Component,
    m: EntityManager = this.budgets.manager,
  ): Promise<BudgetResultsView> {
    const org = b.organization_id;
    // One after another: inside a transaction the manager holds one connection.
    const rows = await this.projects.ofBudget(org, b.id, ['published', 'withdrawn'], m);
    const votes = await this.projects.onlineVotes(org, b.id, m);
    const orders = await this.budgets.ordersCount(org, b.id, m);
    const paper: { n: string }[] = await m.query(
      `SELECT coalesce(sum(ballots), 0)::bigint AS n FROM budgeting.paper_ballots
        WHERE organization_id = $1 AND budget_id = $2 AND voided_at IS NULL`,
      [org, b.id],
    );
    const envelope = Number(b.envelope_cents);
    const total = (id: string, paperVotes: string) => (votes.get(id) ?? 0) + Number(paperVotes);
    const sel = select(
      envelope,
      rows.map((p) => ({
        id: p.id,
        amountCents: Number(p.amount_cents),
        votes: total(p.id, p.paper_votes),
        withdrawn: p.state === 'withdrawn',
        createdAt: new Date(p.created_at).getTime(),
      })),
    );
    const byId = new Map(rows.map((p) => [p.id, p]));
    return {
      budget: budgetView(b, c),
      confirmed: b.results_confirmed_at !== null,
      confirmedAt: b.results_confirmed_at ? new Date(b.results_confirmed_at).toISOString() : null,
      onlineOrders: orders,
      paperBallots: Number(paper[0]?.n ?? 0),
      envelopeCents: envelope,
      computedSelectionCents: sel.selectedCents,
      computedLeftCents: sel.leftCents,
      projects: sel.ranked.flatMap((r) => {
        const p = byId.get(r.id);
        if (!p) return [];
        const online = votes.get(p.id) ?? 0;
        return [
          {
            id: p.id,
            title: p.title,
            amountCents: Number(p.amount_cents),
            rank: r.rank,
            votes: { online, paper: Number(p.paper_votes), total: online + Number(p.paper_votes) },
            outcome: r.outcome,
            withdrawn: p.state === 'withdrawn',
            selected: p.selected,
            proposalIds: p.proposal_ids,
          },
        ];
      }),
    };
  }

  async results(caller: Caller, budgetId: string) {
    const { b, c } = await this.budgetsService.visible(caller, budgetId);
    const isPublic = c.settings.showResults || b.results_confirmed_at !== null;
    const admin = hasRole(caller.identity, 'space-admin', c.spaceId);
    if (!isPublic && !admin)
      throw budgetingException(
        BudgetingError.ResultsHidden,
        'The results of this budget are not public yet',
      );
    if (!isPublic) return { rendered: null, body: await this.compute(b, c) };
    const rendered = await this.reads.render(c.organizationId, `results ${c.id} ${b.id}`, () =>
      this.compute(b, c),
    );
    return { rendered, body: null };
  }

  /** The budget, locked for this transaction; 409 `closed` once its results are confirmed. */
  private async openBudget(
    m: EntityManager,
    organizationId: string,
    budgetId: string,
    closed: string,
  ): Promise<BudgetRow> {
    const b = await this.budgets.find(organizationId, budgetId, m, true);
    if (!b) throw budgetingException(BudgetingError.BudgetNotFound, 'No such budget');
    if (b.results_confirmed_at) throw budgetingException(BudgetingError.WrongState, closed);
    return b;
  }

  /** Adds (1) or takes back (-1) a paper entry's votes on its projects. */
  private async movePaperVotes(
    m: EntityManager,
    organizationId: string,
    votes: { projectId: string; votes: number }[],
    sign: 1 | -1,
  ): Promise<void> {
    await m.query(
      `UPDATE budgeting.projects p SET paper_votes = p.paper_votes + $4 * v.votes, updated_at = now()
         FROM unnest($2::uuid[], $3::int[]) AS v(id, votes)
        WHERE p.organization_id = $1 AND p.id = v.id`,
      [organizationId, votes.map((v) => v.projectId), votes.map((v) => v.votes), sign],
    );
  }

  async confirm(caller: Caller, budgetId: string, projectIds?: string[]) {
    const { c } = await this.budgetsService.administered(caller, budgetId);
    const out = await this.budgets.transaction(async (m) => {
      const b = await this.openBudget(
        m,
        c.organizationId,
        budgetId,
        'The results of this budget are already confirmed',
      );
      const r = await this.compute(b, c, m);
      const chosen =
        projectIds ?? r.projects.filter((p) => p.outcome === 'selected').map((p) => p.id);
      const byId = new Map(r.projects.map((p) => [p.id, p]));
      const bad = chosen.filter((id) => !byId.get(id) || byId.get(id)?.withdrawn);
      if (bad.length || new Set(chosen).size !== chosen.length)
        throw budgetingException(
          BudgetingError.Invalid,
          `projectIds: ${bad.length ? `${bad.join(', ')}: not a selectable project of this budget` : 'a project appears twice'}`,
          {
            errors: [
              { field: 'projectIds', message: 'only projects of this budget, once, not withdrawn' },
            ],
          },
        );
      const selectedCents = chosen.reduce((a, id) => a + (byId.get(id)?.amountCents ?? 0), 0);
      if (selectedCents > r.envelopeCents)
        throw budgetingException(
          BudgetingError.SelectionOverEnvelope,
          `projectIds: the selection costs ${selectedCents} cents, over the ${r.envelopeCents} cents envelope`,
          {
            errors: [{ field: 'projectIds', message: 'over the envelope' }],
            selectedCents,
            envelopeCents: r.envelopeCents,
          },
        );
      await m.query(
        `UPDATE budgeting.projects SET selected = (id = ANY($3::uuid[])), updated_at = now()
          WHERE organization_id = $1 AND budget_id = $2`,
        [c.organizationId, b.id, chosen],
      );
      const [{ results_confirmed_at: confirmedAt }] = returnedRows<{ results_confirmed_at: Date }>(
        await m.query(
          `UPDATE budgeting.budgets SET results_confirmed_at = now(), results_confirmed_by = $3, updated_at = now()
            WHERE organization_id = $1 AND id = $2 RETURNING results_confirmed_at`,
          [c.organizationId, b.id, caller.identity.userId ?? null],
        ),
      );
      const created: { id: string; project_id: string }[] = chosen.length
        ? await m.query(
            `INSERT INTO budgeting.results (organization_id, component_id, budget_id, project_id, proposal_ids)
             SELECT p.organization_id, p.component_id, p.budget_id, p.id, p.proposal_ids
               FROM budgeting.projects p WHERE p.organization_id = $1 AND p.id = ANY($2::uuid[])
             ON CONFLICT (project_id) DO NOTHING RETURNING id, project_id`,
            [c.organizationId, chosen],
          )
        : [];
      const resultOf = new Map(created.map((x) => [x.project_id, x.id]));
      const payload: ResultsConfirmedJson = {
        budgetId: b.id,
        organizationId: c.organizationId,
        spaceId: c.spaceId,
        componentId: c.id,
        envelopeCents: String(r.envelopeCents),
        selectedCents: String(selectedCents),
        selected: chosen.flatMap((id) => {
          const p = byId.get(id);
          if (!p) return [];
          return {
            projectId: id,
            // The event's title is one text (its schema): French, else the language it was written in.
            title: pickText(p.title, 'fr').text,
            amountCents: String(p.amountCents),
            onlineVotes: String(p.votes.online),
            paperVotes: String(p.votes.paper),
            proposalIds: p.proposalIds,
            resultId: resultOf.get(id) ?? '',
          };
        }),
        onlineOrders: String(r.onlineOrders),
        paperBallots: String(r.paperBallots),
        confirmedAt: new Date().toISOString(),
      };
      await publish(m, 'budgeting', {
        topic: Topics.BudgetingResultsConfirmedV1,
        key: b.id,
        tenantId: c.organizationId,
        schema: 'palabre.budgeting.v1.ResultsConfirmed',
        payload,
      });
      await this.tellVoters(m, b, c, new Date(confirmedAt), chosen.length);
      return { selectedCents, chosen, resultOf };
    });
    this.budgetsService.forget(budgetId);
    this.reads.invalidate(c.id, budgetId);
    return {
      budgetId,
      selectedProjectIds: out.chosen,
      selectedCents: out.selectedCents,
      resultIds: [...out.resultOf.values()],
    };
  }

  /**
   * Tells the budget's voters its results (ADR 0040), in the confirmation's
   * transaction: every account that checked out a vote in it. FranceConnect
   * voters are pseudonymous (their key leads to no account) and paper ballots
   * name nobody: they are not told. Confirmation happens once per budget (a
   * second one is refused), so its time keys the notification.
   */
  private async tellVoters(
    m: EntityManager,
    b: BudgetRow,
    c: Component,
    confirmedAt: Date,
    selected: number,
  ): Promise<void> {
    const voters = await this.budgets.accountVoters(m, c.organizationId, b.id);
    if (voters.length === 0) return;
    const space = await this.access.store.space(c.organizationId, c.spaceId, m);
    await publishNotification(m, 'budgeting', {
      organizationId: c.organizationId,
      kind: 'budget.results',
      recipientIds: voters,
      spaceId: c.spaceId,
      spaceTitle: space?.title ?? {},
      subjectId: b.id,
      title: textOf(b.title),
      // The site's results page (apps/web budgets), by the space's id: a slug may change, the
      // id does not, and the site takes either.
      path: `/spaces/${c.spaceId}/budgets/${c.id}/${b.id}/results`,
      params: { selected: String(selected) },
      occurredAt: confirmedAt,
      dedupeKey: `budget.results:${b.id}:${confirmedAt.toISOString()}`,
    });
  }

  async addPaper(caller: Caller, budgetId: string, body: PaperBallotsDto) {
    if (!caller.identity.userId)
      throw budgetingException(
        BudgetingError.NotAllowed,
        'Paper ballots are entered by an account',
      );
    const { c } = await this.budgetsService.administered(caller, budgetId);
    body.votes.forEach((v, i) => {
      if (v.votes > body.ballots)
        throw budgetingException(
          BudgetingError.Invalid,
          `votes.${i}.votes: ${v.votes} votes for one project from ${body.ballots} ballots`,
          { errors: [{ field: `votes.${i}.votes`, message: 'more than the ballots counted' }] },
        );
    });
    const ids = body.votes.map((v) => v.projectId);
    if (new Set(ids).size !== ids.length)
      throw budgetingException(BudgetingError.Invalid, 'votes: a project appears twice', {
        errors: [{ field: 'votes', message: 'a project appears twice' }],
      });
    const entry = await this.budgets.transaction(async (m) => {
      const b = await this.openBudget(
        m,
        c.organizationId,
        budgetId,
        'The results of this budget are confirmed: paper ballots can no longer be added',
      );
      const known: { id: string }[] = await m.query(
        `SELECT id FROM budgeting.projects WHERE organization_id = $1 AND budget_id = $2
            AND state IN ('published', 'withdrawn') AND id = ANY($3::uuid[])`,
        [c.organizationId, b.id, ids],
      );
      const unknown = ids.findIndex((id) => !known.some((k) => k.id === id));
      if (unknown >= 0)
        throw budgetingException(
          BudgetingError.Invalid,
          `votes.${unknown}.projectId: not a project of this budget`,
          {
            errors: [
              { field: `votes.${unknown}.projectId`, message: 'not a project of this budget' },
            ],
          },
        );
      const [row] = await m.query(
        `INSERT INTO budgeting.paper_ballots (organization_id, budget_id, station, ballots, votes, note, recorded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id, recorded_at`,
        [
          c.organizationId,
          b.id,
          body.station.trim(),
          body.ballots,
          JSON.stringify(body.votes.map((v) => ({ projectId: v.projectId, votes: v.votes }))),
          body.note?.trim() ?? '',
          caller.identity.userId,
        ],
      );
      await this.movePaperVotes(m, c.organizationId, body.votes, 1);
      return row as { id: string; recorded_at: Date };
    });
    this.reads.invalidate(budgetId);
    return { id: entry.id, recordedAt: new Date(entry.recorded_at).toISOString() };
  }

  /** Voids one entry (audited: who, when, why); its votes stop counting. */
  async voidPaper(caller: Caller, budgetId: string, entryId: string, reason: string) {
    if (!caller.identity.userId)
      throw budgetingException(BudgetingError.NotAllowed, 'Paper ballots are voided by an account');
    const { c } = await this.budgetsService.administered(caller, budgetId);
    const gone = () =>
      budgetingException(
        BudgetingError.PaperEntryNotFound,
        'No such paper-ballot entry in this budget',
      );
    if (!UUID.test(entryId)) throw gone();
    const voided = await this.budgets.transaction(async (m) => {
      const b = await this.openBudget(
        m,
        c.organizationId,
        budgetId,
        'The results of this budget are confirmed: paper ballots can no longer be changed',
      );
      const [entry]: { votes: { projectId: string; votes: number }[]; voided_at: Date | null }[] =
        await m.query(
          `SELECT votes, voided_at FROM budgeting.paper_ballots
            WHERE organization_id = $1 AND budget_id = $2 AND id = $3 FOR UPDATE`,
          [c.organizationId, b.id, entryId],
        );
      if (!entry) throw gone();
      if (entry.voided_at)
        throw budgetingException(BudgetingError.WrongState, 'This entry is already voided', {
          voidedAt: new Date(entry.voided_at).toISOString(),
        });
      const [row] = returnedRows<{ voided_at: Date }>(
        await m.query(
          `UPDATE budgeting.paper_ballots SET voided_at = now(), voided_by = $4, void_reason = $5
            WHERE organization_id = $1 AND budget_id = $2 AND id = $3 RETURNING voided_at`,
          [c.organizationId, b.id, entryId, caller.identity.userId, reason.trim()],
        ),
      );
      await this.movePaperVotes(m, c.organizationId, entry.votes, -1);
      return row;
    });
    this.reads.invalidate(budgetId);
    return { id: entryId, voidedAt: new Date(voided.voided_at).toISOString() };
  }

  async paperLog(caller: Caller, budgetId: string): Promise<{ items: BudgetPaperEntryView[] }> {
    const { b } = await this.budgetsService.administered(caller, budgetId);
    const rows: {
      id: string;
      station: string;
      ballots: number;
      votes: { projectId: string; votes: number }[];
      note: string;
      /** Null: recorded by an account since deleted. */
      recorded_by: string | null;
      recorded_at: Date;
      voided_at: Date | null;
      voided_by: string | null;
      void_reason: string | null;
    }[] = await this.budgets.manager.query(
      `SELECT id, station, ballots, votes, note, recorded_by, recorded_at, voided_at, voided_by,
              void_reason FROM budgeting.paper_ballots
        WHERE organization_id = $1 AND budget_id = $2 ORDER BY recorded_at, id`,
      [b.organization_id, b.id],
    );
    return {
      items: rows.map((r) => ({
        id: r.id,
        station: r.station,
        ballots: r.ballots,
        votes: r.votes,
        note: r.note,
        recordedBy: r.recorded_by,
        recordedAt: new Date(r.recorded_at).toISOString(),
        voided: r.voided_at
          ? {
              at: new Date(r.voided_at).toISOString(),
              by: r.voided_by,
              reason: r.void_reason ?? '',
            }
          : null,
      })),
    };
  }

  /**
   * Rebuilds a budget's counters from its orders (repair after an incident;
   * never needed in normal operation, since counters move with each order).
   */
  async recount(caller: Caller, budgetId: string) {
    const { b } = await this.budgetsService.administered(caller, budgetId);
    const t = Date.now();
    const orders = await this.budgets.transaction(async (m) => {
      const p = [b.organization_id, b.id];
      await m.query(
        `DELETE FROM budgeting.project_votes WHERE organization_id = $1 AND budget_id = $2`,
        p,
      );
      await m.query(
        `DELETE FROM budgeting.budget_counts WHERE organization_id = $1 AND budget_id = $2`,
        p,
      );
      await m.query(
        `INSERT INTO budgeting.project_votes (project_id, shard, organization_id, budget_id, votes)
         SELECT pid, 0, $1, $2, count(*) FROM budgeting.orders o, unnest(o.project_ids) pid
          WHERE o.organization_id = $1 AND o.budget_id = $2 AND o.checked_out_at IS NOT NULL
          GROUP BY pid
         ON CONFLICT (project_id, shard) DO UPDATE SET votes = budgeting.project_votes.votes + EXCLUDED.votes`,
        p,
      );
      const [r] = await m.query(
        `INSERT INTO budgeting.budget_counts (budget_id, shard, organization_id, orders)
         SELECT $2, 0, $1, count(*) FROM budgeting.orders
          WHERE organization_id = $1 AND budget_id = $2 AND checked_out_at IS NOT NULL
         ON CONFLICT (budget_id, shard) DO UPDATE SET orders = budgeting.budget_counts.orders + EXCLUDED.orders
         RETURNING orders`,
        p,
      );
      return Number(r.orders);
    });
    this.reads.invalidate(budgetId);
    return { budgetId, orders, tookMs: Date.now() - t };
  }
}
