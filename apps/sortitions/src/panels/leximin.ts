/**
 * LEXIMIN selection of a citizens' panel (Flanigan, Gölz, Gupta, Hennig,
 * Procaccia, "Fair algorithms for selecting citizens' assemblies", Nature
 * 2021): among all probability distributions over panels that meet every
 * quota, the one whose volunteer selection probabilities are leximin-maximal
 * (the smallest probability as large as possible, then the second smallest…).
 *
 * Types, not volunteers. Volunteers with the same value in every category are
 * interchangeable: swapping two of them maps quota-abiding panels onto
 * quota-abiding panels. The set of achievable probability vectors is convex (a
 * mixture of distributions is a distribution) and symmetric under these
 * swaps, and the leximin optimum is unique, so it is symmetric too: every
 * volunteer of one "type" (value vector) gets the same probability. So the
 * work is done on types: a panel is a count vector n (0 ≤ n_t ≤ size_t,
 * Σ n_t = N, each quota's min ≤ Σ n_t over the types with that value ≤ max)
 * and a volunteer of type t is selected with probability E[n_t] / size_t. A
 * pool of 30,000 volunteers in 5 categories has about a thousand types; a
 * count vector stands for every panel with those counts (the service draws
 * the people of each type uniformly). Probabilities are handled as multiples
 * of the uniform probability u = N / pool ("ratios", near 1, which suits the
 * solver's absolute tolerances).
 *
 * The algorithm. C is the convex hull of the integer count vectors (what
 * distributions over panels achieve), P ⊇ C the polytope of the same
 * constraints over real vectors (the LP relaxation).
 *  1. Relaxed leximin over P: Flanigan et al.'s rounds on a compact LP (one
 *     variable per type): maximize z with E[n_t] / (size_t u) ≥ z for unfixed
 *     types and ≥ v_t − ε for fixed ones; an unfixed type with a positive
 *     dual is tight in every optimum (complementary slackness), so it is
 *     fixed at z; the duals of unfixed types sum to 1, so every round fixes
 *     one at least.
 *  2. If that point x lies in C, it is the leximin over C (it is over P ⊇ C).
 *     Carathéodory walk: x lies in the relative interior of a face F of P;
 *     take an integer point v of F (a vertex of F for a pseudo-random LP
 *     objective, usually integral, else a MIP point); move x away from v to
 *     the boundary of F, so that x = λ v + (1 − λ) x' with x' on a smaller
 *     face; repeat. When a face has no integer point left, back off to a larger
 *     face met earlier and decompose the walk's point there by column
 *     generation restricted to that face (one LP row per type free on it).
 *  3. If x is not in C, the leximin over C differs and Flanigan et al.'s
 *     column generation gives it: each round maximizes z over distributions on
 *     known count vectors (a restricted LP; fixed types keep their value
 *     minus ε); a pricing MIP over integer count vectors (HiGHS, general
 *     integers) finds the vector maximizing Σ y_t n_t / (size_t u) for the
 *     LP's duals y, which enters while it beats the dual of Σ λ = 1 by more
 *     than a tolerance; then the types with a positive dual are fixed. A
 *     round also ends when z reaches the relaxed round's value under the same
 *     fixings (an upper bound), and then the relaxed LP's duals say which
 *     types to fix. It starts from every count vector step 2 met.
 * Pricing tries the LP relaxation before the MIP: its optimum is usually
 * integral (then it is the MIP's optimum) and, when its bound does not beat
 * the threshold, no count vector does.
 *
 * On the benchmark pools step 2 succeeds (about a thousand walk steps, 2-3
 * LPs each, a handful of MIPs); step 3 is the fallback for pools where
 * interlocked quotas make the relaxation promise more than panels can give,
 * and it is much slower on large pools (hundreds of LPs and MIPs per round).
 *
 * Deterministic: types sorted by key, objectives from a fixed hash, HiGHS
 * single-threaded with a fixed seed, no Math.random.
 */
import type { Highs, Model, ModelData } from 'highs';
import {
  checkQuotas,
  countModelData,
  countProblem,
  diagnose,
  loadHighs,
  meetsQuotas,
  MIP_OPTIONS,
  type CountProblem,
  type Infeasibility,
  type PanelSpec,
  type Volunteer,
} from './quotas';

export interface PanelType {
  key: string;
  values: string[];
  size: number;
}

