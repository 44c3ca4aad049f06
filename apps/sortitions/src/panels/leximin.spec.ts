import {
  leximin,
  leximinByColumnGeneration,
  PanelInfeasibleError,
  type PanelDistribution,
} from './leximin';
import type { PanelSpec, QuotaBound, Volunteer } from './quotas';

/** A pool from [count, ...values] rows, ids v0, v1, … */
function pool(rows: [number, ...string[]][]): Volunteer[] {
  const out: Volunteer[] = [];
  for (const [count, ...values] of rows)
    for (let i = 0; i < count; i++) out.push({ id: `v${out.length}`, values });
  return out;
}

const exactly = (n: number): QuotaBound => ({ min: n, max: n });
const any = (n: number): QuotaBound => ({ min: 0, max: n });

/** Probability of the volunteers of the type with these values. */
function probabilityOf(d: PanelDistribution, ...values: string[]): number {
  const j = d.types.findIndex((t) => t.values.join('|') === values.join('|'));
  if (j < 0) throw new Error(`no type ${values.join('|')}`);
  return d.typeProbability[j];
}

/** Checks done here, apart from the module's own: quotas, size, sum, type probabilities. */
function expectConsistent(d: PanelDistribution, spec: PanelSpec): void {
  expect(d.panels.length).toBeGreaterThan(0);
  expect(d.panels.reduce((s, p) => s + p.probability, 0)).toBeCloseTo(1, 12);
  for (const p of d.panels) {
    expect(p.probability).toBeGreaterThan(1e-9);
    expect(p.counts.reduce((s, n) => s + n, 0)).toBe(spec.size);
    p.counts.forEach((n, j) => {
      expect(Number.isInteger(n) && n >= 0 && n <= d.types[j].size && !Object.is(n, -0)).toBe(true);
    });
    spec.categories.forEach((_, i) => {
      for (const [value, bound] of Object.entries(spec.quotas[i])) {
        const n = p.counts.reduce((s, c, j) => s + (d.types[j].values[i] === value ? c : 0), 0);
        expect(n).toBeGreaterThanOrEqual(bound.min);
        expect(n).toBeLessThanOrEqual(bound.max);
      }
    });
  }
  d.types.forEach((t, j) => {
    const p = d.panels.reduce((s, q) => s + (q.probability * q.counts[j]) / t.size, 0);
    expect(d.typeProbability[j]).toBeCloseTo(p, 12);
  });
  expect(d.minProbability).toBe(Math.min(...d.typeProbability));
  const keys = d.types.map((t) => t.key);
  expect(keys).toEqual([...keys].sort());
}

/** Deterministic pool of `n` volunteers in 4 skewed, correlated categories. */
function syntheticPool(n: number): Volunteer[] {
  let seed = 12345;
  const next = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 2 ** 32;
  };
  const pick = (weights: number[]) => {
    let r = next() * weights.reduce((a, b) => a + b, 0);
    for (let i = 0; i < weights.length; i++) if ((r -= weights[i]) < 0) return i;
    return weights.length - 1;
  };
  return Array.from({ length: n }, (_, i) => {
    const age = pick([1, 2, 3, 4]);
    const diploma = pick(age >= 2 ? [1, 2, 4] : [2, 3, 1]);
    return {
      id: `s${i}`,
      values: [
        ['f', 'm'][pick([5, 4])],
        ['18-29', '30-44', '45-64', '65+'][age],
        ['none', 'school', 'degree'][diploma],
        ['north', 'centre', 'south'][pick(diploma === 2 ? [1, 4, 1] : [2, 1, 2])],
      ],
    };
  });
}

const syntheticSpec: PanelSpec = {
  categories: ['gender', 'age', 'diploma', 'area'],
  quotas: [
    { f: { min: 10, max: 11 }, m: { min: 9, max: 10 } },
    {
      '18-29': { min: 4, max: 5 },
      '30-44': { min: 5, max: 6 },
      '45-64': { min: 5, max: 6 },
      '65+': { min: 4, max: 5 },
    },
    { none: { min: 6, max: 7 }, school: { min: 8, max: 9 }, degree: { min: 4, max: 6 } },
    { north: { min: 6, max: 7 }, centre: { min: 6, max: 8 }, south: { min: 6, max: 7 } },
  ],
  size: 20,
};

