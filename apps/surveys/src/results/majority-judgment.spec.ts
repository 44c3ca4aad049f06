import {
  compareProfiles,
  majorityGrade,
  rankByMajorityJudgment,
  type GradedOption,
} from './majority-judgment';

/** Options named a, b, c… in input order. */
const options = (...tallies: number[][]): GradedOption[] =>
  tallies.map((tally, i) => ({ id: String.fromCharCode(97 + i), tally }));

const ranksOf = (tallies: number[][]) => {
  const ranked = rankByMajorityJudgment(options(...tallies), tallies[0].length);
  return options(...tallies).map((o) => ranked.find((r) => r.id === o.id)?.rank);
};

/** Reference: successive lower medians of the expanded judgments, removed one at a time. */
function medianSequence(tally: readonly number[]): number[] {
  const judgments = tally.flatMap((count, grade) => Array<number>(count).fill(grade));
  const medians: number[] = [];
  while (judgments.length > 0) {
    const i = Math.floor((judgments.length - 1) / 2);
    medians.push(judgments[i]);
    judgments.splice(i, 1);
  }
  return medians;
}

/** Reference comparison: an option that ran out keeps its majority grade; nobody graded comes last. */
function referenceCompare(a: readonly number[], b: readonly number[]): number {
  const sa = medianSequence(a);
  const sb = medianSequence(b);
  if (sa.length === 0 || sb.length === 0) return Number(sa.length === 0) - Number(sb.length === 0);
  for (let r = 0; r < Math.max(sa.length, sb.length); r++) {
    const ga = sa[r] ?? sa[0];
    const gb = sb[r] ?? sb[0];
    if (ga !== gb) return ga > gb ? -1 : 1;
  }
  return 0;
}

/** A tiny deterministic LCG: integers in [0, n). */
function lcg(seed: number) {
  let s = seed >>> 0;
  return (n: number) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return Math.floor((s / 2 ** 32) * n);
  };
}

/** A random tally; about a third of the counts are 0 so medians often land on gaps. */
function randomTally(random: (n: number) => number, grades: number, maxCount: number): number[] {
  return Array.from({ length: grades }, () => (random(3) === 0 ? 0 : random(maxCount + 1)));
}

/** The same tally with `moves` judgments moved to a neighbouring grade: same total. */
function nudged(random: (n: number) => number, tally: readonly number[], moves: number): number[] {
  const t = [...tally];
  for (let k = 0; k < moves; k++) {
    const from = random(t.length);
    const to = Math.min(t.length - 1, Math.max(0, from + (random(2) === 0 ? -1 : 1)));
    if (t[from] > 0) {
      t[from]--;
      t[to]++;
    }
  }
  return t;
}

describe('majorityGrade', () => {
  it('is the median judgment when the count is odd', () => {
    // Judgments 1, 1, 2.
    expect(majorityGrade([0, 2, 1])).toBe(1);
    // Judgments 0, 2, 2, 3, 4.
    expect(majorityGrade([1, 0, 2, 1, 1])).toBe(2);
  });

  it('is the lower of the two middle judgments when the count is even', () => {
    // Judgments 0, 0, 2, 2: the middle ones are 0 and 2.
    expect(majorityGrade([2, 0, 2])).toBe(0);
    // Judgments 0, 1, 2, 3.
    expect(majorityGrade([1, 1, 1, 1])).toBe(1);
  });

  it('is null when nobody graded', () => {
    expect(majorityGrade([0, 0, 0])).toBeNull();
    expect(majorityGrade([])).toBeNull();
  });

  it('refuses negative, fractional and non-finite counts with a RangeError', () => {
    expect(() => majorityGrade([1, -1, 2])).toThrow(RangeError);
    expect(() => majorityGrade([1, 0.5, 2])).toThrow(RangeError);
    expect(() => majorityGrade([1, NaN])).toThrow(RangeError);
    expect(() => majorityGrade([1, Infinity])).toThrow(RangeError);
  });
});