export interface PanelDistribution {
  /** Sorted by key. */
  types: PanelType[];
  /** counts[j] people of types[j]; probabilities > 1e-9, summing to 1. */
  panels: { counts: number[]; probability: number }[];
  /** Selection probability of each volunteer of types[j]. */
  typeProbability: number[];
  minProbability: number;
  /** N / pool size, what everyone would get without quotas. */
  uniform: number;
  /** LP solves, all steps together. */
  lpSolves: number;
  /** Distinct count vectors generated. */
  columns: number;
  /** MIP solves, all steps together. */
  mipSolves: number;
}

/** No panel meets the quotas; `infeasibility` says why. */
export class PanelInfeasibleError extends Error {
  constructor(readonly infeasibility: Infeasibility) {
    super(`no panel meets the quotas: ${infeasibility.reason}`);
    this.name = 'PanelInfeasibleError';
  }
}

/** Slack under a fixed type's value in step 3 (ratio units), so fixing never makes an LP infeasible. */
const FIX_SLACK = 1e-7;
/**
 * Step 1's slack, tried first (then ×10 up to FIX_SLACK if an LP turns
 * infeasible numerically): a slack lets later rounds lower fixed types a
 * little to lift others, which moves x off C.
 */
const RELAXED_SLACK = 1e-9;
/** A dual above this marks a type as tight in every optimum. */
const DUAL_THRESHOLD = 1e-9;
/** A column must beat the dual bound by this much to enter a restricted LP. */
const PRICING_TOLERANCE = 1e-7;
/** A round of step 3 is optimal when z is this close to the relaxed bound. */
const BOUND_TOLERANCE = 1e-7;
/** A count this close to a bound (or a row to its bound) lies on it. */
const TIGHT = 1e-6;
/** LP objectives tried for an integral vertex of a face before a MIP. */
const VERTEX_TRIES = 16;
/** Largest accepted gap between a probability from a face's decomposition and its target. */
const FACE_TOLERANCE = 1e-8;
/** Panels below this probability are dropped (the rest renormalized). */
const MIN_PANEL_PROBABILITY = 1e-9;
/** Allowed gap between the result's probabilities and the leximin values. */
const CHECK_TOLERANCE = 1e-6;

const LP_OPTIONS = {
  output_flag: false,
  random_seed: 0,
  solver: 'simplex',
  presolve: 'off',
} as const;

/** Deterministic value in [0, 1) from two integers (a 32-bit mix). */
function unitHash(a: number, b: number): number {
  let h = Math.imul(a + 1, 0x9e3779b1) ^ Math.imul(b + 1, 0x85ebca77);
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  h = Math.imul(h ^ (h >>> 12), 0x297a2d39);
  return ((h ^ (h >>> 15)) >>> 0) / 2 ** 32;
}

function isIntegral(x: ArrayLike<number>): boolean {
  for (let i = 0; i < x.length; i++) if (Math.abs(x[i] - Math.round(x[i])) > 1e-9) return false;
  return true;
}

/** Whole counts from solver values (never −0). */
const toCounts = (x: ArrayLike<number>) => Array.from(x, (v) => Math.round(v) || 0);

const key = (counts: readonly number[]) => counts.join(',');

/** Solver calls, for the result's statistics. */
interface Counters {
  lp: number;
  mip: number;
}

/**
 * Runs an LP to optimality; once more from scratch if HiGHS gives up on a warm
 * start ("unknown" status after many changes). False when infeasible.
 */
function runLp(highs: Highs, model: Model, what: string): boolean {
  const s = highs.constants.modelStatus;
  let status = model.run().modelStatus;
  if (status !== s.optimal && status !== s.infeasible) {
    model.clearSolver();
    status = model.run().modelStatus;
  }
  if (status === s.infeasible) return false;
  if (status !== s.optimal) throw new Error(`HiGHS ended ${what} with status ${status}`);
  return true;
}

/** Bounds of a face of P: fixed counts and rows held at one bound. */
interface Face {
  colLower: Float64Array;
  colUpper: Float64Array;
  rowLower: Float64Array;
  rowUpper: Float64Array;
}

/** The face given by tight markers (−1 at the lower bound, 1 at the upper, 0 free). */
function faceOf(data: ModelData, colTight: Int8Array, rowTight: Int8Array): Face {
  const at = (lo: ArrayLike<number>, hi: ArrayLike<number>, tight: Int8Array) => ({
    lower: Float64Array.from(tight, (k, i) => (k === 1 ? hi[i] : lo[i])),
    upper: Float64Array.from(tight, (k, i) => (k === -1 ? lo[i] : hi[i])),
  });
  const c = at(data.colLower, data.colUpper, colTight);
  const r = at(data.rowLower, data.rowUpper, rowTight);
  return { colLower: c.lower, colUpper: c.upper, rowLower: r.lower, rowUpper: r.upper };
}

