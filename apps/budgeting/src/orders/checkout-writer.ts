import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { Topics, type OrderCheckedOutJson, pickText, type LocalizedText } from '@palabre/contracts';
import { publishMany } from '@palabre/messaging';
import { returnedRows } from '@palabre/persistence';
import {
  DATA_SOURCE,
  GroupCommit,
  intSetting,
  SERVICE_RUNTIME,
  type ServiceRuntime,
} from '@palabre/service-kit';
import { BudgetingError, budgetingException } from '../budgeting.exception';
import { ruleOf, type BudgetRow } from '../budgets/budget.view';
import { ruleStatus, type RuleStatus } from '../budgets/vote-rule';
import type { Component } from '../components/component-access';
import type { ProjectRow } from '../projects/projects.repository';

/** Counter rows per project and per budget: concurrent batches rarely wait on one row. */
const SHARDS = 16;

export type Brief = Pick<ProjectRow, 'id' | 'title' | 'amount_cents' | 'state'>;

/** One voter's checkout, checked for sign-in, phase and permission already. */
export interface CheckoutOp {
  b: BudgetRow;
  c: Component;
  key: string;
  /** The selection given (replacing the cart); absent: the cart as stored. */
  projectIds?: string[];
  residence?: string;
}

export type CheckoutOutcome =
  | { ok: true; orderId: string; checkedOutAt: Date; projects: Brief[] }
  | { ok: false; error: unknown };

interface CheckedOut {
  budget_id: string;
  voter_key: string;
  id: string;
  checked_out_at: Date;
}

interface Voted {
  budget_id: string;
  title: LocalizedText;
  area: string | null;
  residence: string | null;
}

/** 409: one order per voter per budget, and a vote is final. */
export function alreadyVoted(o: { id: string; checked_out_at: Date | null } | undefined) {
  return budgetingException(
    BudgetingError.AlreadyVoted,
    'You have already voted in this budget: a vote is final',
    {
      orderId: o?.id,
      checkedOutAt: o?.checked_out_at ? new Date(o.checked_out_at).toISOString() : null,
    },
  );
}

/** 422 with the numbers of the rule and everything that is wrong. */
export function ruleRefusal(code: string, message: string, status: RuleStatus) {
  return budgetingException(
    code === 'OVER_ENVELOPE' ? BudgetingError.OverEnvelope : BudgetingError.RuleBroken,
    message,
    {
      totalCents: status.totalCents,
      envelopeCents: status.envelopeCents,
      remainingCents: status.remainingCents,
      minimumCents: status.minimumCents,
      selectedProjects: status.projects,
      minimumProjects: status.minimumProjects,
      maximumProjects: status.maximumProjects,
      problems: status.problems,
    },
  );
}

const pair = (a: string, b: string) => `${a}\n${b}`;

/**
 * Moves the per-project vote counters and each budget's order count by
 * `delta` per order, once per row for all of `orders` (one random shard, rows
 * in key order so concurrent transactions on one shard lock them alike).
 */
