import { execFile, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ALGORITHM,
  ALGORITHM_VERSION,
  canonicalJson,
  commitment,
  DrawRng,
  drawPanel,
  drawProposals,
  type PanelDrawInputs,
  type PanelDrawResult,
  type ProposalsDrawInputs,
  publishDraw,
  seedOf,
  selectionProbabilities,
  sha256Hex,
  verify,
} from './draw-core';

const root = join(__dirname, '..', '..', '..', '..');
const script = join(root, 'tools', 'sortition', 'redraw.mjs');
const examples = ['example-proposals.json', 'example-panel.json'].map((f) =>
  join(root, 'tools', 'sortition', f),
);

/** Independent reading of the generator: SHA-256(seed ‖ uint64be(block)), 64-bit words. */
function referenceWords(seed: Uint8Array, count: number): bigint[] {
  const words: bigint[] = [];
  for (let block = 0; words.length < count; block += 1) {
    const counter = Buffer.alloc(8);
    counter.writeBigUInt64BE(BigInt(block));
    const digest = createHash('sha256').update(seed).update(counter).digest();
    for (let k = 0; k < 4; k += 1) words.push(digest.readBigUInt64BE(8 * k));
  }
  return words.slice(0, count);
}

const proposals = (over: Partial<ProposalsDrawInputs> = {}): ProposalsDrawInputs => ({
  kind: 'proposals',
  organization: 'town',
  component: 'budget-2025',
  drawAt: '2025-06-01T18:00:00.000Z',
  candidates: Array.from({ length: 20 }, (_, i) => `p${String(i).padStart(2, '0')}`),
  count: 5,
  ...over,
});

// Two categories, four types: F/M × young/old, 3 + 4 + 2 + 3 volunteers.
const TYPES = [
  ['F', 'old'],
  ['F', 'young'],
  ['M', 'old'],
  ['M', 'young'],
];
const SIZES = [3, 4, 2, 3];
const panelInputs = (weights = ['3', '1']): PanelDrawInputs => {
  const pool = TYPES.flatMap((values, t) =>
    Array.from({ length: SIZES[t] }, (_, i) => ({ id: `v${t}${i}`, values })),
  );
  return {
    kind: 'panel',
    organization: 'town',
    drawAt: '2025-06-01T18:00:00Z',
    categories: ['gender', 'age'],
    pool,
    quotas: [
      { category: 'gender', value: 'F', min: 2, max: 2 },
      { category: 'gender', value: 'M', min: 2, max: 2 },
    ],
    size: 4,
    distribution: {
      types: TYPES.map((values) => ({ key: JSON.stringify(values), values })),
      panels: [
        { counts: [1, 1, 1, 1], weight: weights[0] },
        { counts: [2, 0, 0, 2], weight: weights[1] },
      ],
    },
  };
};

