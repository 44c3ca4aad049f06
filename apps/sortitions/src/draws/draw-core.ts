/**
 * Verifiable draws: 'palabre-draw', version 1.
 *
 * Anyone can re-run a draw from what is published and find the same result
 * (tools/sortition/redraw.mjs does; tools/sortition/README.md explains it in plain words).
 * This file depends on nothing but node:crypto and uses only erasable TypeScript, so that
 * Node imports it directly by its .ts path.
 *
 * 1. Before the draw, the page publishes the commitment: SHA-256 (lowercase hex) of the
 *    canonical JSON of the draw's inputs (candidates, or the pool, quotas and distribution
 *    over panels, and the time of the draw).
 * 2. At the draw, public numbers are revealed (dice rolled before witnesses, a lottery
 *    result) and entered as text. seed = SHA-256 of the UTF-8 of
 *    `commitment + "\n" + publicNumbers.trim()` (32 raw bytes).
 * 3. A generator from the seed does the draw. Block i = SHA-256(seed ‖ i as 8 bytes
 *    big-endian), i = 0, 1, 2…; each block is read as four unsigned 64-bit big-endian words,
 *    used one after the other and never reused.
 *    below(n), n ≥ 1: k = smallest k ≥ 1 with n ≤ 2^(64k) (so k = 1 unless n > 2^64, which
 *    only a sum of panel weights can be); x = the next k words as one big-endian integer;
 *    limit = 2^(64k) − (2^(64k) mod n); take x again while x ≥ limit; return x mod n.
 *    below(1) uses a word too and returns 0.
 *    shuffle(list, m): for i = 0 … m − 1: j = i + below(length − i); swap list[i] and list[j].
 *
 * Canonical JSON: object keys sorted by UTF-16 code units, no whitespace, strings written as
 * JSON.stringify writes them, numbers are integers only (weights are decimal strings, so
 * that no floating point enters the draw). Ids are sorted by UTF-16 code units as well.
 *
 * Proposals: `{ kind: 'proposals', organization, component, drawAt, candidates, count }`.
 * m = min(count, number of candidates); shuffle(candidates, m); the first m, in that order
 * (the order of the draw), are selected.
 *
 * Panel: `{ kind: 'panel', organization, drawAt, categories, pool, quotas, size,
 * distribution: { types, panels } }`. A volunteer's type is the list of their values, one
 * per category; a type's key is its canonical JSON (`["F","18-29"]`). The distribution,
 * computed before the seed is known, gives panels as counts per type with integer weights.
 * (1) r = below(sum of weights); walk the panels in order, subtracting each weight from r,
 * until r < weight: that panel is drawn. (2) For each type in order: its volunteers' ids in
 * ascending order, shuffle the whole list; the first counts[j] are selected, the others are
 * the type's replacements in that order (a member who drops out is replaced by the next one
 * of the same type, which keeps every quota met). (3) selected = the selected ids, type
 * after type.
 *
 * Inputs are validated and refused with the reason: no unknown or missing field; ids
 * non-empty, sorted, unique; count ≥ 1; drawAt ISO 8601 with a time zone; quotas
 * `{ category, value, min, max }` sorted by category then value; types exactly those of the
 * pool, sorted by key; each panel's counts one per type, within the type's volunteers,
 * summing to size and meeting every quota; weights positive decimal integers.
 */
import { createHash } from 'node:crypto';

export const ALGORITHM = 'palabre-draw';
export const ALGORITHM_VERSION = 1;

export interface ProposalsDrawInputs {
  kind: 'proposals';
  organization: string;
  component: string;
  /** ISO 8601 timestamp with a time zone, e.g. 2025-06-01T18:00:00.000Z. */
  drawAt: string;
  /** Ids, sorted ascending by UTF-16 code units, unique. */
  candidates: string[];
  /** How many to select, ≥ 1; everyone is selected (in drawn order) when ≥ candidates. */
  count: number;
}

