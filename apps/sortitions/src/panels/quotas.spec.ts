import {
  boundsFromShare,
  countProblem,
  diagnose,
  meetsQuotas,
  typeKey,
  type PanelSpec,
  type Volunteer,
} from './quotas';

/** A pool from [count, ...values] rows, ids v0, v1, … */
function pool(rows: [number, ...string[]][]): Volunteer[] {
  const out: Volunteer[] = [];
  for (const [count, ...values] of rows)
    for (let i = 0; i < count; i++) out.push({ id: `v${out.length}`, values });
  return out;
}

const exactly = (n: number) => ({ min: n, max: n });

describe('boundsFromShare', () => {
  it('takes the floor and the ceiling of share × N', () => {
    expect(boundsFromShare(0.25, 150)).toEqual({ min: 37, max: 38 });
    expect(boundsFromShare(0.5, 150)).toEqual({ min: 75, max: 75 });
  });

  it('does not widen a whole share × N because of float noise (0.3 × 10)', () => {
    expect(boundsFromShare(0.3, 10)).toEqual({ min: 3, max: 3 });
    expect(boundsFromShare(0.07, 100)).toEqual({ min: 7, max: 7 });
  });

  it('widens by the slack on each side, clipped to [0, N]', () => {
    expect(boundsFromShare(0.25, 150, 2)).toEqual({ min: 35, max: 40 });
    expect(boundsFromShare(0.005, 150, 1)).toEqual({ min: 0, max: 2 });
    expect(boundsFromShare(1, 150, 3)).toEqual({ min: 147, max: 150 });
  });

  it('refuses a share outside [0, 1], a fractional size or a negative slack', () => {
    expect(() => boundsFromShare(1.2, 10)).toThrow(RangeError);
    expect(() => boundsFromShare(Number.NaN, 10)).toThrow(RangeError);
    expect(() => boundsFromShare(0.5, 10.5)).toThrow(RangeError);
    expect(() => boundsFromShare(0.5, 10, -1)).toThrow(RangeError);
  });
});

describe('typeKey and countProblem', () => {
  it('keys a type by the JSON of its values', () => {
    expect(typeKey(['f', '16-24'])).toBe('["f","16-24"]');
  });

  it('groups volunteers by value vector, types sorted by key whatever the pool order', () => {
    const p = pool([
      [2, 'm', 'old'],
      [3, 'f', 'young'],
      [1, 'f', 'old'],
    ]);
    const spec: PanelSpec = {
      categories: ['gender', 'age'],
      quotas: [
        { f: { min: 0, max: 2 }, m: { min: 0, max: 2 } },
        { old: exactly(1), young: exactly(1) },
      ],
      size: 2,
    };
    const a = countProblem(p, spec);
    const b = countProblem([...p].reverse(), spec);
    expect(a.types.map((t) => [t.key, t.size])).toEqual([
      ['["f","old"]', 1],
      ['["f","young"]', 3],
      ['["m","old"]', 2],
    ]);
    expect(b.types).toEqual(a.types);
    expect(meetsQuotas(a, [1, 1, 0])).toBe(true);
    expect(meetsQuotas(a, [0, 0, 2])).toBe(false); // two old people
    expect(meetsQuotas(a, [0, 1, 0])).toBe(false); // one person short
    expect(meetsQuotas(a, [0, 1, 3])).toBe(false); // more "m old" than there are
  });

  it('refuses malformed input: value count, duplicate ids, quota records', () => {
    const spec: PanelSpec = { categories: ['gender'], quotas: [{ f: exactly(1) }], size: 1 };
    expect(() => countProblem([{ id: 'a', values: ['f', 'x'] }], spec)).toThrow(TypeError);
    expect(() =>
      countProblem(
        [
          { id: 'a', values: ['f'] },
          { id: 'a', values: ['f'] },
        ],
        spec,
      ),
    ).toThrow(TypeError);
    expect(() => countProblem([], { ...spec, quotas: [] })).toThrow(TypeError);
    expect(() => countProblem([], { ...spec, size: 0 })).toThrow(TypeError);
  });
});

describe('diagnose', () => {
  const gender = { f: { min: 2, max: 3 }, m: { min: 2, max: 3 } };
  const age = { young: { min: 1, max: 3 }, old: { min: 1, max: 3 } };
  const base = pool([
    [4, 'f', 'young'],
    [4, 'f', 'old'],
    [4, 'm', 'young'],
    [4, 'm', 'old'],
  ]);
  const spec = (quotas: PanelSpec['quotas'], size = 5): PanelSpec => ({
    categories: ['gender', 'age'],
    quotas,
    size,
  });

  it('finds nothing wrong when a panel exists', async () => {
    await expect(diagnose(base, spec([gender, age]))).resolves.toBeNull();
  });

  it('names the category whose minimums exceed the panel size', async () => {
    const d = await diagnose(base, spec([gender, { young: exactly(3), old: exactly(3) }]));
    expect(d).toMatchObject({ category: 'age' });
    expect(d?.reason).toMatch(/minimums of age add up to 6, more than the panel size 5/);
  });

  it('names the category whose maximums fall short of the panel size', async () => {
    const d = await diagnose(base, spec([{ f: exactly(2), m: exactly(2) }, age]));
    expect(d).toMatchObject({ category: 'gender' });
    expect(d?.reason).toMatch(/maximums of gender add up to 4, less than the panel size 5/);
  });

  it('names the value with fewer volunteers than its minimum', async () => {
    const few = pool([
      [1, 'f', 'young'],
      [8, 'm', 'young'],
      [8, 'm', 'old'],
    ]);
    const d = await diagnose(few, spec([gender, age]));
    expect(d).toMatchObject({ category: 'gender', value: 'f' });
    expect(d?.reason).toMatch(/at least 2 people, the pool has 1/);
  });

  it('names a value of the pool that has no quota', async () => {
    const d = await diagnose([...base, { id: 'x', values: ['other', 'old'] }], spec([gender, age]));
    expect(d).toMatchObject({ category: 'gender', value: 'other' });
    expect(d?.reason).toMatch(/has no quota/);
  });

  it('names the category in conflict with the others when only the joint quotas fail', async () => {
    // Values go together (x,x,x) or (y,y,y): a and b want 2 x, c at most 1.
    const tied = pool([
      [5, 'x', 'x', 'x'],
      [5, 'y', 'y', 'y'],
    ]);
    const two = { x: exactly(2), y: exactly(2) };
    const d = await diagnose(tied, {
      categories: ['a', 'b', 'c'],
      quotas: [two, two, { x: { min: 0, max: 1 }, y: { min: 0, max: 4 } }],
      size: 4,
    });
    expect(d).toMatchObject({ category: 'c' });
    expect(d?.value).toBeUndefined();
    expect(d?.reason).toMatch(/quotas of c cannot be met together/);
  });

  it('says so (category null) when the pool is smaller than the panel', async () => {
    const d = await diagnose(base.slice(0, 3), spec([gender, age]));
    expect(d).toMatchObject({ category: null });
    expect(d?.reason).toMatch(/fewer than the panel size 5/);
  });
});
