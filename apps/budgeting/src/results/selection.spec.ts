import { select, type Candidate } from './selection';

const c = (id: string, amountCents: number, votes: number, extra: Partial<Candidate> = {}) => ({
  id,
  amountCents,
  votes,
  withdrawn: false,
  createdAt: 0,
  ...extra,
});

describe('selection of the winning projects', () => {
  it('takes projects by votes within the envelope, skipping one that no longer fits', () => {
    const r = select(100, [c('a', 60, 50), c('b', 50, 40), c('c', 30, 30), c('d', 20, 10)]);
    expect(r.ranked).toEqual([
      { id: 'a', rank: 1, outcome: 'selected' },
      { id: 'b', rank: 2, outcome: 'does_not_fit' },
      { id: 'c', rank: 3, outcome: 'selected' },
      { id: 'd', rank: 4, outcome: 'does_not_fit' },
    ]);
    expect(r.selectedCents).toBe(90);
    expect(r.leftCents).toBe(10);
  });

  it('never selects a withdrawn project or one nobody voted for; ties go to the cheaper', () => {
    const r = select(100, [
      c('w', 10, 99, { withdrawn: true }),
      c('x', 40, 5),
      c('y', 30, 5),
      c('z', 10, 0),
    ]);
    expect(r.ranked.map((x) => [x.id, x.outcome])).toEqual([
      ['y', 'selected'],
      ['x', 'selected'],
      ['z', 'no_votes'],
      ['w', 'withdrawn'],
    ]);
  });
});
