#!/usr/bin/env node
// Citizens' panel selection: the LEXIMIN distribution over panels
// (apps/sortitions/src/panels/leximin.ts) on a volunteer pool of realistic
// size and skew.
//
// The pool: --pool volunteers (30,000), 5 categories (gender 3 values, age
// band 6, area 7, diploma 4, housing 3), drawn from a fixed-seed generator
// with the distortions of real volunteer pools: over-60s and graduates
// over-represented, under-25s, people without a diploma and social-housing
// tenants under-represented, and the categories correlated (diploma with age,
// housing with age, diploma and area). Quotas: census-like shares of a
// --size panel (150), ⌊share × N⌋ − --slack … ⌈share × N⌉ + --slack people.
//
// Printed: the number of types, wall and CPU time of leximin() (target
// ≤ 60 s wall), LP solves and columns, every quota met by every panel of the
// distribution (checked here, independently), the minimum selection
// probability beside the uniform ideal N / pool, and the share of volunteers
// at that minimum.
//
//   node tools/bench/surveys/panel.mjs [--pool 30000] [--size 150] [--slack 1] [--seed 1]
//
// Loads the TypeScript sources in place through @swc-node/register (no build).
// Output: human lines with met/MISS, then one JSON line with every number.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

import { fmt, loadNote, metOrMiss, root } from '../common.mjs';

process.env.SWC_NODE_PROJECT ??= join(root, 'tsconfig.json');
const require = createRequire(import.meta.url);
require('@swc-node/register');
const { leximin } = require(join(root, 'apps/sortitions/src/panels/leximin.ts'));
const { boundsFromShare, typeKey } = require(join(root, 'apps/sortitions/src/panels/quotas.ts'));

const WALL_LIMIT_MS = 60_000;

function parseArgs(argv) {
  const opts = { pool: 30_000, size: 150, slack: 1, seed: 1 };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const name = flag.replace(/^--/, '');
    if (!(name in opts)) throw new Error(`unknown option ${flag}`);
    const v = Number(inline ?? argv[++i]);
    if (!Number.isInteger(v) || v < (name === 'slack' ? 0 : 1))
      throw new Error(`${flag} expects a whole number`);
    opts[name] = v;
  }
  if (opts.size > opts.pool) throw new Error('--size must not exceed --pool');
  return opts;
}
const opts = parseArgs(process.argv.slice(2));