/**
 * Integer count vectors from HiGHS: an LP over P (or a face of it) and the
 * same model with integer variables, two persistent models whose costs and
 * bounds change from call to call.
 */
class CountOracle {
  private readonly lp: Model;
  private readonly mip: Model;
  private readonly cols: { kind: 'range'; from: number; to: number };
  private readonly rows: { kind: 'range'; from: number; to: number };

  constructor(
    private readonly highs: Highs,
    readonly data: ModelData,
    private readonly calls: Counters,
  ) {
    this.cols = { kind: 'range', from: 0, to: data.numCols - 1 };
    this.rows = { kind: 'range', from: 0, to: data.numRows - 1 };
    this.lp = highs.createModel({ ...data, integrality: undefined });
    this.mip = highs.createModel(data);
    try {
      this.lp.options.set(LP_OPTIONS);
      this.mip.options.set(MIP_OPTIONS);
    } catch (error) {
      this.dispose();
      throw error;
    }
  }

  dispose(): void {
    this.lp.dispose();
    this.mip.dispose();
  }

  /** Restricts both models to a face of P (null: P itself). */
  setFace(face: Face | null): void {
    const d = this.data;
    for (const m of [this.lp, this.mip]) {
      m.changeColsBounds(this.cols, face?.colLower ?? d.colLower, face?.colUpper ?? d.colUpper);
      m.changeRowsBounds(this.rows, face?.rowLower ?? d.rowLower, face?.rowUpper ?? d.rowUpper);
    }
  }

  private solveLp(costs: Float64Array): boolean {
    this.calls.lp++;
    this.lp.changeColsCost(this.cols, costs);
    return runLp(this.highs, this.lp, 'a count-vector LP');
  }

  private solveMip(costs: Float64Array, firstSolution: boolean): number[] | null {
    this.calls.mip++;
    this.mip.changeColsCost(this.cols, costs);
    this.mip.options.set({ mip_max_improving_sols: firstSolution ? 1 : 2147483647 });
    const status = this.mip.run().modelStatus;
    const s = this.highs.constants.modelStatus;
    if (status === s.infeasible) return null;
    if (status !== s.optimal && !(firstSolution && status === s.solutionLimit))
      throw new Error(`HiGHS ended a count-vector MIP with status ${status}`);
    return toCounts(this.mip.getSolution().colValue);
  }

  /**
   * An integer point of the current face: an integral vertex for one of a few
   * pseudo-random objectives (seeded by `step`), else the MIP's first point;
   * null when the face has none.
   */
  integerPoint(step: number): number[] | null {
    const T = this.data.numCols;
    const costs = new Float64Array(T);
    for (let k = 0; k < VERTEX_TRIES; k++) {
      for (let t = 0; t < T; t++)
        costs[t] =
          (unitHash(step * VERTEX_TRIES + k, t) - 0.5) / Math.max(1, this.data.colUpper[t]);
      if (!this.solveLp(costs)) return null;
      const x = this.lp.getSolution().colValue;
      if (isIntegral(x)) return toCounts(x);
    }
    return this.solveMip(new Float64Array(T), true);
  }

  /**
   * The count vector of the current face maximizing Σ weights_t n_t if that
   * beats `threshold`, else null (also when the face has no integer point).
   */
  best(weights: Float64Array, threshold: number): number[] | null {
    if (!this.solveLp(weights) || this.lp.getObjectiveValue() <= threshold) return null;
    const x = this.lp.getSolution().colValue;
    const counts = isIntegral(x) ? toCounts(x) : this.solveMip(weights, false);
    if (!counts) return null;
    return counts.reduce((s, n, t) => s + n * weights[t], 0) > threshold ? counts : null;
  }
}

/**
 * The compact LP of the relaxed rounds: the count-vector rows over real counts
 * x_t, plus z (last column) and one row per type: x_t / (size_t u) − z ≥ 0
 * while unfixed, x_t / (size_t u) ≥ v_t − slack once fixed.
 */
class Relaxation {
  private readonly model: Model;
  private readonly R: number;
  private readonly T: number;

