import { BadRequestException } from '@nestjs/common';
import { parsePool } from './pool-csv';

const known = new Map([
  ['gender', new Set(['F', 'M'])],
  ['age', new Set(['18-34', '35-64', '65+'])],
]);

/** The 400's single error: its message (with the line) and rule. */
function refusal(text: string, k = known): { message: string; rule: string; line: number } {
  try {
    parsePool(text, k);
  } catch (e) {
    expect(e).toBeInstanceOf(BadRequestException);
    const body = (e as BadRequestException).getResponse() as {
      errors: { message: string; rule: string; line: number }[];
    };
    return body.errors[0];
  }
  throw new Error('no refusal');
}

describe('a pool of volunteers from CSV', () => {
  it('reads the header as the identifier then categories, and sorts volunteers by id', () => {
    const p = parsePool('\ufeffid;gender;age\r\nv2;F;65+\r\nv1;M;18-34\r\n\r\n', known);
    expect(p.categories).toEqual(['gender', 'age']);
    expect(p.volunteers).toEqual([
      { id: 'v1', values: ['M', '18-34'] },
      { id: 'v2', values: ['F', '65+'] },
    ]);
  });

  it('names the line of a duplicate identifier and the first one', () => {
    const r = refusal('id,gender,age\nv1,F,65+\nv2,M,18-34\nv1,M,65+\n');
    expect(r).toMatchObject({ line: 4, rule: 'duplicate' });
    expect(r.message).toContain('already on line 2');
  });

  it('names the line of an unknown value and an unknown category', () => {
    expect(refusal('id,gender,age\nv1,F,65+\nv2,X,18-34\n')).toMatchObject({
      line: 3,
      rule: 'unknown',
    });
    expect(refusal('id,gender,age,area\nv1,F,65+,Nord\n')).toMatchObject({
      line: 1,
      rule: 'unknown',
    });
    expect(refusal('id,gender\nv1,F\n').message).toContain('"age" has no column');
  });

  it('refuses a file that is not UTF-8 with the line of the first bad character', () => {
    // Latin-1 bytes read as UTF-8 become U+FFFD.
    const latin1 = Buffer.from('id,gender,age\nv1,F,65+\nv2,M,18-34 ann\xe9es\n', 'latin1');
    expect(refusal(latin1.toString('utf8'))).toMatchObject({ line: 3, rule: 'encoding' });
  });

  it('refuses identifiers that could name someone, missing values and ragged lines', () => {
    expect(refusal('id,gender,age\nmarie@example.org,F,65+\n').line).toBe(2);
    expect(refusal('id,gender,age\nv1,,65+\n')).toMatchObject({ line: 2, rule: 'isNotEmpty' });
    expect(refusal('id,gender,age\nv1,F\n')).toMatchObject({ line: 2, rule: 'csv' });
    expect(refusal('')).toMatchObject({ line: 1, rule: 'isNotEmpty' });
  });
});