describe('canonical JSON', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    const value = { b: 1, a: { d: [{ z: true, y: null }], c: 'x y' }, A: [] };
    expect(canonicalJson(value)).toBe('{"A":[],"a":{"c":"x y","d":[{"y":null,"z":true}]},"b":1}');
    expect(canonicalJson({ a: { c: 1, b: 2 } })).toBe(canonicalJson({ a: { b: 2, c: 1 } }));
  });

  it('writes strings as JSON.stringify does and sorts keys by UTF-16 code units', () => {
    expect(canonicalJson({ é: 'é\n"', Z: 1, a: 2 })).toBe('{"Z":1,"a":2,"é":"é\\n\\""}');
  });

  it('refuses what would not read back the same in another language: fractions, undefined', () => {
    expect(() => canonicalJson({ w: 0.5 })).toThrow(/integers only/);
    expect(() => canonicalJson({ w: undefined })).toThrow(/undefined/);
    expect(() => canonicalJson(new Date(0))).toThrow(/plain objects/);
  });

  it('hashes the UTF-8 of a text with SHA-256 (FIPS 180-2 test vector)', () => {
    expect(sha256Hex('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
});

describe('seed and generator (known answers)', () => {
  const commit = sha256Hex('palabre-draw known answer');
  const seed = seedOf(commit, '  3 1 4 1 5 9\n');

  it('seeds with SHA-256 of the commitment, a newline and the trimmed public numbers', () => {
    expect(commit).toBe('1b872a82310b71d4d635323f79d9c2fb224083707649c41be9abcecbdea6c9ab');
    expect(Buffer.from(seed).toString('hex')).toBe(
      'e08e8c3b83f758c8be854ba56e8eb998e4921a997bfb853fd25c429ff9da0d63',
    );
    const direct = createHash('sha256').update(`${commit}\n3 1 4 1 5 9`, 'utf8').digest();
    expect(Buffer.from(seed).equals(direct)).toBe(true);
  });

  it('refuses empty public numbers and a commitment that is not 64 hex digits', () => {
    expect(() => seedOf(commit, ' \n ')).toThrow(/public numbers are empty/);
    expect(() => seedOf(commit.toUpperCase(), '1')).toThrow(/64 lowercase hexadecimal/);
  });

  it('gives the pinned first words, the same as SHA-256(seed ‖ block number) read directly', () => {
    const rng = new DrawRng(seed);
    const words = Array.from({ length: 6 }, () => rng.nextUint64());
    expect(words).toEqual([
      15782123105063802369n,
      7228075771827754874n,
      5127971949096309303n,
      15992984170109295621n,
      12048123638266457096n,
      6462240344040359435n,
    ]);
    expect(words).toEqual(referenceWords(seed, 6));
  });

  it('gives the pinned first dice, each the next word mod 6 when below the rejection limit', () => {
    const rng = new DrawRng(seed);
    const dice = Array.from({ length: 10 }, () => rng.below(6));
    expect(dice).toEqual([3, 2, 3, 3, 2, 5, 4, 4, 4, 1]);
    const limit = (1n << 64n) - ((1n << 64n) % 6n);
    const expected = referenceWords(seed, 40)
      .filter((x) => x < limit)
      .slice(0, 10)
      .map((x) => Number(x % 6n));
    expect(dice).toEqual(expected);
  });

  it('rejects words at or above 2^64 − (2^64 mod n) (n = 2^63 + 1 rejects about half)', () => {
    const n = (1n << 63n) + 1n;
    const limit = (1n << 64n) - ((1n << 64n) % n);
    const words = referenceWords(seed, 400);
    const expected = words.filter((x) => x < limit).map((x) => x % n);
    expect(words.length - expected.length).toBeGreaterThan(100);
    const rng = new DrawRng(seed);
    expect(Array.from({ length: 100 }, () => rng.belowBig(n))).toEqual(expected.slice(0, 100));
  });

  it('reads two words as one number for n above 2^64', () => {
    const n = (1n << 64n) + 12345n;
    const range = 1n << 128n;
    const limit = range - (range % n);
    const words = referenceWords(seed, 400);
    const expected: bigint[] = [];
    for (let i = 0; i + 1 < words.length; i += 2) {
      const x = (words[i] << 64n) | words[i + 1];
      if (x < limit) expected.push(x % n);
    }
    const rng = new DrawRng(seed);
    expect(Array.from({ length: 50 }, () => rng.belowBig(n))).toEqual(expected.slice(0, 50));
  });

  it('draws dice uniformly: chi-square of 60,000 rolls within a loose bound, never ≥ 6', () => {
    const rng = new DrawRng(seedOf(commit, 'uniformity'));
    const counts = new Array<number>(6).fill(0);
    let outside = 0;
    for (let i = 0; i < 60_000; i += 1) {
      const x = rng.below(6);
      if (Number.isInteger(x) && x >= 0 && x < 6) counts[x] += 1;
      else outside += 1;
    }
    expect(outside).toBe(0);
    const chi2 = counts.reduce((sum, c) => sum + (c - 10_000) ** 2 / 10_000, 0);
    // 5 degrees of freedom: P(chi2 > 25) ≈ 0.00014.
    expect(chi2).toBeLessThan(25);
  });

  it('stays below n for n = 1, 2^32 + 1 and 2^53, and refuses n outside 1 … 2^53', () => {
    const rng = new DrawRng(seed);
    for (let i = 0; i < 1000; i += 1) {
      expect(rng.below(1)).toBe(0);
      expect(rng.below(2 ** 32 + 1)).toBeLessThan(2 ** 32 + 1);
      expect(rng.below(2 ** 53)).toBeLessThan(2 ** 53);
    }
    for (const n of [0, -1, 1.5, 2 ** 53 + 2, NaN]) expect(() => rng.below(n)).toThrow(/below/);
  });
});

describe('drawing proposals', () => {
  it('gives the same result for the same inputs and public numbers, trimmed', () => {
    const a = drawProposals(proposals(), '12 7 33');
    expect(drawProposals(proposals(), '\n 12 7 33  ')).toEqual(a);
    expect(a.commitment).toBe(commitment(proposals()));
    expect(a.commitment).toBe(sha256Hex(canonicalJson(proposals())));
  });

  it('selects `count` distinct candidates, in the partial Fisher–Yates order', () => {
    const inputs = proposals();
    const result = drawProposals(inputs, '1 2 3');
    expect(result.selected).toHaveLength(5);
    expect(new Set(result.selected).size).toBe(5);
    for (const id of result.selected) expect(inputs.candidates).toContain(id);
    // Independent re-implementation from the words.
    const words = referenceWords(Buffer.from(result.seed, 'hex'), 200);
    const list = inputs.candidates.slice();
    let w = 0;
    for (let i = 0; i < 5; i += 1) {
      const n = BigInt(list.length - i);
      const limit = (1n << 64n) - ((1n << 64n) % n);
      while (words[w] >= limit) w += 1;
      const j = i + Number(words[w++] % n);
      [list[i], list[j]] = [list[j], list[i]];
    }
    expect(result.selected).toEqual(list.slice(0, 5));
  });

  it('changes with the public numbers and with the candidate list', () => {
    const base = drawProposals(proposals(), '1 2 3');
    const otherNumbers = drawProposals(proposals(), '1 2 4');
    expect(otherNumbers.seed).not.toBe(base.seed);
    expect(otherNumbers.selected).not.toEqual(base.selected);
    const withOneMore = proposals({ candidates: [...proposals().candidates, 'p99'] });
    const otherList = drawProposals(withOneMore, '1 2 3');
    expect(otherList.commitment).not.toBe(base.commitment);
    expect(otherList.selected).not.toEqual(base.selected);
  });

  it('selects everyone, shuffled, when count is at least the number of candidates', () => {
    const inputs = proposals({ count: 50 });
    const result = drawProposals(inputs, '6 6 6');
    expect(result.selected).toHaveLength(20);
    expect([...result.selected].sort()).toEqual(inputs.candidates);
    expect(result.selected).not.toEqual(inputs.candidates);
  });

  it('refuses unsorted or duplicate ids, count < 1, an unknown field or a bad time', () => {
    const draw = (over: object) => () => drawProposals({ ...proposals(), ...over }, '1');
    expect(draw({ candidates: ['b', 'a'] })).toThrow(
      /candidates is not sorted.*"b" comes before "a"/,
    );
    expect(draw({ candidates: ['a', 'a'] })).toThrow(/candidates has a duplicate: "a"/);
    expect(draw({ candidates: [] })).toThrow(/candidates is empty/);
    expect(draw({ count: 0 })).toThrow(/count must be an integer from 1/);
    expect(draw({ extra: 1 })).toThrow(/unknown field 'extra'/);
    expect(draw({ drawAt: '2025-06-01 18:00' })).toThrow(/drawAt/);
  });
});

describe('drawing a panel', () => {
  it('picks each composition in proportion to its weight, even with weights above 2^64', () => {
    const big = panelInputs(['30000000000000000000000', '10000000000000000000000']);
    let first = 0;
    const runs = 4000;
    for (let i = 0; i < runs; i += 1) if (drawPanel(big, `roll ${i}`).panelIndex === 0) first += 1;
    // Expected 3/4; the standard deviation over 4000 draws is about 0.007.
    expect(Math.abs(first / runs - 0.75)).toBeLessThan(0.03);
  });

  it('selects counts[type] of each type and leaves the others of the type as replacements', () => {
    const inputs = panelInputs();
    for (let i = 0; i < 200; i += 1) {
      const result = drawPanel(inputs, `dice ${i}`);
      const counts = inputs.distribution.panels[result.panelIndex].counts;
      expect(result.selected).toHaveLength(inputs.size);
      expect(new Set(result.selected).size).toBe(inputs.size);
      let at = 0;
      inputs.distribution.types.forEach((type, j) => {
        const ofType = inputs.pool
          .filter((v) => JSON.stringify(v.values) === type.key)
          .map((v) => v.id);
        const chosen = result.selected.slice(at, at + counts[j]);
        at += counts[j];
        for (const id of chosen) expect(ofType).toContain(id);
        expect([...chosen, ...result.replacements[type.key]].sort()).toEqual(ofType);
      });
    }
  });

  it('gives each volunteer their chance from the distribution', () => {
    // Panel 0 (weight 3) takes 1 of each type, panel 1 (weight 1) 2 old F and 2 young M.
    const chances = selectionProbabilities(panelInputs());
    const expected: Record<string, number> = {
      '["F","old"]': (3 / 4 + 2 / 4) / 3,
      '["F","young"]': 3 / 4 / 4,
      '["M","old"]': 3 / 4 / 2,
      '["M","young"]': (3 / 4 + 2 / 4) / 3,
    };
    expect(Object.keys(chances).sort()).toEqual(Object.keys(expected).sort());
    for (const key of Object.keys(expected)) expect(chances[key]).toBeCloseTo(expected[key], 12);
  });

  it('refuses bad weights, too large counts, counts off size or quotas, unknown types', () => {
    const withPanel = (counts: number[], weight = '1') => {
      const inputs = panelInputs();
      inputs.distribution.panels.push({ counts, weight });
      return () => drawPanel(inputs, '1');
    };
    for (const weight of ['0', '-1', '1.5', '01', '']) {
      expect(withPanel([1, 1, 1, 1], weight)).toThrow(/weight must be a positive integer/);
    }
    expect(withPanel([0, 0, 3, 1])).toThrow(/takes 3 of type \["M","old"\], which has 2/);
    expect(withPanel([1, 1, 1, 0])).toThrow(/has 3 members, not size 4/);
    expect(withPanel([2, 1, 0, 1])).toThrow(/with gender = "F", outside the quota 2–2/);

    const stranger = panelInputs();
    stranger.pool.push({ id: 'zz', values: ['X', 'old'] });
    expect(() => drawPanel(stranger, '1')).toThrow(/"zz" has values \["X","old"\].*match no type/);

    const unsorted = panelInputs();
    unsorted.pool.reverse();
    expect(() => drawPanel(unsorted, '1')).toThrow(/pool ids is not sorted/);

    const quotasUnsorted = panelInputs();
    quotasUnsorted.quotas.reverse();
    expect(() => drawPanel(quotasUnsorted, '1')).toThrow(/quotas must be sorted/);
    const unknownCategory = panelInputs();
    unknownCategory.quotas[0].category = 'income';
    expect(() => drawPanel(unknownCategory, '1')).toThrow(/"income" is not in categories/);

    const badKey = panelInputs();
    badKey.distribution.types[0].key = '["F", "old"]';
    expect(() => drawPanel(badKey, '1')).toThrow(/types\[0\]\.key must be \["F","old"\]/);
  });
});

describe('verify', () => {
  it('accepts a published draw as it was published', () => {
    for (const published of [
      publishDraw(proposals(), '1 2 3'),
      publishDraw(panelInputs(), '4 5 6'),
    ]) {
      expect(published.algorithm).toBe(ALGORITHM);
      expect(published.version).toBe(ALGORITHM_VERSION);
      expect(verify(published)).toMatchObject({ ok: true, problems: [] });
    }
  });

  it('detects a changed candidate: the commitment no longer matches', () => {
    const published = publishDraw(proposals(), '1 2 3');
    published.inputs = proposals({ candidates: ['p00', 'p01', 'p02', 'p03', 'p04', 'p05x'] });
    const outcome = verify(published);
    expect(outcome.ok).toBe(false);
    expect(outcome.problems[0]).toMatch(/commitment does not match the inputs/);
  });

  it('detects a changed public number: the seed and the result differ', () => {
    const published = { ...publishDraw(proposals(), '1 2 3'), publicNumbers: '1 2 4' };
    const outcome = verify(published);
    expect(outcome.ok).toBe(false);
    expect(outcome.problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^result\.seed differs/),
        expect.stringMatching(/^result\.selected differs/),
      ]),
    );
  });

  it('detects a changed result: reordered winners, a swapped replacement', () => {
    const published = publishDraw(proposals(), '1 2 3');
    published.result.selected.reverse();
    expect(verify(published).problems).toEqual([
      expect.stringMatching(/^result\.selected differs: published \[/),
    ]);
    const panel = publishDraw(panelInputs(), '1 2 3');
    const replacements = (panel.result as PanelDrawResult).replacements['["F","young"]'];
    replacements.push(replacements.shift() as string);
    expect(verify(panel).problems).toEqual([expect.stringMatching(/^result\.replacements/)]);
  });

  it('reports invalid inputs and another algorithm version instead of throwing', () => {
    const published = publishDraw(proposals(), '1 2 3');
    expect(verify({ ...published, version: 2 }).problems).toEqual([
      'the algorithm version is 2, this code runs version 1',
    ]);
    expect(verify({ ...published, inputs: { ...published.inputs, count: -1 } }).problems).toEqual([
      'invalid draw inputs: count must be an integer from 1',
    ]);
  });
});

