import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { returnedRows } from '@palabre/persistence';
import {
  DATA_SOURCE,
  GroupCommit,
  intSetting,
  SERVICE_RUNTIME,
  type ServiceRuntime,
} from '@palabre/service-kit';
import {
  ProposalNotifications,
  authorOf,
  type NotifiedProposal,
} from '../notifications/proposal-notifications';

export interface VoteOp {
  kind: 'vote' | 'unvote';
  organizationId: string;
  componentId: string;
  proposalId: string;
  voterId: string;
  /** Supports per person in the component; 0: no limit. */
  limit: number;
  /** Supports a person gives before theirs count (at least 1). */
  minimum: number;
  /** Supports a proposal may take when it cannot accumulate beyond its threshold; 0: no cap. */
  cap: number;
  /** Counted supports that make its author told the proposal reached the threshold; 0: none. */
  threshold: number;
}

export type VoteOutcome =
  | { kind: 'created' | 'existing' | 'removed' | 'absent'; used: number; counted: boolean }
  | { kind: 'limit'; used: number }
  | { kind: 'threshold' }
  | { kind: 'not-votable' }
  /** No such proposal in this component, or hidden by moderation. */
  | { kind: 'not-found' };

const pair = (a: string, b: string) => `${a}\n${b}`;

/**
 * Group commit for supports (ADR 0013). Requests queue; each batch is one
 * transaction that
 *  1. locks the tally row of every voter in it (component, voter), in key
 *     order — the tally is the truth of "at most N supports per person", and
 *     its lock makes one person's concurrent supports, from any replica, take
 *     turns;
 *  2. decides each request in arrival order against the locked tallies
 *     (limit, duplicate, proposal votable, threshold cap);
 *  3. writes the supports, the tallies, and each touched proposal's counters
 *     once per batch (rows locked in id order), so a popular proposal is
 *     updated once per batch, not once per voter;
 *  4. stamps the proposals whose counted supports reached their threshold
 *     for the first time, and tells their authors (the stamp is written
 *     under the counters' row lock: one transaction only ever sets it).
 * A request is answered after its batch committed.
 */
@Injectable()
export class VoteWriter implements OnModuleDestroy {
  private readonly commit: GroupCommit<VoteOp, VoteOutcome>;

  constructor(
    @Inject(DATA_SOURCE) ds: DataSource,
    @Inject(SERVICE_RUNTIME) runtime: ServiceRuntime,
    private readonly notifications: ProposalNotifications,
  ) {
    this.commit = new GroupCommit(ds, {
      name: 'proposals_vote',
      help: 'Supports',
      maxQueue: intSetting(runtime, 'PROPOSALS_VOTE_QUEUE', 5_000),
      maxBatch: intSetting(runtime, 'PROPOSALS_VOTE_BATCH', 300),
      concurrency: intSetting(runtime, 'PROPOSALS_WRITER_CONCURRENCY', runtime.embedded ? 1 : 3),
      store: (m, ops) => this.store(m, ops),
    });
  }

  /** Rejects with GroupCommitOverloadedError when too many wait already. */
  submit(op: VoteOp): Promise<VoteOutcome> {
    return this.commit.submit(op);
  }

