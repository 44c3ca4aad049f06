import { parse } from 'csv-parse/sync';
import { badInput } from '@palabre/service-kit';
import type { Volunteer } from './draw-core';

/** At most this many volunteers in a pool (a national assembly's call gets tens of thousands). */
export const MAX_POOL = 100_000;
/** An identifier that names nobody: the row of the organization's own register, not a name or an address. */
const ID = /^[A-Za-z0-9._-]{1,64}$/;
const VALUE_MAX = 100;

export interface Pool {
  categories: string[];
  /** Sorted by id (UTF-16 code units), as the draw wants them. */
  volunteers: Volunteer[];
}

const refuse = (line: number, message: string, rule = 'invalid') =>
  badInput(
    [{ field: 'pool', message: `line ${line}: ${message}`, rule, line } as never],
    'INVALID',
  );

/**
 * A pool of volunteers from a CSV file: a header line naming the identifier's
 * column then each category (`id,gender,age,area,diploma`), then one line per
 * volunteer; commas or semicolons; a UTF-8 byte order mark is dropped. `known`
 * (category → values the quotas name) refuses a category or a value it does
 * not have. 400 with the line number for a bad encoding (a character that
 * was not UTF-8: U+FFFD), a duplicate identifier, an identifier that could
 * name someone (an address, spaces), a missing value, a wrong number of columns.
 */
export function parsePool(text: string, known?: Map<string, Set<string>>): Pool {
  const bad = text.indexOf('\ufffd');
  if (bad >= 0)
    throw refuse(
      text.slice(0, bad).split('\n').length,
      'the file is not UTF-8 text (save it as "CSV UTF-8")',
      'encoding',
    );
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      trim: true,
      skip_empty_lines: true,
      delimiter: [',', ';'],
      info: true,
      max_record_size: 10_000,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const e = error as { lines?: number; message: string };
    throw refuse(e.lines ?? 1, e.message.replace(/ on line \d+$/, ''), 'csv');
  }
  if (!records.length) throw refuse(1, 'the file is empty', 'isNotEmpty');
  const [head, ...rows] = records;
  const categories = head.record.slice(1);
  if (!categories.length) throw refuse(1, 'name at least one category after the identifier');
  const seenCategory = new Set<string>();
  for (const c of categories) {
    if (!c) throw refuse(1, 'a category has no name');
    if (seenCategory.has(c)) throw refuse(1, `the category "${c}" is named twice`);
    if (known && !known.has(c))
      throw refuse(1, `"${c}" is not a category of the quotas`, 'unknown');
    seenCategory.add(c);
  }
  if (known)
    for (const c of known.keys())
      if (!seenCategory.has(c)) throw refuse(1, `the quotas' category "${c}" has no column`);
  if (rows.length > MAX_POOL) throw refuse(MAX_POOL + 2, `at most ${MAX_POOL} volunteers`);
  const ids = new Map<string, number>();
  const volunteers: Volunteer[] = [];
  for (const { record, info } of rows) {
    const line = info.lines;
    const [id, ...values] = record;
    if (!ID.test(id))
      throw refuse(
        line,
        `"${id.slice(0, 70)}" is not an identifier: 1-64 letters, digits, dots, dashes or underscores (the number of the volunteer in your register, never a name or an address)`,
      );
    const earlier = ids.get(id);
    if (earlier !== undefined)
      throw refuse(line, `the identifier "${id}" is already on line ${earlier}`, 'duplicate');
    ids.set(id, line);
    values.forEach((v, i) => {
      if (!v) throw refuse(line, `no value for "${categories[i]}"`, 'isNotEmpty');
      if (v.length > VALUE_MAX)
        throw refuse(line, `"${categories[i]}" is longer than ${VALUE_MAX}`);
      if (known && !known.get(categories[i])?.has(v))
        throw refuse(line, `"${v}" is not a value of "${categories[i]}" in the quotas`, 'unknown');
    });
    volunteers.push({ id, values });
  }
  if (!volunteers.length) throw refuse(2, 'the file has no volunteer', 'isNotEmpty');
  volunteers.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { categories, volunteers };
}