describe('compareProfiles', () => {
  it('puts the higher majority grade first', () => {
    expect(compareProfiles([0, 1, 2], [1, 2, 0])).toBeLessThan(0);
    expect(compareProfiles([1, 2, 0], [0, 1, 2])).toBeGreaterThan(0);
  });

  it('breaks a tie on the majority grade after one removal', () => {
    // 0, 1, 2 and 1, 1, 2 both have 1; without it 0, 2 and 1, 2: medians 0 and 1.
    expect(compareProfiles([1, 1, 1], [0, 2, 1])).toBeGreaterThan(0);
    expect(compareProfiles([0, 2, 1], [1, 1, 1])).toBeLessThan(0);
  });

  it('breaks a tie after several removals', () => {
    // 0, 2, 2, 2, 4 and 1, 2, 2, 2, 4: medians 2, 2, 2, then 0 against 1.
    const a = [1, 0, 3, 0, 1];
    const b = [0, 1, 3, 0, 1];
    expect(medianSequence(a)).toEqual([2, 2, 2, 0, 4]);
    expect(medianSequence(b)).toEqual([2, 2, 2, 1, 4]);
    expect(compareProfiles(a, b)).toBeGreaterThan(0);
  });

  it('ties identical profiles', () => {
    expect(compareProfiles([3, 1, 4, 1, 5], [3, 1, 4, 1, 5])).toBe(0);
  });

  it('compares unequal counts judgment by judgment, not by proportions', () => {
    // Medians 2, 2, 1… against 2, 1, 3…: same proportions, yet the bigger tally wins.
    expect(compareProfiles([2, 2, 2, 2, 2], [1, 1, 1, 1, 1])).toBeLessThan(0);
  });

  it('lets an option that ran out of judgments keep its majority grade', () => {
    // Unanimous 2 whatever the count.
    expect(compareProfiles([0, 0, 1], [0, 0, 2])).toBe(0);
    expect(compareProfiles([1, 0, 0], [4, 0, 0])).toBe(0);
    // Medians 2 against 2, 0, 2: the lone 2 stays 2 and wins.
    expect(compareProfiles([0, 0, 1], [1, 0, 2])).toBeLessThan(0);
    // Medians 0, 2 (then 0) against 0, 2, 0, 2.
    expect(compareProfiles([1, 0, 1], [2, 0, 2])).toBeGreaterThan(0);
  });

  it('stays transitive across unequal counts', () => {
    // Were a prefix a tie, [0, 0, 1] would tie with both, yet [0, 0, 3] beats [1, 0, 2].
    const lone = [0, 0, 1];
    const mixed = [1, 0, 2];
    const many = [0, 0, 3];
    expect(compareProfiles(many, mixed)).toBeLessThan(0);
    expect(compareProfiles(lone, many)).toBe(0);
    expect(compareProfiles(lone, mixed)).toBeLessThan(0);
  });

  it('puts profiles nobody graded after any graded one', () => {
    expect(compareProfiles([0, 0, 0], [1, 0, 0])).toBeGreaterThan(0);
    expect(compareProfiles([1, 0, 0], [0, 0, 0])).toBeLessThan(0);
    expect(compareProfiles([0, 0, 0], [0, 0, 0])).toBe(0);
  });

  it('refuses tallies of different lengths and bad counts with a RangeError', () => {
    expect(() => compareProfiles([1, 2], [1, 2, 3])).toThrow(RangeError);
    expect(() => compareProfiles([1, 2], [1, -2])).toThrow(RangeError);
  });

  it('agrees with removing medians one at a time on 600 random small profiles', () => {
    const random = lcg(20_240_611);
    const outcomes = { before: 0, after: 0, tied: 0, decidedLate: 0, unequal: 0 };
    for (let i = 0; i < 600; i++) {
      const grades = 2 + random(6); // grades 0..1 up to 0..6
      const a = randomTally(random, grades, 12);
      // Half the pairs share the total (a few judgments moved), half are independent.
      const b = i % 2 === 0 ? nudged(random, a, random(4)) : randomTally(random, grades, 12);
      const expected = referenceCompare(a, b);
      const actual = compareProfiles(a, b);
      expect({ a, b, order: Math.sign(actual) }).toEqual({ a, b, order: expected });
      expect(Math.sign(compareProfiles(b, a))).toBe(expected === 0 ? 0 : -expected);
      if (expected < 0) outcomes.before++;
      else if (expected > 0) outcomes.after++;
      else outcomes.tied++;
      if (expected !== 0 && majorityGrade(a) === majorityGrade(b)) outcomes.decidedLate++;
      if (a.reduce((s, c) => s + c, 0) !== b.reduce((s, c) => s + c, 0)) outcomes.unequal++;
    }
    // Every kind of outcome was exercised, not only the easy ones.
    expect(outcomes.before).toBeGreaterThan(50);
    expect(outcomes.after).toBeGreaterThan(50);
    expect(outcomes.tied).toBeGreaterThan(20);
    expect(outcomes.decidedLate).toBeGreaterThan(50);
    expect(outcomes.unequal).toBeGreaterThan(200);
  });

  it('agrees with removing medians one at a time on larger random profiles', () => {
    const random = lcg(7);
    for (let i = 0; i < 60; i++) {
      const grades = 2 + random(6);
      const a = randomTally(random, grades, 300);
      const b = i % 2 === 0 ? nudged(random, a, 1 + random(3)) : randomTally(random, grades, 300);
      expect({ a, b, order: Math.sign(compareProfiles(a, b)) }).toEqual({
        a,
        b,
        order: referenceCompare(a, b),
      });
    }
  });

  it('orders random profiles of unequal counts consistently (a total preorder)', () => {
    const random = lcg(42);
    const tallies = Array.from({ length: 40 }, () => randomTally(random, 4, 5));
    const sorted = [...tallies].sort(compareProfiles);
    for (let i = 0; i < sorted.length; i++) {
      for (let j = i + 1; j < sorted.length; j++) {
        expect(compareProfiles(sorted[i], sorted[j])).toBeLessThanOrEqual(0);
      }
    }
  });
});