export interface Volunteer {
  id: string;
  /** One value per category, in the order of `categories`. */
  values: string[];
}

/** Bounds on how many members have `value` for `category`. */
export interface Quota {
  category: string;
  value: string;
  min: number;
  max: number;
}

export interface VolunteerType {
  /** canonicalJson(values). */
  key: string;
  values: string[];
}

export interface PanelComposition {
  /** How many members of each type, in the order of `distribution.types`. */
  counts: number[];
  /** Positive integer as a decimal string; probability = weight / sum of weights. */
  weight: string;
}

export interface PanelDrawInputs {
  kind: 'panel';
  organization: string;
  drawAt: string;
  categories: string[];
  /** Sorted by id, ids unique. */
  pool: Volunteer[];
  /** Sorted by category, then value; one quota per (category, value). */
  quotas: Quota[];
  size: number;
  distribution: {
    /** Exactly the types met in the pool, sorted by key. */
    types: VolunteerType[];
    panels: PanelComposition[];
  };
}

export type DrawInputs = ProposalsDrawInputs | PanelDrawInputs;

export interface ProposalsDrawResult {
  commitment: string;
  /** Hex. */
  seed: string;
  /** In draw order. */
  selected: string[];
}

export interface PanelDrawResult {
  commitment: string;
  seed: string;
  /** Index in distribution.panels of the panel drawn. */
  panelIndex: number;
  /** Type after type, in shuffled order within a type. */
  selected: string[];
  /** Per type key: the type's other volunteers, in the order they replace a member. */
  replacements: Record<string, string[]>;
}

export type DrawResult = ProposalsDrawResult | PanelDrawResult;

/** What the site serves as …/draw.json. */
export interface PublishedDraw {
  algorithm: string;
  version: number;
  inputs: DrawInputs;
  commitment: string;
  publicNumbers: string;
  result: DrawResult;
}

export interface Verification {
  ok: boolean;
  problems: string[];
  /** What this code recomputes, when the inputs are valid. */
  commitment?: string;
  result?: DrawResult;
}

export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isSafeInteger(value)) {
        throw new Error(`canonical JSON holds integers only, not ${value}`);
      }
      return String(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) {
        throw new Error('canonical JSON holds plain objects only');
      }
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record).sort();
      return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
    }
    default:
      throw new Error(`canonical JSON cannot hold a ${typeof value}`);
  }
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** SHA-256 of the canonical JSON of the inputs, which are validated first. */
export function commitment(inputs: DrawInputs): string {
  validateInputs(inputs);
  return sha256Hex(canonicalJson(inputs));
}

export function seedOf(commitmentHex: string, publicNumbers: string): Uint8Array {
  if (!/^[0-9a-f]{64}$/.test(commitmentHex)) {
    throw new Error('the commitment must be 64 lowercase hexadecimal digits');
  }
  if (typeof publicNumbers !== 'string' || publicNumbers.trim() === '') {
    throw new Error('the public numbers are empty');
  }
  return new Uint8Array(
    createHash('sha256').update(`${commitmentHex}\n${publicNumbers.trim()}`, 'utf8').digest(),
  );
}

/** The draw's deterministic generator (see the module comment). */
export class DrawRng {
  readonly #seed: Uint8Array;
  #block: Uint8Array = new Uint8Array(0);
  #offset = 0;
  #nextBlock = 0n;

  constructor(seed: Uint8Array) {
    if (seed.length === 0) throw new Error('the seed is empty');
    this.#seed = Uint8Array.from(seed);
  }