  /** Exported for tests of the decision rules: one batch, in the caller's transaction. */
  async store(m: EntityManager, ops: VoteOp[]): Promise<VoteOutcome[]> {
    // 1. Tallies of the batch's voters, created at 0 if new, locked in key order.
    const voters = new Map<string, { org: string; component: string; voter: string }>();
    for (const o of ops)
      voters.set(pair(o.componentId, o.voterId), {
        org: o.organizationId,
        component: o.componentId,
        voter: o.voterId,
      });
    const vs = [...voters.values()].sort((a, b) =>
      a.component === b.component
        ? a.voter < b.voter
          ? -1
          : 1
        : a.component < b.component
          ? -1
          : 1,
    );
    const tallies = returnedRows<{ component_id: string; voter_id: string; votes: number }>(
      await m.query(
        `INSERT INTO proposals.voter_tallies AS t (component_id, voter_id, organization_id, votes)
         SELECT c, v, o, 0 FROM unnest($1::uuid[], $2::uuid[], $3::uuid[]) WITH ORDINALITY AS i(c, v, o, n)
          ORDER BY n
         ON CONFLICT (component_id, voter_id) DO UPDATE SET votes = t.votes
         RETURNING component_id, voter_id, votes`,
        [vs.map((v) => v.component), vs.map((v) => v.voter), vs.map((v) => v.org)],
      ),
    );
    const tally = new Map(tallies.map((t) => [pair(t.component_id, t.voter_id), t.votes]));
    const before = new Map(tally);

    // 2. What is already there, and which proposals take supports.
    const ids = [...new Set(ops.map((o) => o.proposalId))].sort();
    const capped = ops.some((o) => o.kind === 'vote' && o.cap > 0);
    const proposals: {
      id: string;
      organization_id: string;
      component_id: string;
      votable: boolean;
      hidden: boolean;
      support_count: number;
    }[] = await m.query(
      `SELECT p.id, p.organization_id, p.component_id, p.support_count, p.hidden_at IS NOT NULL AS hidden,
              (p.hidden_at IS NULL AND p.withdrawn_at IS NULL AND coalesce(p.state, '') <> 'rejected') AS votable
         FROM proposals.proposals p WHERE p.id = ANY($1::uuid[]) ORDER BY p.id
         ${capped ? 'FOR NO KEY UPDATE' : ''}`,
      [ids],
    );
    const byId = new Map(proposals.map((p) => [p.id, p]));
    const existing: { proposal_id: string; voter_id: string }[] = await m.query(
      `SELECT v.proposal_id, v.voter_id FROM proposals.votes v
         JOIN unnest($1::uuid[], $2::uuid[]) AS i(p, u) ON v.proposal_id = i.p AND v.voter_id = i.u`,
      [ops.map((o) => o.proposalId), ops.map((o) => o.voterId)],
    );
    const has = new Set(existing.map((e) => pair(e.proposal_id, e.voter_id)));

    // 3. Decide, in arrival order.
    const support = new Map(proposals.map((p) => [p.id, p.support_count]));
    const added: VoteOp[] = [];
    const removed: VoteOp[] = [];
    const decided: (VoteOutcome | { kind: 'created' | 'existing' | 'removed' | 'absent' })[] = [];
    for (const o of ops) {
      const tk = pair(o.componentId, o.voterId);
      const vk = pair(o.proposalId, o.voterId);
      const p = byId.get(o.proposalId);
      const used = tally.get(tk) ?? 0;
      if (o.kind === 'unvote') {
        if (!has.has(vk)) decided.push({ kind: 'absent' });
        else {
          has.delete(vk);
          tally.set(tk, used - 1);
          support.set(o.proposalId, (support.get(o.proposalId) ?? 1) - 1);
          removed.push(o);
          decided.push({ kind: 'removed' });
        }
        continue;
      }
      if (
        !p ||
        p.organization_id !== o.organizationId ||
        p.component_id !== o.componentId ||
        p.hidden
      )
        decided.push({ kind: 'not-found' });
      else if (!p.votable) decided.push({ kind: 'not-votable' });
      else if (has.has(vk)) decided.push({ kind: 'existing' });
      else if (o.limit > 0 && used >= o.limit) decided.push({ kind: 'limit', used });
      else if (o.cap > 0 && (support.get(o.proposalId) ?? 0) >= o.cap)
        decided.push({ kind: 'threshold' });
      else {
        has.add(vk);
        tally.set(tk, used + 1);
        support.set(o.proposalId, (support.get(o.proposalId) ?? 0) + 1);
        added.push(o);
        decided.push({ kind: 'created' });
      }
    }

    // 4. Write supports and tallies.
    if (added.length)
      await m.query(
        `INSERT INTO proposals.votes (proposal_id, voter_id, organization_id, component_id)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[])`,
        [
          added.map((o) => o.proposalId),
          added.map((o) => o.voterId),
          added.map((o) => o.organizationId),
          added.map((o) => o.componentId),
        ],
      );
    if (removed.length)
      await m.query(
        `DELETE FROM proposals.votes v USING unnest($1::uuid[], $2::uuid[], $3::uuid[]) AS i(p, u, o)
          WHERE v.proposal_id = i.p AND v.voter_id = i.u AND v.organization_id = i.o`,
        [
          removed.map((o) => o.proposalId),
          removed.map((o) => o.voterId),
          removed.map((o) => o.organizationId),
        ],
      );
    const changed = vs.filter(
      (v) => tally.get(pair(v.component, v.voter)) !== before.get(pair(v.component, v.voter)),
    );
    if (changed.length)
      await m.query(
        `UPDATE proposals.voter_tallies t SET votes = i.n
           FROM unnest($1::uuid[], $2::uuid[], $3::int[]) AS i(c, v, n)
          WHERE t.component_id = i.c AND t.voter_id = i.v`,
        [
          changed.map((v) => v.component),
          changed.map((v) => v.voter),
          changed.map((v) => tally.get(pair(v.component, v.voter))),
        ],
      );

    // 5. Counters: supports move with every change; counted votes follow the
    //    per-person minimum (a person's supports count once they gave `minimum`).
    const delta = new Map<string, { supports: number; votes: number }>();
    const bump = (id: string, s: number, v: number) => {
      const d = delta.get(id) ?? { supports: 0, votes: 0 };
      d.supports += s;
      d.votes += v;
      delta.set(id, d);
    };
    const minimumOf = new Map(ops.map((o) => [pair(o.componentId, o.voterId), o.minimum]));
    const crossing: { org: string; component: string; voter: string; up: boolean }[] = [];
    for (const v of changed) {
      const k = pair(v.component, v.voter);
      const min = minimumOf.get(k) ?? 1;
      const t0 = before.get(k) ?? 0;
      const t1 = tally.get(k) ?? 0;
      // With a minimum of 1 every support counts on its own: a voter going from 0 has
      // no other support to start counting, one going to 0 none left to stop.
      if (min > 1 && t0 >= min !== t1 >= min) crossing.push({ ...v, up: t1 >= min });
    }
    const crossingSet = new Set(crossing.map((c) => pair(c.component, c.voter)));
    for (const o of added) {
      const k = pair(o.componentId, o.voterId);
      const counts = !crossingSet.has(k) && (tally.get(k) ?? 0) >= (minimumOf.get(k) ?? 1);
      bump(o.proposalId, 1, counts ? 1 : 0);
    }
    for (const o of removed) {
      const k = pair(o.componentId, o.voterId);
      const counted = !crossingSet.has(k) && (before.get(k) ?? 0) >= (minimumOf.get(k) ?? 1);
      bump(o.proposalId, -1, counted ? -1 : 0);
    }
    if (crossing.length) {
      // Voters who reached (or fell below) the minimum: all their supports start (or stop) counting.
      const rows: { proposal_id: string; component_id: string; voter_id: string }[] = await m.query(
        `SELECT v.proposal_id, v.component_id, v.voter_id FROM proposals.votes v
             JOIN unnest($1::uuid[], $2::uuid[], $3::uuid[]) AS i(o, c, u)
               ON v.organization_id = i.o AND v.component_id = i.c AND v.voter_id = i.u`,
        [
          crossing.map((c) => c.org),
          crossing.map((c) => c.component),
          crossing.map((c) => c.voter),
        ],
      );
      const up = new Map(crossing.map((c) => [pair(c.component, c.voter), c.up]));
      // After the batch's writes: these are the voter's supports now (S1).
      for (const r of rows) if (up.get(pair(r.component_id, r.voter_id))) bump(r.proposal_id, 0, 1);
      // Falling below: what counted before was S0 = now + removed − added.
      for (const c of crossing.filter((x) => !x.up)) {
        const k = pair(c.component, c.voter);
        const s1 = rows
          .filter((r) => pair(r.component_id, r.voter_id) === k)
          .map((r) => r.proposal_id);
        const s0 = new Set(s1);
        for (const o of removed) if (pair(o.componentId, o.voterId) === k) s0.add(o.proposalId);
        for (const o of added) if (pair(o.componentId, o.voterId) === k) s0.delete(o.proposalId);
        for (const id of s0) bump(id, 0, -1);
      }
    }
    const ds = [...delta.entries()]
      .filter(([, d]) => d.supports !== 0 || d.votes !== 0)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    if (ds.length)
      await m.query(
        `WITH d AS (SELECT * FROM unnest($1::uuid[], $2::int[], $3::int[]) AS d(id, s, v)),
              locked AS (SELECT p.id FROM proposals.proposals p JOIN d ON d.id = p.id ORDER BY p.id FOR NO KEY UPDATE OF p)
         UPDATE proposals.proposals p SET support_count = p.support_count + d.s, vote_count = p.vote_count + d.v
           FROM d WHERE p.id = d.id AND p.id IN (SELECT id FROM locked)`,
        [ds.map(([id]) => id), ds.map(([, d]) => d.supports), ds.map(([, d]) => d.votes)],
      );
    await this.thresholds(m, ops, added, ds);

    return decided.map((d, i) => {
      if (
        d.kind === 'created' ||
        d.kind === 'existing' ||
        d.kind === 'removed' ||
        d.kind === 'absent'
      ) {
        const k = pair(ops[i].componentId, ops[i].voterId);
        const used = tally.get(k) ?? 0;
        return { kind: d.kind, used, counted: used >= (minimumOf.get(k) ?? 1) };
      }
      return d as VoteOutcome;
    });
  }