  constructor(
    private readonly highs: Highs,
    data: ModelData,
    uniform: number,
    private readonly calls: Counters,
    private readonly slack: number,
  ) {
    const T = data.numCols;
    this.T = T;
    this.R = data.numRows;
    this.model = highs.createModel({ ...data, integrality: undefined });
    try {
      this.model.options.set({
        ...LP_OPTIONS,
        primal_feasibility_tolerance: 1e-9,
        dual_feasibility_tolerance: 1e-9,
      });
      this.model.addVar(0, highs.infinity);
      this.model.changeColCost(T, 1);
      const indices: number[] = [];
      const values: number[] = [];
      for (let t = 0; t < T; t++) {
        indices.push(t, T);
        values.push(1 / (data.colUpper[t] * uniform), -1);
      }
      this.model.addRows({
        lower: new Float64Array(T),
        upper: new Float64Array(T).fill(highs.infinity),
        matrix: {
          format: 'csr',
          numRows: T,
          numCols: T + 1,
          starts: Int32Array.from({ length: T + 1 }, (_, t) => 2 * t),
          indices: Int32Array.from(indices),
          values: Float64Array.from(values),
        },
      });
    } catch (error) {
      this.model.dispose();
      throw error;
    }
  }

  dispose(): void {
    this.model.dispose();
  }

  fix(t: number, v: number): void {
    this.model.changeCoefficient(this.R + t, this.T, 0);
    this.model.changeRowBounds(this.R + t, Math.max(0, v - this.slack), this.highs.infinity);
  }

  /** z, the type rows' duals (made ≥ 0) and the real counts; null when infeasible. */
  solve(): { z: number; y: Float64Array; x: Float64Array } | null {
    this.calls.lp++;
    if (!runLp(this.highs, this.model, 'a relaxed round')) return null;
    const sol = this.model.getSolution();
    const y = new Float64Array(this.T);
    // HiGHS reports the dual of a binding ≥ row of a maximization as negative.
    for (let t = 0; t < this.T; t++) y[t] = Math.max(0, -sol.rowDual[this.R + t]);
    return { z: sol.colValue[this.T], y, x: sol.colValue.slice(0, this.T) };
  }
}

/** The unfixed types to fix: those with a positive dual, else the one with the largest. */
function toFix(y: Float64Array, fixed: Float64Array): number[] {
  const out: number[] = [];
  let strongest = -1;
  for (let t = 0; t < y.length; t++) {
    if (!Number.isNaN(fixed[t])) continue;
    if (strongest < 0 || y[t] > y[strongest]) strongest = t;
    if (y[t] > DUAL_THRESHOLD) out.push(t);
  }
  return out.length > 0 || strongest < 0 ? out : [strongest];
}

/**
 * Step 1: the relaxed leximin as real counts per type; null when P is empty.
 * A round turning infeasible later is numerical: the rounds start over with a
 * larger slack.
 */
function relaxedLeximin(highs: Highs, data: ModelData, uniform: number, calls: Counters) {
  const T = data.numCols;
  for (let slack = RELAXED_SLACK; slack <= FIX_SLACK * 1.001; slack *= 10) {
    const relaxation = new Relaxation(highs, data, uniform, calls, slack);
    try {
      const fixed = new Float64Array(T).fill(NaN);
      let unfixed = T;
      for (let round = 0; ; round++) {
        const r = relaxation.solve();
        if (!r) {
          if (round === 0) return null;
          break;
        }
        for (const t of toFix(r.y, fixed)) {
          fixed[t] = r.z;
          relaxation.fix(t, r.z);
          unfixed--;
        }
        if (unfixed === 0) return r.x;
      }
    } finally {
      relaxation.dispose();
    }
  }
  throw new Error('the relaxed rounds kept turning infeasible');
}

/** A count vector with its weight in a decomposition. */
interface Part {
  counts: number[];
  weight: number;
}

/** The walk's state before a step. */
interface Snapshot {
  x: Float64Array;
  colTight: Int8Array;
  rowTight: Int8Array;
  remaining: number;
  parts: number;
  free: number;
}

/**
 * Step 2: the real counts `target` as a convex combination of integer count
 * vectors, or null if none was found. `seen` collects every count vector met.
 */