export async function moveCounts(
  m: EntityManager,
  orders: { organizationId: string; budgetId: string; projectIds: string[] }[],
  delta: 1 | -1,
): Promise<void> {
  if (orders.length === 0) return;
  const projects = new Map<string, { org: string; budget: string; n: number }>();
  const budgets = new Map<string, { org: string; n: number }>();
  for (const o of orders) {
    for (const id of o.projectIds) {
      const e = projects.get(id) ?? { org: o.organizationId, budget: o.budgetId, n: 0 };
      e.n += delta;
      projects.set(id, e);
    }
    const e = budgets.get(o.budgetId) ?? { org: o.organizationId, n: 0 };
    e.n += delta;
    budgets.set(o.budgetId, e);
  }
  const ps = [...projects].sort(([a], [z]) => (a < z ? -1 : 1));
  const bs = [...budgets].sort(([a], [z]) => (a < z ? -1 : 1));
  await m.query(
    `WITH p AS (
       INSERT INTO budgeting.project_votes AS v (project_id, shard, organization_id, budget_id, votes)
       SELECT id, $1, org, b, n FROM unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::bigint[]) AS i(id, org, b, n)
       ON CONFLICT (project_id, shard) DO UPDATE SET votes = v.votes + EXCLUDED.votes)
     INSERT INTO budgeting.budget_counts AS bc (budget_id, shard, organization_id, orders)
     SELECT b, $1, org, n FROM unnest($6::uuid[], $7::uuid[], $8::bigint[]) AS i(b, org, n)
     ON CONFLICT (budget_id, shard) DO UPDATE SET orders = bc.orders + EXCLUDED.orders`,
    [
      Math.floor(Math.random() * SHARDS),
      ps.map(([id]) => id),
      ps.map(([, e]) => e.org),
      ps.map(([, e]) => e.budget),
      ps.map(([, e]) => String(e.n)),
      bs.map(([id]) => id),
      bs.map(([, e]) => e.org),
      bs.map(([, e]) => String(e.n)),
    ],
  );
}
const same = (a: string | null, z: string | null) =>
  a !== null && z !== null && a.localeCompare(z, 'fr', { sensitivity: 'base' }) === 0;

/** Refused unless the selection is a set of published projects of the budget that keeps its rule. */
function selectionOf(b: BudgetRow, ids: string[], projects: Map<string, ProjectRow>): Brief[] {
  const found = ids
    .map((id) => projects.get(id))
    .filter((p): p is ProjectRow => p?.budget_id === b.id);
  const missing = ids.filter((id) => !found.some((p) => p.id === id));
  const withdrawn = found.filter((p) => p.state !== 'published');
  if (missing.length || withdrawn.length)
    throw budgetingException(
      BudgetingError.ProjectUnavailable,
      withdrawn.length
        ? `${withdrawn.map((p) => `"${pickText(p.title, 'en').text}"`).join(', ')} ${withdrawn.length === 1 ? 'was' : 'were'} withdrawn and cannot be voted for: remove ${withdrawn.length === 1 ? 'it' : 'them'} from your selection`
        : `projectIds: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not a project of this budget`,
      {
        projectIds: [...missing, ...withdrawn.map((p) => p.id)],
        ...(missing.length
          ? { errors: [{ field: 'projectIds', message: 'not a project of this budget' }] }
          : {}),
      },
    );
  const status = ruleStatus(
    ruleOf(b),
    found.map((p) => Number(p.amount_cents)),
  );
  if (!status.ok) {
    const first = status.problems.find((p) => p.code === 'OVER_ENVELOPE') ?? status.problems[0];
    throw ruleRefusal(first.code, status.problems.map((p) => p.message).join('; '), status);
  }
  return found.map(({ id, title, amount_cents, state }) => ({ id, title, amount_cents, state }));
}

/**
 * The workflow across the component's budgets, given the voter's other
 * checked-out orders there: "one budget" allows none, "your district plus
 * one other" at most one, and one of the two must be the declared district's.
 * Returns the residence to store (null for other workflows).
 */
function workflowResidence(op: CheckoutOp, other: Voted[]): string | null {
  const { b, c } = op;
  const workflow = c.settings.workflow;
  if (workflow === 'one') {
    if (other.length)
      throw budgetingException(
        BudgetingError.Workflow,
        `You already voted in "${pickText(other[0].title, 'en').text}": in this vote, each person votes in one budget only`,
        { workflow: 'one', votedBudgetIds: other.map((o) => o.budget_id) },
      );
    return null;
  }
  if (workflow !== 'district_plus_one') return null;
  const earlier = other.find((o) => o.residence)?.residence ?? null;
  const residence = op.residence?.trim() ?? earlier;
  if (!residence)
    throw budgetingException(
      BudgetingError.Invalid,
      'residence: say which district you live in (you vote in its budget plus one other)',
      { errors: [{ field: 'residence', message: 'required by this vote' }] },
    );
  if (earlier && !same(earlier, residence))
    throw budgetingException(
      BudgetingError.Workflow,
      `You declared living in "${earlier}" when you first voted; your residence cannot change`,
      { workflow: 'district_plus_one', residence: earlier },
    );
  if (other.length >= 2)
    throw budgetingException(
      BudgetingError.Workflow,
      'You already voted in two budgets: your district and one other',
      { workflow: 'district_plus_one', votedBudgetIds: other.map((o) => o.budget_id) },
    );
  if (other.length === 1 && !same(b.area, residence) && !same(other[0].area, residence))
    throw budgetingException(
      BudgetingError.Workflow,
      `You already voted in "${pickText(other[0].title, 'en').text}", which is not your district's budget: your second vote goes to the budget of ${residence}`,
      { workflow: 'district_plus_one', votedBudgetIds: [other[0].budget_id] },
    );
  return residence;
}