describe('rankByMajorityJudgment', () => {
  it('ranks the options best first with their grade, total, tally and shares', () => {
    const ranked = rankByMajorityJudgment(options([1, 1, 1], [0, 2, 1], [0, 1, 3]), 3);
    expect(ranked).toEqual([
      { id: 'c', majorityGrade: 2, rank: 1, total: 4, tally: [0, 1, 3], above: 0, below: 0.25 },
      { id: 'b', majorityGrade: 1, rank: 2, total: 3, tally: [0, 2, 1], above: 1 / 3, below: 0 },
      {
        id: 'a',
        majorityGrade: 1,
        rank: 3,
        total: 3,
        tally: [1, 1, 1],
        above: 1 / 3,
        below: 1 / 3,
      },
    ]);
  });

  it('copies the tallies rather than sharing them', () => {
    const tally = [1, 2, 3];
    const [ranked] = rankByMajorityJudgment([{ id: 'x', tally }], 3);
    expect(ranked.tally).toEqual(tally);
    expect(ranked.tally).not.toBe(tally);
  });

  it('gives identical profiles one rank, skips the next one and keeps their input order', () => {
    const ranked = rankByMajorityJudgment(options([0, 1, 2], [1, 1, 1], [0, 1, 2], [0, 2, 1]), 3);
    expect(ranked.map((r) => [r.id, r.rank])).toEqual([
      ['a', 1],
      ['c', 1],
      ['d', 3],
      ['b', 4],
    ]);
  });

  it('puts options nobody graded last, tied, with a null grade', () => {
    const ranked = rankByMajorityJudgment(options([0, 0, 0], [1, 0, 0], [0, 0, 0], [0, 0, 2]), 3);
    expect(ranked.map((r) => [r.id, r.rank, r.majorityGrade, r.total])).toEqual([
      ['d', 1, 2, 2],
      ['b', 2, 0, 1],
      ['a', 3, null, 0],
      ['c', 3, null, 0],
    ]);
    expect(ranked[2]).toMatchObject({ above: 0, below: 0 });
  });

  it('ranks a single option first', () => {
    expect(rankByMajorityJudgment([{ id: 'only', tally: [0, 3, 1] }], 3)).toEqual([
      { id: 'only', majorityGrade: 1, rank: 1, total: 4, tally: [0, 3, 1], above: 0.25, below: 0 },
    ]);
    expect(rankByMajorityJudgment([], 3)).toEqual([]);
  });

  it('refuses a tally of the wrong length or with a bad count with a RangeError', () => {
    expect(() => rankByMajorityJudgment(options([1, 2, 3], [1, 2]), 3)).toThrow(RangeError);
    expect(() => rankByMajorityJudgment(options([1, 2, 3], [1, 2, 3, 4]), 3)).toThrow(
      /Option b has 4 grade counts, expected 3/,
    );
    expect(() => rankByMajorityJudgment(options([1, -2, 3]), 3)).toThrow(RangeError);
    expect(() => rankByMajorityJudgment(options([1, 2.5, 3]), 3)).toThrow(RangeError);
    expect(() => rankByMajorityJudgment(options([]), 0)).toThrow(RangeError);
  });

  describe("MieuxVoter's golden vectors (assertions.json, equal counts)", () => {
    it('ranks "Few participants"', () => {
      expect(
        ranksOf([
          [1, 1, 1],
          [1, 0, 2],
          [3, 0, 0],
          [2, 0, 1],
          [0, 3, 0],
        ]),
      ).toEqual([3, 1, 5, 4, 2]);
    });

    it('ranks "Feedback from Paris", the missing judgment given the default grade 0', () => {
      const missing = [1, 0, 4, 3, 7, 4, 1];
      const filled = [21 - missing.reduce((s, c) => s + c, 0) + missing[0], ...missing.slice(1)];
      expect(filled).toEqual([2, 0, 4, 3, 7, 4, 1]);
      const tallies = [[1, 1, 4, 3, 7, 4, 1], [0, 2, 4, 3, 7, 4, 1], [1, 1, 4, 3, 7, 4, 1], filled];
      expect(ranksOf(tallies)).toEqual([2, 1, 2, 4]);
    });

    it('ranks "Static Default Grade" once filled up to 10 judgments with grade 0', () => {
      const tallies = [
        [2, 2, 2, 2, 2],
        [2, 2, 2, 2, 2],
        [6, 0, 4, 0, 0],
        [8, 0, 0, 0, 2],
        [8, 0, 0, 1, 1],
      ];
      expect(ranksOf(tallies)).toEqual([1, 1, 3, 4, 5]);
    });

    it('ranks "Thousands of participants"', () => {
      const tallies = [
        [11142, 6970, 4040, 1968, 9888, 2992],
        [10141, 8971, 4043, 1965, 8884, 2996],
        [14141, 8971, 1043, 1965, 7884, 2996],
      ];
      expect(ranksOf(tallies)).toEqual([1, 2, 3]);
    });

    it('ranks "Millions of participants"', () => {
      const tallies = [
        [5272679, 19797001, 10732688, 9612936, 1379840, 16886281, 8646031],
        [16354546, 11690342, 9451800, 14245973, 817593, 12461162, 7306040],
        [9849171, 17970690, 14276861, 4606692, 16404594, 6760147, 2459301],
        [2645563, 12907474, 1278331, 22843261, 8025412, 8964952, 15662463],
        [16293252, 12277630, 38348, 14929905, 11087753, 10634266, 7066302],
      ];
      expect(ranksOf(tallies)).toEqual([3, 4, 5, 1, 2]);
    });
  });

  it('ranks 250,000 judgments per option at once, down to a single judgment moved at the ends', () => {
    const base = [20_000, 30_000, 40_000, 60_000, 50_000, 30_000, 20_000];
    const worstUp = [19_999, 30_001, 40_000, 60_000, 50_000, 30_000, 20_000];
    const bestDown = [20_000, 30_000, 40_000, 60_000, 50_000, 30_001, 19_999];
    const betterMiddle = [20_000, 30_000, 40_000, 59_999, 50_001, 30_000, 20_000];
    const started = performance.now();
    const ranked = rankByMajorityJudgment(options(base, bestDown, worstUp, base, betterMiddle), 7);
    // The worst and best judgments are the last medians removed: only the end decides.
    expect(ranked.map((r) => [r.id, r.rank, r.total, r.majorityGrade])).toEqual([
      ['e', 1, 250_000, 3],
      ['c', 2, 250_000, 3],
      ['a', 3, 250_000, 3],
      ['d', 3, 250_000, 3],
      ['b', 5, 250_000, 3],
    ]);
    for (let i = 0; i < 2_000; i++) compareProfiles(base, worstUp);
    // Expanding 250,000 judgments even once per comparison would take seconds.
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