function decompose(
  highs: Highs,
  oracle: CountOracle,
  target: Float64Array,
  calls: Counters,
  seen: number[][],
): Part[] | null {
  const data = oracle.data;
  const T = data.numCols;
  const R = data.numRows;
  const { starts, indices } = data.matrix;
  const activity = (v: ArrayLike<number>, i: number) => {
    let s = 0;
    for (let k = starts[i]; k < starts[i + 1]; k++) s += v[indices[k]];
    return s;
  };
  const x = Float64Array.from(target);
  const colTight = new Int8Array(T);
  const rowTight = new Int8Array(R);
  const tighten = (t: number, side: number) => {
    colTight[t] = side;
    x[t] = side === 1 ? data.colUpper[t] : data.colLower[t];
  };
  for (let t = 0; t < T; t++) {
    if (x[t] < data.colLower[t] + TIGHT) tighten(t, -1);
    else if (x[t] > data.colUpper[t] - TIGHT) tighten(t, 1);
  }
  for (let i = 0; i < R; i++) {
    const a = activity(x, i);
    if (a < data.rowLower[i] + TIGHT) rowTight[i] = -1;
    else if (a > data.rowUpper[i] - TIGHT) rowTight[i] = 1;
  }

  const parts: Part[] = [];
  // Snapshots at geometrically spaced numbers of free types (memory O(T log T)).
  const snapshots: Snapshot[] = [];
  let remaining = 1;
  let free = T;
  for (let step = 0; ; step++) {
    free = colTight.reduce((s, k) => s + (k === 0 ? 1 : 0), 0);
    const last = snapshots.at(-1);
    if (!last || free <= last.free - Math.max(10, last.free >> 3))
      snapshots.push({
        x: Float64Array.from(x),
        colTight: Int8Array.from(colTight),
        rowTight: Int8Array.from(rowTight),
        remaining,
        parts: parts.length,
        free,
      });
    if (step > T + R + 8) break; // each step tightens a constraint: cannot happen
    oracle.setFace(faceOf(data, colTight, rowTight));
    const v = oracle.integerPoint(step);
    if (!v) break;
    seen.push(v);
    const d = Float64Array.from(x, (xi, t) => xi - v[t]);
    if (d.every((di) => Math.abs(di) < 1e-9)) {
      parts.push({ counts: v, weight: remaining });
      return parts;
    }
    // Ratio test: how far x can move away from v within P.
    let theta = Infinity;
    let hits: [number, number][] = [];
    const consider = (ratio: number, hit: [number, number]) => {
      if (ratio < theta - 1e-12) [theta, hits] = [ratio, [hit]];
      else if (ratio <= theta + 1e-12) hits.push(hit);
    };
    for (let t = 0; t < T; t++) {
      if (colTight[t] !== 0) continue;
      if (d[t] > 1e-12) consider(Math.max(0, data.colUpper[t] - x[t]) / d[t], [t, 1]);
      else if (d[t] < -1e-12) consider(Math.max(0, x[t] - data.colLower[t]) / -d[t], [t, -1]);
    }
    for (let i = 0; i < R; i++) {
      if (rowTight[i] !== 0) continue;
      const a = activity(x, i);
      const ad = activity(d, i);
      if (ad > 1e-12) consider(Math.max(0, data.rowUpper[i] - a) / ad, [T + i, 1]);
      else if (ad < -1e-12) consider(Math.max(0, a - data.rowLower[i]) / -ad, [T + i, -1]);
    }
    if (!Number.isFinite(theta)) break;
    parts.push({ counts: v, weight: (remaining * theta) / (1 + theta) });
    remaining /= 1 + theta;
    for (let t = 0; t < T; t++) x[t] += theta * d[t];
    for (const [k, side] of hits) {
      if (k < T) tighten(k, side);
      else rowTight[k - T] = side;
    }
    if (remaining < 1e-12) return parts;
  }

  // Back off to larger faces (at least twice as many free types each time), down to x itself.
  for (let j = snapshots.length - 1; j >= 0; j--) {
    const want = Math.max(2 * free, free + 20);
    while (j > 0 && snapshots[j].free < want) j--;
    const s = snapshots[j];
    free = s.free;
    const seeds = parts.slice(s.parts).map((p) => p.counts);
    const rest = decomposeOnFace(highs, oracle, s, seeds, calls, seen);
    if (rest)
      return [
        ...parts.slice(0, s.parts),
        ...rest.map((p) => ({ counts: p.counts, weight: p.weight * s.remaining })),
      ];
  }
  return null;
}

/**
 * Column generation on the face of a snapshot: min Σ_t |Σ_p μ_p n_{p,t} − x_t|
 * over the types free on the face (the fixed counts match by construction),
 * Σ μ_p = 1. Done when every type's probability, in the whole distribution,
 * is within FACE_TOLERANCE of its target; null when pricing proves it cannot
 * get there.
 */
