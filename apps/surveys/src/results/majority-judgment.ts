/**
 * Majority judgment (Balinski and Laraki) on grade tallies. An option's majority
 * grade is the lower median of its judgments; options with the same majority grade
 * are told apart by removing one median judgment from each, again and again, until
 * their medians differ (the higher median wins). Pure and dependency-free: it works
 * on the tallies, never on expanded judgments, in O(grades · log grades) per
 * comparison whatever the number of judgments, with integer arithmetic only.
 */

/** One option's grades: tally[g] = how many judgments gave grade g; 0 is the worst grade, grades-1 the best. */
export interface GradedOption {
  id: string;
  tally: readonly number[];
}

export interface MajorityJudgmentRank {
  id: string;
  /** The option's majority grade (lower median), null when nobody graded it. */
  majorityGrade: number | null;
  /** 1-based; tied options share a rank and the next rank is skipped (1, 1, 3). */
  rank: number;
  /** Number of judgments. */
  total: number;
  /** Copy of the input tally. */
  tally: number[];
  /** Proponents: share of judgments strictly above the majority grade, and opponents strictly below (0..1), for display. */
  above: number;
  below: number;
}

/** A checked tally with its running sums: cumulative[g] = judgments with a grade <= g. */
interface Profile {
  readonly cumulative: readonly number[];
  readonly total: number;
  /** Lower median grade; -1 when nobody graded the option. */
  readonly majority: number;
}

/** The median grade at one removal step and the last step of the same parity that keeps it. */
interface Step {
  grade: number;
  last: number;
}

function profileOf(tally: readonly number[]): Profile {
  const cumulative: number[] = [];
  let total = 0;
  for (const count of tally) {
    if (!Number.isSafeInteger(count) || count < 0) {
      throw new RangeError(`A grade count must be a non-negative integer, got ${count}.`);
    }
    total += count;
    cumulative.push(total);
  }
  if (!Number.isSafeInteger(total)) throw new RangeError('Too many judgments to count exactly.');
  const majority = total === 0 ? -1 : gradeAt(cumulative, Math.floor((total - 1) / 2));
  return { cumulative, total, majority };
}

/** The grade of the judgment at 0-based `position` in ascending order (binary search). */
function gradeAt(cumulative: readonly number[], position: number): number {
  let low = 0;
  let high = cumulative.length - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (cumulative[middle] > position) high = middle;
    else low = middle + 1;
  }
  return low;
}

/**
 * The median grade once `r` median judgments were removed. Removing lower medians
 * one at a time eats the sorted judgments from the centre outwards: with m = N - r
 * judgments left, the median sits at position m/2 - 1 when m is even (the low side,
 * one step down every second removal) and at (m - 1)/2 + r when m is odd (the high
 * side, one step up every second removal). So the grade stays the same over a run
 * of removals of that parity, whose last step `last` follows from where the grade's
 * judgments start (low side) or end (high side).
 *
 * An option that ran out of judgments (r >= N) keeps its majority grade for ever:
 * see compareProfiles.
 */
function stepAt(p: Profile, r: number): Step {
  const n = p.total;
  if (r >= n) return { grade: p.majority, last: Infinity };
  const m = n - r;
  if (m % 2 === 0) {
    const grade = gradeAt(p.cumulative, m / 2 - 1);
    const first = grade === 0 ? 0 : p.cumulative[grade - 1];
    // Still `grade` while (n - r)/2 - 1 >= first.
    return { grade, last: n - 2 - 2 * first };
  }
  const grade = gradeAt(p.cumulative, (m - 1) / 2 + r);
  // Still `grade` while (n + r - 1)/2 <= cumulative[grade] - 1.
  return { grade, last: 2 * p.cumulative[grade] - n - 1 };
}

function compare(a: Profile, b: Profile): number {
  if (a.total === 0 || b.total === 0) return Number(a.total === 0) - Number(b.total === 0);
  const end = Math.max(a.total, b.total);
  let r = 0;
  while (r < end) {
    // Every step up to `last` repeats the medians of step r or r + 1 (same parity),
    // so one look at both parities covers the whole run; at most 4 · (grades + 1) runs.
    const a0 = stepAt(a, r);
    const b0 = stepAt(b, r);
    if (a0.grade !== b0.grade) return a0.grade > b0.grade ? -1 : 1;
    let last = Math.min(a0.last, b0.last);
    if (r + 1 < end) {
      const a1 = stepAt(a, r + 1);
      const b1 = stepAt(b, r + 1);
      if (a1.grade !== b1.grade) return a1.grade > b1.grade ? -1 : 1;
      last = Math.min(last, a1.last, b1.last);
    }
    r = last + 1;
  }
  return 0;
}

function checkGrades(grades: number): void {
  if (!Number.isSafeInteger(grades) || grades < 1) {
    throw new RangeError(`The number of grades must be a positive integer, got ${grades}.`);
  }
}

/** The lower median grade of a tally, null when it holds no judgment. Throws RangeError on a negative or non-integer count. */
export function majorityGrade(tally: readonly number[]): number | null {
  const { majority } = profileOf(tally);
  return majority < 0 ? null : majority;
}

/**
 * Compares two profiles by majority value: <0 if a ranks before (better than) b, >0 after, 0 tied.
 * The successive lower medians are compared one removal at a time; the first that
 * differ decide, the higher wins. With unequal numbers of judgments, an option that
 * runs out keeps its majority grade as its median for the remaining steps, so
 * [0, 0, 1] ties with [0, 0, 2] and beats [1, 0, 2] (medians 2, then 0). Calling
 * the prefix a tie instead would not be transitive ([0, 0, 1] would tie with both
 * [1, 0, 2] and [0, 0, 3], which beats [1, 0, 2]) and would leave ranks undefined.
 * Options nobody graded come last, tied among themselves. Tallies must have the
 * same length; throws RangeError otherwise or on a negative or non-integer count.
 */
export function compareProfiles(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) {
    throw new RangeError(`Tallies must have as many grades, got ${a.length} and ${b.length}.`);
  }
  return compare(profileOf(a), profileOf(b));
}

/** Ranks options (best first; ties keep input order among themselves). Throws RangeError if a tally's length differs from `grades` or holds a negative / non-integer count. */
export function rankByMajorityJudgment(
  options: readonly GradedOption[],
  grades: number,
): MajorityJudgmentRank[] {
  checkGrades(grades);
  const entries = options.map((option, index) => {
    if (option.tally.length !== grades) {
      throw new RangeError(
        `Option ${option.id} has ${option.tally.length} grade counts, expected ${grades}.`,
      );
    }
    return { option, index, profile: profileOf(option.tally) };
  });
  entries.sort((x, y) => compare(x.profile, y.profile) || x.index - y.index);

  const ranks: MajorityJudgmentRank[] = [];
  entries.forEach(({ option, profile }, i) => {
    const tied = i > 0 && compare(entries[i - 1].profile, profile) === 0;
    const { total, majority, cumulative } = profile;
    const below = majority > 0 ? cumulative[majority - 1] : 0;
    ranks.push({
      id: option.id,
      majorityGrade: majority < 0 ? null : majority,
      rank: tied ? ranks[i - 1].rank : i + 1,
      total,
      tally: [...option.tally],
      above: majority < 0 ? 0 : (total - cumulative[majority]) / total,
      below: majority < 0 ? 0 : below / total,
    });
  });
  return ranks;
}