/**
 * Group commit for checkouts (ADR 0014), as supports and signatures have it:
 * checkouts queue, and each batch is one transaction that
 *  1. takes, in key order, the lock of each voter whose workflow spans
 *     budgets (component, voter), so one person's checkouts in one component
 *     take turns, on any replica;
 *  2. reads in one statement each: the carts checked out without a
 *     selection, those voters' orders in the component's other budgets, the
 *     projects named;
 *  3. decides each checkout in arrival order (projects published and of the
 *     budget, the rule, the workflow; a voter twice in a batch sees the first);
 *  4. writes the orders in one statement (the unique key keeps one order per
 *     voter and budget: a row already checked out is left alone and that
 *     checkout is refused), each project's and budget's counter once per
 *     batch, and the events in one statement.
 * A checkout is answered after its batch committed.
 */
@Injectable()
export class CheckoutWriter implements OnModuleDestroy {
  private readonly commit: GroupCommit<CheckoutOp, CheckoutOutcome>;

  constructor(
    @Inject(DATA_SOURCE) ds: DataSource,
    @Inject(SERVICE_RUNTIME) runtime: ServiceRuntime,
  ) {
    this.commit = new GroupCommit(ds, {
      name: 'budgeting_checkout',
      help: 'Checkouts',
      maxQueue: intSetting(runtime, 'BUDGETING_CHECKOUT_QUEUE', 5_000),
      maxBatch: intSetting(runtime, 'BUDGETING_CHECKOUT_BATCH', 300),
      // One transaction at a time per process: checkouts arriving meanwhile make the next
      // batch bigger. Measured (bench:budgeting, 1,200/s offered): 887/s accepted with 1,
      // 755/s with 3, whose small batches each pay the statements and the commit.
      concurrency: intSetting(runtime, 'BUDGETING_WRITER_CONCURRENCY', 1),
      store: (m, ops) => this.store(m, ops),
    });
  }

  /** Rejects with GroupCommitOverloadedError when too many wait already. */
  submit(op: CheckoutOp): Promise<CheckoutOutcome> {
    return this.commit.submit(op);
  }