function decomposeOnFace(
  highs: Highs,
  oracle: CountOracle,
  s: Snapshot,
  seeds: number[][],
  calls: Counters,
  seen: number[][],
): Part[] | null {
  const T = s.x.length;
  const sizes = oracle.data.colUpper;
  const free: number[] = [];
  s.colTight.forEach((k, t) => k === 0 && free.push(t));
  const F = free.length;
  oracle.setFace(faceOf(oracle.data, s.colTight, s.rowTight));
  const model = highs.createModel();
  try {
    model.options.set({
      ...LP_OPTIONS,
      simplex_strategy: 4, // primal simplex: a new column keeps the basis primal feasible
      primal_feasibility_tolerance: 1e-10,
      dual_feasibility_tolerance: 1e-10,
    });
    const target = Float64Array.from({ length: F + 1 }, (_, f) => (f < F ? s.x[free[f]] : 1));
    model.addRows({
      lower: target,
      upper: target,
      matrix: {
        format: 'csr',
        numRows: F + 1,
        numCols: 0,
        starts: new Int32Array(F + 2),
        indices: new Int32Array(0),
        values: new Float64Array(0),
      },
    });
    // Deviation columns: +1 and −1 on each free type's row, cost 1.
    model.addCols({
      cost: new Float64Array(2 * F).fill(1),
      lower: new Float64Array(2 * F),
      upper: new Float64Array(2 * F).fill(highs.infinity),
      matrix: {
        format: 'csc',
        numRows: F + 1,
        numCols: 2 * F,
        starts: Int32Array.from({ length: 2 * F + 1 }, (_, i) => i),
        indices: Int32Array.from({ length: 2 * F }, (_, i) => i >> 1),
        values: Float64Array.from({ length: 2 * F }, (_, i) => (i % 2 === 0 ? 1 : -1)),
      },
    });
    const columns: number[][] = [];
    const known = new Set<string>();
    const add = (counts: number[]) => {
      if (known.has(key(counts))) return false;
      known.add(key(counts));
      columns.push(counts);
      const rows: number[] = [];
      const values: number[] = [];
      free.forEach((t, f) => {
        if (counts[t] > 0) {
          rows.push(f);
          values.push(counts[t]);
        }
      });
      model.addCol(0, 0, highs.infinity, { indices: [...rows, F], values: [...values, 1] });
      return true;
    };
    seeds.forEach(add);
    const weights = new Float64Array(T);
    for (let iteration = 0; iteration < 4 * F + 50; iteration++) {
      calls.lp++;
      if (!runLp(highs, model, 'a face decomposition')) return null;
      const sol = model.getSolution();
      let worst = 0;
      free.forEach((t, f) => {
        const gap = Math.abs(sol.colValue[2 * f] - sol.colValue[2 * f + 1]) / sizes[t];
        worst = Math.max(worst, gap * s.remaining);
      });
      if (worst <= FACE_TOLERANCE)
        return columns
          .map((counts, p) => ({ counts, weight: sol.colValue[2 * F + p] }))
          .filter((p) => p.weight > 0);
      // HiGHS: reduced cost = cost − Σ rowDual × entry; a count vector improves
      // when Σ_f π_f n_f + π_conv > 0.
      free.forEach((t, f) => (weights[t] = sol.rowDual[f]));
      const counts = oracle.best(weights, -sol.rowDual[F] + 1e-9);
      if (!counts) return null;
      seen.push(counts);
      if (!add(counts)) return null;
    }
    return null;
  } finally {
    model.dispose();
  }
}

/** Step 3's restricted LP over known count vectors: column 0 is z, then one per count vector. */
class Master {
  readonly columns: number[][] = [];
  private readonly known = new Set<string>();
  private readonly model: Model;

  constructor(
    private readonly highs: Highs,
    private readonly sizes: ArrayLike<number>,
    private readonly uniform: number,
    private readonly calls: Counters,
  ) {
    const T = sizes.length;
    this.model = highs.createModel();
    try {
      this.model.options.set({ ...LP_OPTIONS, simplex_strategy: 4 });
      this.model.changeObjectiveSense(highs.constants.objectiveSense.maximize);
      this.model.addVar(0, highs.infinity);
      this.model.changeColCost(0, 1);
      this.model.addRows({
        lower: new Float64Array(T + 1).fill(1, T),
        upper: new Float64Array(T + 1).fill(highs.infinity).fill(1, T),
        matrix: {
          format: 'csr',
          numRows: T + 1,
          numCols: 1,
          starts: Int32Array.from({ length: T + 2 }, (_, i) => Math.min(i, T)),
          indices: new Int32Array(T),
          values: new Float64Array(T).fill(-1),
        },
      });
    } catch (error) {
      this.model.dispose();
      throw error;
    }
  }

