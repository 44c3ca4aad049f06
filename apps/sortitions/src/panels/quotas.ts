/**
 * Quota model of a citizens' panel: categories (gender, age band, area…), a
 * count bound per value of each category, and the diagnosis of quotas that no
 * panel can meet. Pure functions; the joint check solves a small MIP with
 * HiGHS (WebAssembly, loaded once per process).
 */
import highsLoader, { type Highs, type Model, type ModelData } from 'highs';

export interface Volunteer {
  id: string;
  /** values[i] is the volunteer's value of category i. */
  values: readonly string[];
}

/** Number of panel members with a value, inclusive bounds. */
export interface QuotaBound {
  min: number;
  max: number;
}

export interface PanelSpec {
  /** e.g. ['gender', 'age', 'area', 'diploma', 'housing']. */
  categories: readonly string[];
  /** quotas[i][value] for category i; every value present in the pool must have a bound. */
  quotas: readonly Record<string, QuotaBound>[];
  /** Panel size N. */
  size: number;
}

/** Why no panel can meet the quotas. `category` is null when no single category is to blame. */
export interface Infeasibility {
  category: string | null;
  value?: string;
  reason: string;
}

/**
 * Count bounds for a value that makes up `share` of the population: the panel
 * holds between ⌊share × N⌋ and ⌈share × N⌉ people of it (both equal when
 * share × N is whole), widened by `slackPeople` on each side and clipped to
 * [0, N]. share × N is first rounded to 9 decimals so that float noise
 * (0.3 × 10 = 3.0000000000000004) does not widen the ceiling.
 */
export function boundsFromShare(share: number, size: number, slackPeople = 0): QuotaBound {
  if (!(share >= 0 && share <= 1)) throw new RangeError(`share must be in [0, 1], got ${share}`);
  if (!Number.isInteger(size) || size < 0)
    throw new RangeError(`size must be a whole number ≥ 0, got ${size}`);
  if (!Number.isInteger(slackPeople) || slackPeople < 0)
    throw new RangeError(`slackPeople must be a whole number ≥ 0, got ${slackPeople}`);
  const exact = Math.round(share * size * 1e9) / 1e9;
  return {
    min: Math.max(0, Math.floor(exact) - slackPeople),
    max: Math.min(size, Math.ceil(exact) + slackPeople),
  };
}

/** Identity of a volunteer "type": the vector of its values, one per category. */
export function typeKey(values: readonly string[]): string {
  return JSON.stringify(values);
}

/** Volunteers sharing one value vector. */
export interface VolunteerType {
  key: string;
  values: string[];
  size: number;
}

/** A quota as a constraint over types: min ≤ Σ n_t over `members` ≤ max. */
export interface QuotaRow {
  category: number;
  value: string;
  min: number;
  max: number;
  /** Indexes of the types with this value, ascending. */
  members: number[];
  /** Volunteers with this value in the pool. */
  available: number;
}

/** The pool grouped into types (sorted by key) and the quotas as rows over them. */
export interface CountProblem {
  types: VolunteerType[];
  rows: QuotaRow[];
  size: number;
  poolSize: number;
}

/** Checks the shape of the input (not its feasibility); throws on malformed data. */
export function validateInput(pool: readonly Volunteer[], spec: PanelSpec): void {
  const c = spec.categories.length;
  if (spec.quotas.length !== c)
    throw new TypeError(`${c} categories but ${spec.quotas.length} quota records`);
  if (new Set(spec.categories).size !== c) throw new TypeError('category names must be unique');
  if (!Number.isInteger(spec.size) || spec.size < 1)
    throw new TypeError(`panel size must be a whole number ≥ 1, got ${spec.size}`);
  const ids = new Set<string>();
  for (const v of pool) {
    if (v.values.length !== c)
      throw new TypeError(`volunteer ${v.id} has ${v.values.length} values for ${c} categories`);
    if (ids.has(v.id)) throw new TypeError(`volunteer ${v.id} appears twice in the pool`);
    ids.add(v.id);
  }
}