  /**
   * Proposals of the batch that gained counted supports and reached their
   * threshold for the first time: stamped, their author told (not when the
   * author's own support is among the batch's on it). Their rows are locked
   * by the counters' update above, so a concurrent batch waits and then finds
   * the stamp: only one transaction ever tells.
   */
  private async thresholds(
    m: EntityManager,
    ops: VoteOp[],
    added: VoteOp[],
    deltas: [string, { supports: number; votes: number }][],
  ): Promise<void> {
    const thresholdOf = new Map(ops.map((o) => [o.proposalId, o.threshold]));
    const gained = deltas
      .filter(([id, d]) => d.votes > 0 && (thresholdOf.get(id) ?? 0) > 0)
      .map(([id]) => id);
    if (!gained.length) return;
    const reached = returnedRows<NotifiedProposal & { threshold: number }>(
      await m.query(
        `UPDATE proposals.proposals p SET threshold_reached_at = now()
           FROM unnest($1::uuid[], $2::int[]) AS t(id, threshold)
          WHERE p.id = t.id AND p.threshold_reached_at IS NULL AND p.vote_count >= t.threshold
          RETURNING p.id, p.organization_id, p.space_id, p.component_id, p.title, p.author_id,
                    p.author_name, p.origin, t.threshold`,
        [gained, gained.map((id) => thresholdOf.get(id))],
      ),
    );
    for (const p of reached) {
      const author = authorOf(p);
      const ownSupport = added.some((o) => o.proposalId === p.id && o.voterId === author);
      await this.notifications.tell(m, p, 'proposal.threshold', {
        recipients: [author],
        actorId: ownSupport ? author : null,
        dedupeKey: `proposal.threshold:${p.id}`,
        params: { threshold: String(p.threshold) },
      });
    }
  }

  /** Refuses new votes and waits for the queued ones (graceful shutdown). */
  onModuleDestroy(): Promise<void> {
    return this.commit.close();
  }
}