  dispose(): void {
    this.model.dispose();
  }

  /** Adds a count vector; false if it is already a column. */
  add(counts: number[]): boolean {
    if (this.known.has(key(counts))) return false;
    this.known.add(key(counts));
    this.columns.push(counts);
    const indices: number[] = [];
    const values: number[] = [];
    counts.forEach((n, t) => {
      if (n > 0) {
        indices.push(t);
        values.push(n / (this.sizes[t] * this.uniform));
      }
    });
    indices.push(this.sizes.length);
    values.push(1);
    this.model.addCol(0, 0, this.highs.infinity, { indices, values });
    return true;
  }

  fix(t: number, v: number): void {
    this.model.changeCoefficient(t, 0, 0);
    this.model.changeRowBounds(t, Math.max(0, v - FIX_SLACK), this.highs.infinity);
  }

  /** z, the type rows' duals (≥ 0), the dual μ of Σ λ = 1 and the columns' probabilities. */
  solve(): { z: number; y: Float64Array; mu: number; lambda: Float64Array } {
    this.calls.lp++;
    if (!runLp(this.highs, this.model, 'a restricted LP'))
      throw new Error('a restricted LP turned infeasible');
    const sol = this.model.getSolution();
    const T = this.sizes.length;
    const y = new Float64Array(T);
    for (let t = 0; t < T; t++) y[t] = Math.max(0, -sol.rowDual[t]);
    return { z: sol.colValue[0], y, mu: sol.rowDual[T], lambda: sol.colValue.slice(1) };
  }
}

/** Step 3: Flanigan et al.'s column generation, each round bounded by the relaxed round. */
function columnGeneration(
  highs: Highs,
  oracle: CountOracle,
  uniform: number,
  seeds: number[][],
  calls: Counters,
): { parts: Part[]; fixed: Float64Array } {
  const data = oracle.data;
  const sizes = data.colUpper;
  const T = data.numCols;
  const master = new Master(highs, sizes, uniform, calls);
  // Fixed exactly as the restricted LP is, so that its rounds remain upper bounds.
  const relaxation = new Relaxation(highs, data, uniform, calls, FIX_SLACK);
  try {
    oracle.setFace(null);
    const weights = Float64Array.from({ length: T }, (_, t) => 1 / sizes[t]);
    const first = oracle.best(weights, -Infinity);
    if (first) master.add(first);
    seeds.forEach((c) => master.add(c));
    if (master.columns.length === 0) throw new NoPanel();

    const fixed = new Float64Array(T).fill(NaN);
    let unfixed = T;
    for (;;) {
      const bound = relaxation.solve();
      let m = master.solve();
      while (!bound || m.z < bound.z - BOUND_TOLERANCE) {
        for (let t = 0; t < T; t++) weights[t] = m.y[t] / (sizes[t] * uniform);
        const counts = oracle.best(weights, m.mu + PRICING_TOLERANCE);
        if (!counts || !master.add(counts)) break;
        m = master.solve();
      }
      const y = bound && m.z >= bound.z - BOUND_TOLERANCE ? bound.y : m.y;
      for (const t of toFix(y, fixed)) {
        fixed[t] = m.z;
        master.fix(t, m.z);
        relaxation.fix(t, m.z);
        unfixed--;
      }
      if (unfixed === 0)
        return {
          parts: master.columns.map((counts, p) => ({ counts, weight: m.lambda[p] })),
          fixed,
        };
    }
  } finally {
    master.dispose();
    relaxation.dispose();
  }
}

/** No count vector meets the quotas (the caller diagnoses why). */
class NoPanel extends Error {}

/** The result failed its own checks. */
class CheckFailed extends Error {}

/**
 * The LEXIMIN distribution over panels meeting `spec`. Throws
 * PanelInfeasibleError when no panel meets the quotas, and an Error if the
 * result fails its own checks (every panel meets the quotas, probabilities sum
 * to 1, type probabilities within 1e-6 of the leximin values).
 */
export async function leximin(
  pool: readonly Volunteer[],
  spec: PanelSpec,
): Promise<PanelDistribution> {
  return solve(pool, spec, false);
}