/** mulberry32: a small deterministic generator (the bench's only randomness). */
function generator(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
/** Index drawn from unnormalized weights. */
function pick(rand, weights) {
  const total = weights.reduce((a, b) => a + b, 0);
  let r = rand() * total;
  for (let i = 0; i < weights.length; i++) if ((r -= weights[i]) < 0) return i;
  return weights.length - 1;
}

// Values and census shares (the panel should mirror these).
const CATEGORIES = {
  gender: { values: ['female', 'male', 'other'], census: [0.515, 0.479, 0.006] },
  age: {
    values: ['16-24', '25-34', '35-44', '45-59', '60-74', '75+'],
    census: [0.12, 0.15, 0.16, 0.25, 0.21, 0.11],
  },
  area: {
    values: ['centre', 'north', 'east', 'south', 'west', 'harbour', 'hills'],
    census: [0.2, 0.18, 0.16, 0.14, 0.13, 0.11, 0.08],
  },
  diploma: { values: ['none', 'secondary', 'bachelor', 'master'], census: [0.27, 0.4, 0.18, 0.15] },
  housing: { values: ['owner', 'renter', 'social'], census: [0.55, 0.28, 0.17] },
};

/** One volunteer: age first, then the rest conditioned on it (pool skew, not census). */
function volunteer(rand, i) {
  const age = pick(rand, [0.06, 0.1, 0.13, 0.24, 0.33, 0.14]);
  const gender = pick(rand, age === 0 ? [0.5, 0.44, 0.06] : [0.5, 0.49, 0.01]);
  // Graduates over-represented, more so among the young; the oldest less schooled.
  const diploma = pick(
    rand,
    [
      [0.1, 0.35, 0.35, 0.2],
      [0.05, 0.25, 0.3, 0.4],
      [0.06, 0.27, 0.27, 0.4],
      [0.08, 0.32, 0.25, 0.35],
      [0.12, 0.33, 0.23, 0.32],
      [0.25, 0.38, 0.17, 0.2],
    ][age],
  );
  // Owners older and more educated; social housing rare among volunteers.
  const ownerBias = [0.2, 0.35, 0.55, 0.68, 0.78, 0.8][age] + 0.04 * diploma;
  const housing = pick(rand, [ownerBias, (1 - ownerBias) * 0.78, (1 - ownerBias) * 0.22]);
  // The centre over-represented, the harbour (social housing) under-represented, except for its tenants.
  const area = pick(
    rand,
    housing === 2
      ? [0.1, 0.25, 0.15, 0.1, 0.05, 0.3, 0.05]
      : diploma >= 2
        ? [0.32, 0.12, 0.14, 0.13, 0.14, 0.05, 0.1]
        : [0.22, 0.18, 0.16, 0.14, 0.12, 0.08, 0.1],
  );
  const c = CATEGORIES;
  return {
    id: `v${String(i).padStart(6, '0')}`,
    values: [
      c.gender.values[gender],
      c.age.values[age],
      c.area.values[area],
      c.diploma.values[diploma],
      c.housing.values[housing],
    ],
  };
}

const rand = generator(opts.seed);
const pool = Array.from({ length: opts.pool }, (_, i) => volunteer(rand, i));
const categories = Object.keys(CATEGORIES);
const spec = {
  categories,
  quotas: categories.map((name) =>
    Object.fromEntries(
      CATEGORIES[name].values.map((v, i) => [
        v,
        boundsFromShare(CATEGORIES[name].census[i], opts.size, opts.slack),
      ]),
    ),
  ),
  size: opts.size,
};
const typeCount = new Set(pool.map((v) => typeKey(v.values))).size;

console.log(
  `panel: LEXIMIN over ${fmt(opts.pool)} volunteers, ${categories.length} categories, panel of ${opts.size}, quotas ±${opts.slack}`,
);
console.log(loadNote());
console.log('quotas (share of the pool / census share → seats):');
categories.forEach((name, i) => {
  const counts = CATEGORIES[name].values.map(
    (v) => pool.filter((p) => p.values[i] === v).length / opts.pool,
  );
  const line = CATEGORIES[name].values
    .map((v, j) => {
      const q = spec.quotas[i][v];
      const census = (CATEGORIES[name].census[j] * 100).toFixed(1);
      return `${v} ${(counts[j] * 100).toFixed(1)}/${census} % → ${q.min}-${q.max}`;
    })
    .join(', ');
  console.log(`  ${name}: ${line}`);
});
console.log(`types (distinct value vectors): ${fmt(typeCount)}`);

const cpu0 = process.cpuUsage();
const t0 = performance.now();
const d = await leximin(pool, spec);
const wallMs = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
const cpuMs = (cpu.user + cpu.system) / 1000;

// Independent checks: each panel's size and quotas, probabilities, type probabilities.
let quotaMisses = 0;
for (const p of d.panels) {
  let total = 0;
  const byValue = categories.map(() => new Map());
  p.counts.forEach((n, j) => {
    if (n < 0 || n > d.types[j].size || !Number.isInteger(n)) quotaMisses++;
    total += n;
    d.types[j].values.forEach((v, i) => byValue[i].set(v, (byValue[i].get(v) ?? 0) + n));
  });
  if (total !== opts.size) quotaMisses++;
  categories.forEach((_, i) => {
    for (const [v, q] of Object.entries(spec.quotas[i])) {
      const n = byValue[i].get(v) ?? 0;
      if (n < q.min || n > q.max) quotaMisses++;
    }
  });
}
const probabilitySum = d.panels.reduce((s, p) => s + p.probability, 0);
let worstTypeGap = 0;
d.types.forEach((t, j) => {
  const p = d.panels.reduce((s, q) => s + (q.probability * q.counts[j]) / t.size, 0);
  worstTypeGap = Math.max(worstTypeGap, Math.abs(p - d.typeProbability[j]));
});
const atMin = d.types.reduce(
  (s, t, j) => s + (d.typeProbability[j] <= d.minProbability + 1e-9 ? t.size : 0),
  0,
);
const levels = new Set(d.typeProbability.map((p) => p.toFixed(7))).size;
const maxProbability = Math.max(...d.typeProbability);
const checksOk = quotaMisses === 0 && Math.abs(probabilitySum - 1) < 1e-9 && worstTypeGap < 1e-9;

console.log(
  `leximin: ${fmt(wallMs / 1000, 2)} s wall, ${fmt(cpuMs / 1000, 2)} s CPU; ${fmt(d.lpSolves)} LP solves, ${fmt(d.mipSolves)} MIP solves, ${fmt(d.columns)} columns, ${fmt(d.panels.length)} panels in the distribution`,
);
console.log(`  ${metOrMiss(wallMs <= WALL_LIMIT_MS)} within 60 s (${fmt(wallMs / 1000, 2)} s)`);
console.log(
  `  ${metOrMiss(checksOk)} every quota met by every panel (${quotaMisses} misses), probabilities sum to ${probabilitySum.toFixed(12)}, type probabilities match the panels (worst gap ${worstTypeGap.toExponential(1)})`,
);
console.log(
  `  minimum selection probability ${(d.minProbability * 100).toFixed(4)} % beside the uniform ideal ${(d.uniform * 100).toFixed(4)} % (ratio ${(d.minProbability / d.uniform).toFixed(3)}); maximum ${(maxProbability * 100).toFixed(2)} %; ${levels} distinct levels`,
);
console.log(
  `  volunteers at the minimum: ${fmt(atMin)} of ${fmt(opts.pool)} (${((atMin / opts.pool) * 100).toFixed(1)} %)`,
);
console.log(
  JSON.stringify({
    bench: 'surveys-panel',
    node: process.version,
    opts,
    types: typeCount,
    wall_ms: Math.round(wallMs),
    cpu_ms: Math.round(cpuMs),
    lp_solves: d.lpSolves,
    mip_solves: d.mipSolves,
    columns: d.columns,
    panels: d.panels.length,
    quota_misses: quotaMisses,
    probability_sum: probabilitySum,
    min_probability: d.minProbability,
    uniform: d.uniform,
    max_probability: maxProbability,
    share_at_min: atMin / opts.pool,
    levels,
    within_60s: wallMs <= WALL_LIMIT_MS,
  }),
);
if (!checksOk || wallMs > WALL_LIMIT_MS) process.exitCode = 1;
