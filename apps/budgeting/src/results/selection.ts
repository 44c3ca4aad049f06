/**
 * The winning list, by the published rule: projects by votes (online +
 * paper), most first (ties: the cheaper, then the older), each taken if it
 * still fits in what is left of the envelope, skipped otherwise; withdrawn
 * projects are never selected. A sort and a greedy fill over a budget's
 * projects: counts come from counters, never from counting orders.
 */
export interface Candidate {
  id: string;
  amountCents: number;
  votes: number;
  withdrawn: boolean;
  createdAt: number;
}

export type Outcome = 'selected' | 'does_not_fit' | 'withdrawn' | 'no_votes';

export interface Ranked {
  id: string;
  rank: number;
  outcome: Outcome;
}

export function select(envelopeCents: number, candidates: Candidate[]) {
  const order = [...candidates].sort(
    (a, b) =>
      Number(a.withdrawn) - Number(b.withdrawn) ||
      b.votes - a.votes ||
      a.amountCents - b.amountCents ||
      a.createdAt - b.createdAt ||
      (a.id < b.id ? -1 : 1),
  );
  let left = envelopeCents;
  const ranked: Ranked[] = order.map((c, i) => {
    let outcome: Outcome;
    if (c.withdrawn) outcome = 'withdrawn';
    else if (c.votes <= 0) outcome = 'no_votes';
    else if (c.amountCents <= left) {
      outcome = 'selected';
      left -= c.amountCents;
    } else outcome = 'does_not_fit';
    return { id: c.id, rank: i + 1, outcome };
  });
  return { ranked, selectedCents: envelopeCents - left, leftCents: left };
}