/**
 * The same distribution from step 3 alone (Flanigan et al.'s column
 * generation, no relaxed shortcut): much slower, for comparison and tests.
 */
export async function leximinByColumnGeneration(
  pool: readonly Volunteer[],
  spec: PanelSpec,
): Promise<PanelDistribution> {
  return solve(pool, spec, true);
}

async function solve(
  pool: readonly Volunteer[],
  spec: PanelSpec,
  columnGenerationOnly: boolean,
): Promise<PanelDistribution> {
  const cheap = checkQuotas(pool, spec);
  if (cheap) throw new PanelInfeasibleError(cheap);
  const problem = countProblem(pool, spec);
  const highs = await loadHighs();
  const uniform = spec.size / pool.length;
  const data = countModelData(highs, problem);
  const calls: Counters = { lp: 0, mip: 0 };
  const oracle = new CountOracle(highs, data, calls);
  try {
    const seen: number[][] = [];
    const result = (parts: Part[], expected: Float64Array) => {
      const columns = new Set([...seen, ...parts.map((p) => p.counts)].map(key)).size;
      return distribution(problem, parts, expected, { uniform, columns, ...calls });
    };
    if (!columnGenerationOnly) {
      const relaxed = relaxedLeximin(highs, data, uniform, calls);
      if (!relaxed) throw new NoPanel();
      const parts = decompose(highs, oracle, relaxed, calls, seen);
      const expected = Float64Array.from(relaxed, (x, t) => x / (data.colUpper[t] * uniform));
      try {
        if (parts) return result(parts, expected);
      } catch (error) {
        if (!(error instanceof CheckFailed)) throw error;
        // Numerically off: step 3 starts over from the count vectors met.
      }
    }
    const exact = columnGeneration(highs, oracle, uniform, seen, calls);
    return result(exact.parts, exact.fixed);
  } catch (error) {
    if (error instanceof NoPanel) throw new PanelInfeasibleError(await why(pool, spec));
    throw error;
  } finally {
    oracle.dispose();
  }
}

async function why(pool: readonly Volunteer[], spec: PanelSpec): Promise<Infeasibility> {
  return (
    (await diagnose(pool, spec)) ?? {
      category: null,
      reason: 'the solver found no panel, although the diagnosis found one',
    }
  );
}

/**
 * The result, checked: every panel meets the quotas, probabilities sum to 1,
 * and each type's probability computed from the panels is within 1e-6 of its
 * leximin value (`expected`, as a ratio to the uniform probability).
 */
function distribution(
  problem: CountProblem,
  parts: Part[],
  expected: Float64Array,
  stats: { uniform: number; columns: number; lp: number; mip: number },
): PanelDistribution {
  const T = problem.types.length;
  const merged = new Map<string, { counts: number[]; probability: number }>();
  for (const p of parts) {
    const m = merged.get(key(p.counts));
    if (m) m.probability += p.weight;
    else merged.set(key(p.counts), { counts: p.counts, probability: p.weight });
  }
  const panels = [...merged.values()].filter((p) => p.probability > MIN_PANEL_PROBABILITY);
  const total = panels.reduce((s, p) => s + p.probability, 0);
  for (const p of panels) p.probability /= total;

  const typeProbability = new Array<number>(T).fill(0);
  for (const p of panels) {
    if (!meetsQuotas(problem, p.counts))
      throw new CheckFailed(`a panel of the distribution breaks the quotas: ${key(p.counts)}`);
    p.counts.forEach((n, t) => {
      typeProbability[t] += (p.probability * n) / problem.types[t].size;
    });
  }
  const sum = panels.reduce((s, p) => s + p.probability, 0);
  if (!(Math.abs(sum - 1) <= CHECK_TOLERANCE)) throw new CheckFailed(`probabilities sum to ${sum}`);
  for (let t = 0; t < T; t++) {
    const want = expected[t] * stats.uniform;
    if (!(Math.abs(typeProbability[t] - want) <= CHECK_TOLERANCE))
      throw new CheckFailed(
        `type ${problem.types[t].key}: probability ${typeProbability[t]} instead of ${want}`,
      );
  }
  return {
    types: problem.types.map((t) => ({ key: t.key, values: [...t.values], size: t.size })),
    panels,
    typeProbability,
    minProbability: typeProbability.reduce((m, p) => Math.min(m, p), Infinity),
    uniform: stats.uniform,
    lpSolves: stats.lp,
    columns: stats.columns,
    mipSolves: stats.mip,
  };
}