describe('tools/sortition/redraw.mjs', () => {
  const run = (args: string[], input?: string) =>
    spawnSync(process.execPath, [script, ...args], { input, encoding: 'utf8' });

  it('verifies the example draws (exit 0), also read from stdin', () => {
    for (const file of examples) {
      const published = JSON.parse(readFileSync(file, 'utf8'));
      expect(verify(published)).toMatchObject({ ok: true });
      const byFile = run([file]);
      expect({ status: byFile.status, stderr: byFile.stderr }).toEqual({ status: 0, stderr: '' });
      expect(byFile.stdout).toContain(`published:  ${published.commitment}  (same)`);
      expect(byFile.stdout).toContain('VERIFIED');
      expect(run(['-'], readFileSync(file, 'utf8')).status).toBe(0);
    }
  });

  it('fails (exit 1) on a tampered copy, saying what differs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'redraw-'));
    try {
      const published = JSON.parse(readFileSync(examples[0], 'utf8'));
      published.inputs.candidates[0] = 'proposal-004';
      writeFileSync(join(dir, 'draw.json'), JSON.stringify(published));
      const tampered = run([join(dir, 'draw.json')]);
      expect(tampered.status).toBe(1);
      expect(tampered.stderr).toMatch(/NOT VERIFIED: the commitment does not match the inputs/);

      const panel = JSON.parse(readFileSync(examples[1], 'utf8'));
      panel.result.selected.reverse();
      expect(run(['-'], JSON.stringify(panel)).status).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails with a clear message on unreadable input or wrong arguments', () => {
    const notJson = run(['-'], 'not json');
    expect(notJson.status).toBe(1);
    expect(notJson.stderr).toMatch(/cannot read the published draw/);
    expect(run([]).stderr).toMatch(/^usage:/);
    expect(run([]).status).toBe(1);
  });

  it('fetches the published draw with --url', async () => {
    const body = readFileSync(examples[1]);
    const server = createServer((req, res) => {
      res.writeHead(req.url === '/draw.json' ? 200 : 404, { 'content-type': 'application/json' });
      res.end(req.url === '/draw.json' ? body : '{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const exec = (url: string) =>
      new Promise<number>((resolve) =>
        execFile(process.execPath, [script, '--url', url], (error) =>
          resolve(error ? Number(error.code) : 0),
        ),
      );
    try {
      expect(await exec(`${base}/draw.json`)).toBe(0);
      expect(await exec(`${base}/missing.json`)).toBe(1);
    } finally {
      server.close();
    }
  });
});
