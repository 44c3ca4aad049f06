import { namedStatement, queryNamed } from './named-statement';

describe('namedStatement', () => {
  it('keeps one text per name, and refuses names PostgreSQL would not take', () => {
    const a = namedStatement('spec_same', 'SELECT 1');
    expect(namedStatement('spec_same', 'SELECT 1')).toEqual(a);
    expect(() => namedStatement('spec_same', 'SELECT 2')).toThrow(/another text/);
    expect(() => namedStatement('Spec-Bad', 'SELECT 1')).toThrow(/Invalid statement name/);
    expect(() => namedStatement('x'.repeat(64), 'SELECT 1')).toThrow(/Invalid statement name/);
  });

  it('hands the driver a { name, text } config whose text is what logs show', async () => {
    const seen: unknown[] = [];
    const runner = {
      query: async (q: string, p?: unknown[]) => {
        seen.push(q, p);
        return [{ ok: true }];
      },
    };
    const s = namedStatement('spec_config', 'SELECT $1::int');
    expect(await queryNamed(runner, s, [7])).toEqual([{ ok: true }]);
    expect(seen[0]).toMatchObject({ name: 'spec_config', text: 'SELECT $1::int' });
    expect(String(seen[0])).toBe('SELECT $1::int');
    expect(seen[1]).toEqual([7]);
  });
});