  /** Exported for tests of the decisions: one batch, in the caller's transaction. */
  async store(m: EntityManager, ops: CheckoutOp[]): Promise<CheckoutOutcome[]> {
    // 1. Voters whose workflow spans budgets, locked in key order.
    const spanningOps = ops.filter((o) => o.c.settings.workflow !== 'all');
    const spanning = [...new Set(spanningOps.map((o) => `${o.c.id}|${o.key}`))].sort();
    if (spanning.length)
      await m.query(
        `SELECT count(pg_advisory_xact_lock(hashtextextended(k, 0))) FROM unnest($1::text[]) AS k`,
        [spanning],
      );

    // 2. The voters' orders (carts, or votes already cast), their orders elsewhere in
    //    the component, the projects.
    const carts = new Map<string, { project_ids: string[]; checked_out_at: Date | null }>();
    {
      const rows: {
        budget_id: string;
        voter_key: string;
        project_ids: string[];
        checked_out_at: Date | null;
      }[] = await m.query(
        `SELECT o.budget_id, o.voter_key, o.project_ids, o.checked_out_at FROM budgeting.orders o
           JOIN unnest($1::uuid[], $2::text[], $3::uuid[]) AS i(b, k, org)
             ON o.budget_id = i.b AND o.voter_key = i.k AND o.organization_id = i.org`,
        [ops.map((o) => o.b.id), ops.map((o) => o.key), ops.map((o) => o.b.organization_id)],
      );
      for (const r of rows) carts.set(pair(r.budget_id, r.voter_key), r);
    }
    const elsewhere = new Map<string, Voted[]>();
    if (spanningOps.length) {
      const rows: (Voted & { component_id: string; voter_key: string })[] = await m.query(
        `SELECT o.component_id, o.voter_key, o.budget_id, bu.title, bu.area, o.residence
           FROM budgeting.orders o
           JOIN unnest($1::uuid[], $2::text[], $3::uuid[]) AS i(c, k, org)
             ON o.component_id = i.c AND o.voter_key = i.k AND o.organization_id = i.org
           JOIN budgeting.budgets bu ON bu.id = o.budget_id AND bu.organization_id = o.organization_id
          WHERE o.checked_out_at IS NOT NULL`,
        [
          spanningOps.map((o) => o.c.id),
          spanningOps.map((o) => o.key),
          spanningOps.map((o) => o.b.organization_id),
        ],
      );
      const seen = new Set<string>();
      for (const r of rows) {
        const k = pair(r.component_id, r.voter_key);
        // The same voter twice in a batch joins twice: keep each order once.
        if (seen.has(pair(k, r.budget_id))) continue;
        seen.add(pair(k, r.budget_id));
        elsewhere.set(k, [...(elsewhere.get(k) ?? []), r]);
      }
    }
    const wanted = new Map<string, string>();
    for (const o of ops)
      for (const id of o.projectIds ?? carts.get(pair(o.b.id, o.key))?.project_ids ?? [])
        wanted.set(id, o.b.organization_id);
    const projects = new Map<string, ProjectRow>();
    if (wanted.size) {
      const rows: ProjectRow[] = await m.query(
        `SELECT p.id, p.budget_id, p.title, p.amount_cents, p.state FROM budgeting.projects p
           JOIN unnest($1::uuid[], $2::uuid[]) AS i(id, org) ON p.id = i.id AND p.organization_id = i.org`,
        [[...wanted.keys()], [...wanted.values()]],
      );
      for (const r of rows) projects.set(r.id, r);
    }

    // 3. Decisions, in arrival order.
    const outcomes: (CheckoutOutcome | 'voted' | null)[] = [];
    const accepted: { i: number; op: CheckoutOp; projects: Brief[]; residence: string | null }[] =
      [];
    const taken = new Set<string>();
    for (const [i, op] of ops.entries()) {
      try {
        const k = pair(op.b.id, op.key);
        const cart = carts.get(k);
        const other = elsewhere.get(pair(op.c.id, op.key)) ?? [];
        if (taken.has(k) || cart?.checked_out_at || other.some((o) => o.budget_id === op.b.id)) {
          outcomes.push('voted');
          continue;
        }
        const chosen = selectionOf(op.b, op.projectIds ?? cart?.project_ids ?? [], projects);
        const residence = workflowResidence(op, other);
        taken.add(k);
        if (op.c.settings.workflow !== 'all')
          elsewhere.set(pair(op.c.id, op.key), [
            ...other,
            { budget_id: op.b.id, title: op.b.title, area: op.b.area, residence },
          ]);
        accepted.push({ i, op, projects: chosen, residence });
        outcomes.push(null);
      } catch (error) {
        outcomes.push({ ok: false, error });
      }
    }

    // 4. Orders (in key order), counters, events.
    accepted.sort((x, y) =>
      x.op.b.id === y.op.b.id ? (x.op.key < y.op.key ? -1 : 1) : x.op.b.id < y.op.b.id ? -1 : 1,
    );
    const total = (ps: Brief[]) => ps.reduce((a, p) => a + Number(p.amount_cents), 0);
    const written = accepted.length
      ? returnedRows<CheckedOut>(
          await m.query(
            `INSERT INTO budgeting.orders AS o (organization_id, component_id, budget_id, voter_key,
               project_ids, residence, total_cents, checked_out_at)
             SELECT org, c, b, k, ids::uuid[], res, total, now()
               FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::bigint[])
                    AS i(org, c, b, k, ids, res, total)
             ON CONFLICT (budget_id, voter_key) DO UPDATE SET project_ids = EXCLUDED.project_ids,
               residence = EXCLUDED.residence, total_cents = EXCLUDED.total_cents,
               checked_out_at = EXCLUDED.checked_out_at, dropped_project_ids = '{}', updated_at = now()
             WHERE o.checked_out_at IS NULL
             RETURNING budget_id, voter_key, id, checked_out_at`,
            [
              accepted.map((a) => a.op.b.organization_id),
              accepted.map((a) => a.op.c.id),
              accepted.map((a) => a.op.b.id),
              accepted.map((a) => a.op.key),
              accepted.map((a) => `{${a.projects.map((p) => p.id).join(',')}}`),
              accepted.map((a) => a.residence),
              accepted.map((a) => String(total(a.projects))),
            ],
          ),
        )
      : [];
    const byKey = new Map(written.map((w) => [pair(w.budget_id, w.voter_key), w]));
    const stored = accepted.flatMap((a) => {
      const w = byKey.get(pair(a.op.b.id, a.op.key));
      return w ? [{ ...a, w }] : [];
    });
    for (const a of accepted) {
      const w = byKey.get(pair(a.op.b.id, a.op.key));
      // Checked out meanwhile by a request this batch did not see (another replica).
      outcomes[a.i] = w
        ? { ok: true, orderId: w.id, checkedOutAt: w.checked_out_at, projects: a.projects }
        : 'voted';
    }
    await moveCounts(
      m,
      stored.map(({ op, projects: chosen }) => ({
        organizationId: op.b.organization_id,
        budgetId: op.b.id,
        projectIds: chosen.map((p) => p.id),
      })),
      1,
    );
    await publishMany(
      m,
      'budgeting',
      stored.map(({ op, projects: chosen, w }) => {
        const payload: OrderCheckedOutJson = {
          orderId: w.id,
          organizationId: op.b.organization_id,
          spaceId: op.c.spaceId,
          componentId: op.c.id,
          budgetId: op.b.id,
          projectIds: chosen.map((p) => p.id),
          totalCents: String(total(chosen)),
          checkedOutAt: new Date(w.checked_out_at).toISOString(),
        };
        return {
          topic: Topics.BudgetingOrderCheckedOutV1,
          key: op.b.id,
          tenantId: op.b.organization_id,
          schema: 'palabre.budgeting.v1.OrderCheckedOut',
          payload,
        };
      }),
    );

    // Refusals as "already voted" name the order that stands.
    const voted = ops.filter((_, i) => outcomes[i] === 'voted');
    const standing = new Map<string, CheckedOut>();
    if (voted.length) {
      const rows: CheckedOut[] = await m.query(
        `SELECT o.budget_id, o.voter_key, o.id, o.checked_out_at FROM budgeting.orders o
           JOIN unnest($1::uuid[], $2::text[], $3::uuid[]) AS i(b, k, org)
             ON o.budget_id = i.b AND o.voter_key = i.k AND o.organization_id = i.org`,
        [voted.map((o) => o.b.id), voted.map((o) => o.key), voted.map((o) => o.b.organization_id)],
      );
      for (const r of rows) standing.set(pair(r.budget_id, r.voter_key), r);
    }
    return outcomes.map((o, i) =>
      o === 'voted' || o === null
        ? { ok: false, error: alreadyVoted(standing.get(pair(ops[i].b.id, ops[i].key))) }
        : o,
    );
  }

  onModuleDestroy(): Promise<void> {
    return this.commit.close();
  }
}