/**
 * Groups the pool by value vector (types sorted by key, so the order does not
 * depend on the pool's order) and turns every quota into a row over types.
 * Values of the quotas absent from the pool get no row (their count is 0);
 * pool values without a bound get no row either (diagnose() reports them).
 */
export function countProblem(pool: readonly Volunteer[], spec: PanelSpec): CountProblem {
  validateInput(pool, spec);
  const byKey = new Map<string, VolunteerType>();
  for (const v of pool) {
    const key = typeKey(v.values);
    const t = byKey.get(key);
    if (t) t.size++;
    else byKey.set(key, { key, values: [...v.values], size: 1 });
  }
  const types = [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const rows: QuotaRow[] = [];
  spec.categories.forEach((_, i) => {
    const members = new Map<string, number[]>();
    types.forEach((t, j) => {
      const list = members.get(t.values[i]);
      if (list) list.push(j);
      else members.set(t.values[i], [j]);
    });
    for (const value of [...members.keys()].sort()) {
      const bound = Object.hasOwn(spec.quotas[i], value) ? spec.quotas[i][value] : undefined;
      if (!bound) continue;
      const list = members.get(value) ?? [];
      const available = list.reduce((s, j) => s + types[j].size, 0);
      rows.push({ category: i, value, min: bound.min, max: bound.max, members: list, available });
    }
  });
  return { types, rows, size: spec.size, poolSize: pool.length };
}

/** Whether a panel given as counts per type (in `problem.types` order) meets every quota and the size. */
export function meetsQuotas(problem: CountProblem, counts: readonly number[]): boolean {
  let total = 0;
  for (let j = 0; j < problem.types.length; j++) {
    const n = counts[j];
    if (!Number.isInteger(n) || n < 0 || n > problem.types[j].size) return false;
    total += n;
  }
  if (total !== problem.size) return false;
  return problem.rows.every((r) => {
    const n = r.members.reduce((s, j) => s + counts[j], 0);
    return n >= r.min && n <= r.max;
  });
}

let highsInstance: Promise<Highs> | undefined;

/** The HiGHS runtime, compiled and instantiated once per process. */
export function loadHighs(): Promise<Highs> {
  highsInstance ??= highsLoader();
  return highsInstance;
}

/**
 * The integer program over count vectors: one integer column n_t ∈ [0, size_t]
 * per type (zero cost), one row Σ n_t = N, then one row per quota (skipping
 * the rows of `skipCategory` and rows no count vector can violate).
 */
export function countModelData(highs: Highs, problem: CountProblem, skipCategory = -1): ModelData {
  const T = problem.types.length;
  const rows = problem.rows.filter(
    (r) => r.category !== skipCategory && (r.min > 0 || r.max < r.available),
  );
  const starts = [0, T];
  const indices: number[] = problem.types.map((_, j) => j);
  for (const r of rows) {
    indices.push(...r.members);
    starts.push(indices.length);
  }
  return {
    numCols: T,
    numRows: rows.length + 1,
    sense: highs.constants.objectiveSense.maximize,
    colCost: new Float64Array(T),
    colLower: new Float64Array(T),
    colUpper: problem.types.map((t) => t.size),
    rowLower: [problem.size, ...rows.map((r) => r.min)],
    rowUpper: [problem.size, ...rows.map((r) => r.max)],
    matrix: {
      format: 'csr',
      numRows: rows.length + 1,
      numCols: T,
      starts,
      indices,
      values: new Float64Array(indices.length).fill(1),
    },
    integrality: new Int32Array(T).fill(highs.constants.variableType.integer),
  };
}

/**
 * Options of every count-vector MIP: silent, deterministic (fixed seed; the
 * WebAssembly build is single-threaded), solved to optimality, and a time
 * limit as a safety net (they take milliseconds).
 */
export const MIP_OPTIONS = {
  output_flag: false,
  random_seed: 0,
  mip_rel_gap: 0,
  mip_abs_gap: 1e-9,
  time_limit: 120,
} as const;

/** Whether some count vector satisfies `data` (stops at the first one found). */
function feasible(highs: Highs, data: ModelData): boolean {
  const model: Model = highs.createModel(data);
  try {
    model.options.set({ ...MIP_OPTIONS, mip_max_improving_sols: 1 });
    const status = model.run().modelStatus;
    const s = highs.constants.modelStatus;
    if (status === s.optimal || status === s.solutionLimit) return true;
    if (status === s.infeasible) return false;
    throw new Error(`HiGHS ended the feasibility check with status ${status}`);
  } finally {
    model.dispose();
  }
}

const people = (n: number) => `${n} ${n === 1 ? 'person' : 'people'}`;

/**
 * The cheap causes, category by category: a pool value without a bound, a
 * malformed bound, Σ min > N, Σ max < N, fewer volunteers of a value than its
 * min, and Σ over values of min(max, volunteers) < N. Null when none applies
 * (the quotas may still conflict jointly: see diagnose()).
 */
export function checkQuotas(pool: readonly Volunteer[], spec: PanelSpec): Infeasibility | null {
  validateInput(pool, spec);
  const N = spec.size;
  if (pool.length < N)
    return {
      category: null,
      reason: `the pool holds ${people(pool.length)}, fewer than the panel size ${N}`,
    };
  for (let i = 0; i < spec.categories.length; i++) {
    const category = spec.categories[i];
    const quota = spec.quotas[i];
    const counts = new Map<string, number>();
    for (const v of pool) counts.set(v.values[i], (counts.get(v.values[i]) ?? 0) + 1);
    for (const value of [...counts.keys()].sort())
      if (!Object.hasOwn(quota, value))
        return {
          category,
          value,
          reason: `${people(counts.get(value) ?? 0)} in the pool have ${category} "${value}", which has no quota`,
        };
    const values = Object.keys(quota).sort();
    for (const value of values) {
      const { min, max } = quota[value];
      if (!Number.isInteger(min) || !Number.isInteger(max) || min < 0 || min > max)
        return {
          category,
          value,
          reason: `the quota of ${category} "${value}" is not a range of whole numbers (min ${min}, max ${max})`,
        };
    }
    const sumMin = values.reduce((s, v) => s + quota[v].min, 0);
    if (sumMin > N)
      return {
        category,
        reason: `the minimums of ${category} add up to ${sumMin}, more than the panel size ${N}`,
      };
    const sumMax = values.reduce((s, v) => s + quota[v].max, 0);
    if (sumMax < N)
      return {
        category,
        reason: `the maximums of ${category} add up to ${sumMax}, less than the panel size ${N}`,
      };
    for (const value of values) {
      const available = counts.get(value) ?? 0;
      if (available < quota[value].min)
        return {
          category,
          value,
          reason: `the quota of ${category} "${value}" asks for at least ${people(quota[value].min)}, the pool has ${available}`,
        };
    }
    const capacity = values.reduce((s, v) => s + Math.min(quota[v].max, counts.get(v) ?? 0), 0);
    if (capacity < N)
      return {
        category,
        reason: `within the maximums of ${category}, the pool can fill only ${capacity} of ${N} seats`,
      };
  }

  return null;
}

/**
 * Why no panel can meet the quotas, or null when one can: checkQuotas(), then
 * the joint check (a MIP over count vectors); when only the quotas together
 * conflict, each category is dropped in turn and the first whose removal makes
 * a panel possible is named (the others that would do are listed).
 */
export async function diagnose(
  pool: readonly Volunteer[],
  spec: PanelSpec,
): Promise<Infeasibility | null> {
  const cheap = checkQuotas(pool, spec);
  if (cheap) return cheap;
  const highs = await loadHighs();
  const problem = countProblem(pool, spec);
  if (feasible(highs, countModelData(highs, problem))) return null;
  const culprits = spec.categories.filter((_, i) =>
    feasible(highs, countModelData(highs, problem, i)),
  );
  if (culprits.length === 0)
    return {
      category: null,
      reason:
        'each category can be met alone, but not all together, and dropping any single category does not help',
    };
  const others = culprits.slice(1).map((c) => `"${c}"`);
  return {
    category: culprits[0],
    reason:
      `the quotas of ${culprits[0]} cannot be met together with those of the other categories: ` +
      `without them a panel exists` +
      (others.length ? ` (as it does without ${others.join(', ')})` : ''),
  };
}