describe('leximin', () => {
  it('gives everyone N / pool size when the quotas constrain nothing', async () => {
    const p = pool([
      [5, 'f', 'city'],
      [3, 'm', 'city'],
      [2, 'm', 'village'],
    ]);
    const spec: PanelSpec = {
      categories: ['gender', 'area'],
      quotas: [
        { f: any(4), m: any(4) },
        { city: any(4), village: any(4) },
      ],
      size: 4,
    };
    const d = await leximin(p, spec);
    expectConsistent(d, spec);
    expect(d.uniform).toBeCloseTo(0.4, 12);
    for (const q of d.typeProbability) expect(q).toBeCloseTo(0.4, 8);
    expect(d.minProbability).toBeCloseTo(0.4, 8);
  });

  it('puts the one villager in every panel when a village seat is required; the others share the rest equally', async () => {
    const p = pool([
      [4, 'f', 'city'],
      [5, 'm', 'city'],
      [1, 'f', 'village'],
    ]);
    const spec: PanelSpec = {
      categories: ['gender', 'area'],
      quotas: [
        { f: any(4), m: any(4) },
        { city: exactly(3), village: exactly(1) },
      ],
      size: 4,
    };
    const d = await leximin(p, spec);
    expectConsistent(d, spec);
    expect(probabilityOf(d, 'f', 'village')).toBeCloseTo(1, 8);
    expect(probabilityOf(d, 'f', 'city')).toBeCloseTo(1 / 3, 8);
    expect(probabilityOf(d, 'm', 'city')).toBeCloseTo(1 / 3, 8);
    expect(d.minProbability).toBeCloseTo(1 / 3, 8);
  });

  it('gives count / size to every type when the quotas fix every count', async () => {
    const p = pool([
      [4, 'f', 'city'],
      [5, 'm', 'city'],
      [1, 'f', 'village'],
    ]);
    const spec: PanelSpec = {
      categories: ['gender', 'area'],
      quotas: [
        { f: exactly(2), m: exactly(2) },
        { city: exactly(3), village: exactly(1) },
      ],
      size: 4,
    };
    const d = await leximin(p, spec);
    expectConsistent(d, spec);
    expect(d.panels).toHaveLength(1);
    expect(probabilityOf(d, 'f', 'village')).toBeCloseTo(1, 8);
    expect(probabilityOf(d, 'f', 'city')).toBeCloseTo(1 / 4, 8);
    expect(probabilityOf(d, 'm', 'city')).toBeCloseTo(2 / 5, 8);
  });

  it('balances interlocked quotas: 1/3 for the lone young woman, 1/6 for everyone else', async () => {
    // One woman and one man, one young and one old: either {young woman, old man}
    // (probability q) or {old woman, young man}. The old men get q/2, the old
    // women and young men (1 − q)/4, so the minimum is largest at q = 1/3.
    const p = pool([
      [1, 'f', 'young'],
      [2, 'm', 'old'],
      [4, 'f', 'old'],
      [4, 'm', 'young'],
    ]);
    const one = { f: exactly(1), m: exactly(1) };
    const spec: PanelSpec = {
      categories: ['gender', 'age'],
      quotas: [one, { young: exactly(1), old: exactly(1) }],
      size: 2,
    };
    const d = await leximin(p, spec);
    expectConsistent(d, spec);
    expect(probabilityOf(d, 'f', 'young')).toBeCloseTo(1 / 3, 8);
    expect(probabilityOf(d, 'm', 'old')).toBeCloseTo(1 / 6, 8);
    expect(probabilityOf(d, 'f', 'old')).toBeCloseTo(1 / 6, 8);
    expect(probabilityOf(d, 'm', 'young')).toBeCloseTo(1 / 6, 8);
    expect(d.panels.map((q) => q.probability).sort()).toEqual([
      expect.closeTo(1 / 3, 8),
      expect.closeTo(2 / 3, 8),
    ]);
  });

  it('finds the leximin of actual panels when the LP relaxation promises more', async () => {
    // Three yes/no categories, one of each answer per panel of 2. Over real
    // counts, 000 at 2/3 and the four others at 1/3 is possible; the only
    // real panel is {000, 111}, so 000 and 111 get 1, the others 0.
    const p = pool([
      [1, '0', '0', '0'],
      [1, '0', '1', '1'],
      [1, '1', '0', '1'],
      [1, '1', '1', '0'],
      [1, '1', '1', '1'],
    ]);
    const half = { '0': exactly(1), '1': exactly(1) };
    const spec: PanelSpec = { categories: ['a', 'b', 'c'], quotas: [half, half, half], size: 2 };
    const d = await leximin(p, spec);
    expectConsistent(d, spec);
    expect(d.panels).toEqual([{ counts: [1, 0, 0, 0, 1], probability: 1 }]);
    expect(d.typeProbability).toEqual([1, 0, 0, 0, 1]);
    expect(d.minProbability).toBe(0);
  });

  it('returns panels that all meet the quotas on a skewed pool of 400, with probabilities summing to 1', async () => {
    const p = syntheticPool(400);
    const d = await leximin(p, syntheticSpec);
    expectConsistent(d, syntheticSpec);
    expect(d.uniform).toBeCloseTo(20 / 400, 12);
    expect(d.minProbability).toBeGreaterThan(0);
    expect(d.minProbability).toBeLessThanOrEqual(d.uniform + 1e-9);
    expect(d.lpSolves).toBeGreaterThan(0);
    expect(d.columns).toBeGreaterThanOrEqual(d.panels.length);
  });

  it('agrees with column generation alone (Flanigan et al.) on the skewed pool', async () => {
    const p = syntheticPool(400);
    const fast = await leximin(p, syntheticSpec);
    const exact = await leximinByColumnGeneration(p, syntheticSpec);
    expectConsistent(exact, syntheticSpec);
    expect(exact.types).toEqual(fast.types);
    fast.typeProbability.forEach((q, j) => expect(exact.typeProbability[j]).toBeCloseTo(q, 6));
  });

  it('gives the same distribution for the same input, whatever the pool order', async () => {
    const p = syntheticPool(400);
    const a = await leximin(p, syntheticSpec);
    const b = await leximin(p, syntheticSpec);
    const c = await leximin([...p].reverse(), syntheticSpec);
    expect(b).toEqual(a);
    expect(c.panels).toEqual(a.panels);
    expect(c.typeProbability).toEqual(a.typeProbability);
  });

  it('throws PanelInfeasibleError with the diagnosis when no panel meets the quotas', async () => {
    const p = pool([
      [3, 'f', 'city'],
      [3, 'm', 'village'],
    ]);
    const spec: PanelSpec = {
      categories: ['gender', 'area'],
      quotas: [
        { f: exactly(3), m: exactly(2) },
        { city: any(4), village: any(4) },
      ],
      size: 4,
    };
    const error = await leximin(p, spec).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PanelInfeasibleError);
    expect((error as PanelInfeasibleError).infeasibility).toMatchObject({ category: 'gender' });
  });

  it('refuses a pool value without a quota rather than leave it unconstrained', async () => {
    const p = pool([
      [3, 'f', 'city'],
      [3, 'm', 'village'],
      [1, 'other', 'city'],
    ]);
    const spec: PanelSpec = {
      categories: ['gender', 'area'],
      quotas: [
        { f: any(4), m: any(4) },
        { city: any(4), village: any(4) },
      ],
      size: 4,
    };
    const error = await leximin(p, spec).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PanelInfeasibleError);
    expect((error as PanelInfeasibleError).infeasibility).toMatchObject({
      category: 'gender',
      value: 'other',
    });
  });

  it('throws PanelInfeasibleError when only fractional panels would meet the quotas', async () => {
    // Over real counts, ½ of each of the four types meets every quota; no pair does.
    const p = pool([
      [1, '0', '0', '0'],
      [1, '0', '1', '1'],
      [1, '1', '0', '1'],
      [1, '1', '1', '0'],
    ]);
    const half = { '0': exactly(1), '1': exactly(1) };
    const spec: PanelSpec = { categories: ['a', 'b', 'c'], quotas: [half, half, half], size: 2 };
    const error = await leximin(p, spec).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PanelInfeasibleError);
    expect((error as PanelInfeasibleError).infeasibility.reason).toMatch(/cannot be met together/);
  });
});