  /** The next unsigned 64-bit big-endian word. */
  nextUint64(): bigint {
    if (this.#offset >= this.#block.length) {
      const counter = new Uint8Array(8);
      new DataView(counter.buffer).setBigUint64(0, this.#nextBlock, false);
      this.#block = new Uint8Array(
        createHash('sha256').update(this.#seed).update(counter).digest(),
      );
      this.#nextBlock += 1n;
      this.#offset = 0;
    }
    const view = new DataView(this.#block.buffer, this.#block.byteOffset, this.#block.length);
    const word = view.getBigUint64(this.#offset, false);
    this.#offset += 8;
    return word;
  }

  /** Uniform integer in [0, n), 1 ≤ n ≤ 2^53. */
  below(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > 2 ** 53) {
      throw new Error(`below(n) needs an integer 1 ≤ n ≤ 2^53, not ${n}`);
    }
    return Number(this.belowBig(BigInt(n)));
  }

  /** Uniform integer in [0, n), n ≥ 1, of any size. */
  belowBig(n: bigint): bigint {
    if (n < 1n) throw new Error(`belowBig(n) needs n ≥ 1, not ${n}`);
    let words = 1;
    while (n > 1n << BigInt(64 * words)) words += 1;
    const range = 1n << BigInt(64 * words);
    const limit = range - (range % n);
    for (;;) {
      let x = 0n;
      for (let k = 0; k < words; k += 1) x = (x << 64n) | this.nextUint64();
      if (x < limit) return x % n;
    }
  }
}

/** Fisher–Yates on the first m places of a copy of `items`. */
function shuffle<T>(rng: DrawRng, items: readonly T[], m: number): T[] {
  const list = items.slice();
  for (let i = 0; i < m; i += 1) {
    const j = i + rng.below(list.length - i);
    const t = list[i];
    list[i] = list[j];
    list[j] = t;
  }
  return list;
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function drawProposals(
  inputs: ProposalsDrawInputs,
  publicNumbers: string,
): ProposalsDrawResult {
  validateProposals(inputs);
  const commit = sha256Hex(canonicalJson(inputs));
  const seed = seedOf(commit, publicNumbers);
  const m = Math.min(inputs.count, inputs.candidates.length);
  const order = shuffle(new DrawRng(seed), inputs.candidates, m);
  return { commitment: commit, seed: hex(seed), selected: order.slice(0, m) };
}

export function drawPanel(inputs: PanelDrawInputs, publicNumbers: string): PanelDrawResult {
  validatePanel(inputs);
  const commit = sha256Hex(canonicalJson(inputs));
  const seed = seedOf(commit, publicNumbers);
  const rng = new DrawRng(seed);
  const { types, panels } = inputs.distribution;
  const keys = inputs.pool.map((v) => canonicalJson(v.values));

  let r = rng.belowBig(panels.reduce((sum, p) => sum + BigInt(p.weight), 0n));
  let panelIndex = 0;
  while (r >= BigInt(panels[panelIndex].weight)) {
    r -= BigInt(panels[panelIndex].weight);
    panelIndex += 1;
  }

  const selected: string[] = [];
  const replacements: Record<string, string[]> = {};
  types.forEach((type, j) => {
    const ids = inputs.pool.filter((_, i) => keys[i] === type.key).map((v) => v.id);
    const order = shuffle(rng, ids, ids.length);
    const count = panels[panelIndex].counts[j];
    selected.push(...order.slice(0, count));
    replacements[type.key] = order.slice(count);
  });
  return { commitment: commit, seed: hex(seed), panelIndex, selected, replacements };
}

export function draw(inputs: DrawInputs, publicNumbers: string): DrawResult {
  validateInputs(inputs);
  return inputs.kind === 'proposals'
    ? drawProposals(inputs, publicNumbers)
    : drawPanel(inputs, publicNumbers);
}

/** The document a site publishes for a draw (…/draw.json). */
export function publishDraw(inputs: DrawInputs, publicNumbers: string): PublishedDraw {
  const result = draw(inputs, publicNumbers);
  return {
    algorithm: ALGORITHM,
    version: ALGORITHM_VERSION,
    inputs,
    commitment: result.commitment,
    publicNumbers: publicNumbers.trim(),
    result,
  };
}

/**
 * Re-computes the commitment and the draw from what was published and lists every difference.
 * Takes untrusted JSON: problems are reported, never thrown.
 */
export function verify(published: {
  algorithm?: unknown;
  version?: unknown;
  inputs: unknown;
  publicNumbers: unknown;
  commitment: unknown;
  result: unknown;
}): Verification {
  const problems: string[] = [];
  const done = (extra: Omit<Verification, 'ok' | 'problems'> = {}): Verification => ({
    ok: problems.length === 0,
    problems,
    ...extra,
  });
  if (!isRecord(published)) {
    problems.push('the published draw is not an object');
    return done();
  }
  if (published.algorithm !== undefined && published.algorithm !== ALGORITHM) {
    problems.push(`the algorithm is ${show(published.algorithm)}, this code runs '${ALGORITHM}'`);
  }
  if (published.version !== undefined && published.version !== ALGORITHM_VERSION) {
    problems.push(
      `the algorithm version is ${show(published.version)}, this code runs version ${ALGORITHM_VERSION}`,
    );
  }
  if (problems.length > 0) return done();
  try {
    validateInputs(published.inputs);
  } catch (e) {
    problems.push((e as Error).message);
    return done();
  }
  const inputs = published.inputs;
  const recomputed = sha256Hex(canonicalJson(inputs));
  if (published.commitment !== recomputed) {
    problems.push(
      `the commitment does not match the inputs: published ${show(published.commitment)}, ` +
        `SHA-256 of the inputs ${recomputed}`,
    );
  }
  if (typeof published.publicNumbers !== 'string' || published.publicNumbers.trim() === '') {
    problems.push('the public numbers are missing or empty');
    return done({ commitment: recomputed });
  }
  const result = draw(inputs, published.publicNumbers);
  if (!isRecord(published.result)) {
    problems.push('the published result is missing');
  } else {
    const ours = result as unknown as Record<string, unknown>;
    const theirs = published.result;
    for (const key of [...new Set([...Object.keys(ours), ...Object.keys(theirs)])]) {
      if (show(ours[key]) !== show(theirs[key])) {
        problems.push(
          `result.${key} differs: published ${show(theirs[key])}, recomputed ${show(ours[key])}`,
        );
      }
    }
  }
  return done({ commitment: recomputed, result });
}

/**
 * Each volunteer's chance of being selected, per type key, from the published distribution:
 * sum over panels of weight × counts[type] / (sum of weights × volunteers of the type).
 * For display only (floating point); the draw itself never uses it.
 */
export function selectionProbabilities(inputs: PanelDrawInputs): Record<string, number> {
  validatePanel(inputs);
  const { types, panels } = inputs.distribution;
  const total = panels.reduce((sum, p) => sum + BigInt(p.weight), 0n);
  const keys = inputs.pool.map((v) => canonicalJson(v.values));
  const chances: Record<string, number> = {};
  types.forEach((type, j) => {
    const size = BigInt(keys.filter((k) => k === type.key).length);
    const expected = panels.reduce((sum, p) => sum + BigInt(p.weight) * BigInt(p.counts[j]), 0n);
    const scale = 10n ** 15n;
    chances[type.key] = Number((expected * scale) / (total * size)) / Number(scale);
  });
  return chances;
}

// ---- validation ----

function show(value: unknown): string {
  try {
    return canonicalJson(value);
  } catch {
    return String(JSON.stringify(value));
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(what: string): never {
  throw new Error(`invalid draw inputs: ${what}`);
}

function checkKeys(value: unknown, name: string, keys: readonly string[]): Record<string, unknown> {
  if (!isRecord(value)) invalid(`${name} must be an object`);
  for (const key of keys) if (!(key in value)) invalid(`${name}.${key} is missing`);
  for (const key of Object.keys(value)) {
    if (!keys.includes(key)) invalid(`${name} has an unknown field '${key}'`);
  }
  return value;
}

function checkText(value: unknown, name: string): string {
  if (typeof value !== 'string' || value === '') invalid(`${name} must be a non-empty string`);
  return value;
}

function checkInteger(value: unknown, name: string, min: number, max = Infinity): number {
  if (!Number.isSafeInteger(value) || (value as number) < min || (value as number) > max) {
    invalid(`${name} must be an integer from ${min}${max === Infinity ? '' : ` to ${max}`}`);
  }
  return value as number;
}

function checkDrawAt(value: unknown): void {
  const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
  if (typeof value !== 'string' || !iso.test(value) || Number.isNaN(Date.parse(value))) {
    invalid('drawAt must be an ISO 8601 timestamp with a time zone (2025-06-01T18:00:00Z)');
  }
}

function checkTextList(value: unknown, name: string): string[] {
  if (!Array.isArray(value)) invalid(`${name} must be a list`);
  value.forEach((item, i) => checkText(item, `${name}[${i}]`));
  return value as string[];
}

/** Strictly ascending by UTF-16 code units: sorted and unique. */
function checkAscending(keys: readonly string[], name: string): void {
  for (let i = 1; i < keys.length; i += 1) {
    if (keys[i - 1] === keys[i]) invalid(`${name} has a duplicate: ${JSON.stringify(keys[i])}`);
    if (keys[i - 1] > keys[i]) {
      invalid(
        `${name} is not sorted ascending: ${JSON.stringify(keys[i - 1])} comes before ${JSON.stringify(keys[i])}`,
      );
    }
  }
}

function validateInputs(inputs: unknown): asserts inputs is DrawInputs {
  if (!isRecord(inputs)) invalid('the inputs must be an object');
  if (inputs.kind === 'proposals') validateProposals(inputs);
  else if (inputs.kind === 'panel') validatePanel(inputs);
  else invalid(`kind must be 'proposals' or 'panel', not ${show(inputs.kind)}`);
}

function validateProposals(inputs: unknown): asserts inputs is ProposalsDrawInputs {
  const v = checkKeys(inputs, 'inputs', [
    'kind',
    'organization',
    'component',
    'drawAt',
    'candidates',
    'count',
  ]);
  if (v.kind !== 'proposals') invalid("kind must be 'proposals'");
  checkText(v.organization, 'organization');
  checkText(v.component, 'component');
  checkDrawAt(v.drawAt);
  const candidates = checkTextList(v.candidates, 'candidates');
  if (candidates.length === 0) invalid('candidates is empty');
  checkAscending(candidates, 'candidates');
  checkInteger(v.count, 'count', 1);
}

function validatePanel(inputs: unknown): asserts inputs is PanelDrawInputs {
  const v = checkKeys(inputs, 'inputs', [
    'kind',
    'organization',
    'drawAt',
    'categories',
    'pool',
    'quotas',
    'size',
    'distribution',
  ]);
  if (v.kind !== 'panel') invalid("kind must be 'panel'");
  checkText(v.organization, 'organization');
  checkDrawAt(v.drawAt);

  const categories = checkTextList(v.categories, 'categories');
  if (categories.length === 0) invalid('categories is empty');
  if (new Set(categories).size !== categories.length) invalid('categories has a duplicate');

  const valuesOf = (value: unknown, name: string): string[] => {
    if (!Array.isArray(value) || value.length !== categories.length) {
      invalid(`${name} must hold one value per category (${categories.length})`);
    }
    value.forEach((item, i) => {
      if (typeof item !== 'string') invalid(`${name}[${i}] must be a string`);
    });
    return value as string[];
  };

  if (!Array.isArray(v.pool) || v.pool.length === 0) invalid('pool must be a non-empty list');
  const pool = v.pool.map((item: unknown, i: number) => {
    const volunteer = checkKeys(item, `pool[${i}]`, ['id', 'values']);
    const id = checkText(volunteer.id, `pool[${i}].id`);
    return { id, key: canonicalJson(valuesOf(volunteer.values, `pool[${i}].values`)) };
  });
  checkAscending(
    pool.map((p) => p.id),
    'pool ids',
  );
  const size = checkInteger(v.size, 'size', 1, pool.length);

  if (!Array.isArray(v.quotas)) invalid('quotas must be a list');
  const quotas = v.quotas.map((item: unknown, i: number) => {
    const q = checkKeys(item, `quotas[${i}]`, ['category', 'value', 'min', 'max']);
    const name = checkText(q.category, `quotas[${i}].category`);
    const category = categories.indexOf(name);
    if (category < 0) invalid(`quotas[${i}].category ${JSON.stringify(name)} is not in categories`);
    if (typeof q.value !== 'string') invalid(`quotas[${i}].value must be a string`);
    const min = checkInteger(q.min, `quotas[${i}].min`, 0, size);
    const max = checkInteger(q.max, `quotas[${i}].max`, min, size);
    return { name, category, value: q.value, min, max };
  });
  for (let i = 1; i < quotas.length; i += 1) {
    const [a, b] = [quotas[i - 1], quotas[i]];
    if (a.name > b.name || (a.name === b.name && a.value >= b.value)) {
      invalid(`quotas must be sorted by category then value, one per pair (at quotas[${i}])`);
    }
  }

  const distribution = checkKeys(v.distribution, 'distribution', ['types', 'panels']);
  if (!Array.isArray(distribution.types)) invalid('distribution.types must be a list');
  const types = distribution.types.map((item: unknown, j: number) => {
    const t = checkKeys(item, `distribution.types[${j}]`, ['key', 'values']);
    const values = valuesOf(t.values, `distribution.types[${j}].values`);
    if (t.key !== canonicalJson(values)) {
      invalid(`distribution.types[${j}].key must be ${canonicalJson(values)}`);
    }
    return { key: t.key as string, values, volunteers: pool.filter((p) => p.key === t.key).length };
  });
  checkAscending(
    types.map((t) => t.key),
    'distribution.types keys',
  );
  for (const p of pool) {
    if (!types.some((t) => t.key === p.key)) {
      invalid(`volunteer ${JSON.stringify(p.id)} has values ${p.key}, which match no type`);
    }
  }
  for (const t of types) {
    if (t.volunteers === 0) invalid(`type ${t.key} has no volunteer in the pool`);
  }

  if (!Array.isArray(distribution.panels) || distribution.panels.length === 0) {
    invalid('distribution.panels must be a non-empty list');
  }
  distribution.panels.forEach((item: unknown, i: number) => {
    const name = `distribution.panels[${i}]`;
    const panel = checkKeys(item, name, ['counts', 'weight']);
    if (typeof panel.weight !== 'string' || !/^[1-9][0-9]*$/.test(panel.weight)) {
      invalid(`${name}.weight must be a positive integer written in decimal digits`);
    }
    if (!Array.isArray(panel.counts) || panel.counts.length !== types.length) {
      invalid(`${name}.counts must hold one count per type (${types.length})`);
    }
    const counts = panel.counts.map((c: unknown, j: number) =>
      checkInteger(c, `${name}.counts[${j}]`, 0),
    );
    counts.forEach((c, j) => {
      if (c > types[j].volunteers) {
        invalid(
          `${name} takes ${c} of type ${types[j].key}, which has ${types[j].volunteers} volunteers`,
        );
      }
    });
    const total = counts.reduce((a, b) => a + b, 0);
    if (total !== size) invalid(`${name} has ${total} members, not size ${size}`);
    for (const q of quotas) {
      const n = counts.reduce(
        (a, c, j) => a + (types[j].values[q.category] === q.value ? c : 0),
        0,
      );
      if (n < q.min || n > q.max) {
        invalid(
          `${name} has ${n} members with ${categories[q.category]} = ${JSON.stringify(q.value)}, ` +
            `outside the quota ${q.min}–${q.max}`,
        );
      }
    }
  });
}
