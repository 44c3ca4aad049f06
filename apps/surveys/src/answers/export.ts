import { escapeLiteral } from 'pg';
import type { Question } from '../surveys/questions';

/**
 * The answers' exports, written by PostgreSQL (ADR 0042): the query makes
 * each answer's CSV line or JSON object, so the service neither parses the
 * answers nor builds a string per field. On PostgreSQL the lines are streamed
 * by COPY (`copyTextOut`: bytes only, nothing for the garbage collector); on
 * PGlite, which has no streaming COPY, they come in pages of text. (Formatting
 * in JavaScript from parsed rows, then pages of text on PostgreSQL too, let the
 * first 250,000-answer export grow the process by 130 and then 80 MB of
 * strings promoted before V8 collected them.)
 */

/** The query's values: bound parameters (pages), or literals (COPY takes no parameters). */
class Params {
  readonly values: unknown[];
  constructor(
    private readonly inline: boolean,
    ...first: unknown[]
  ) {
    this.values = [...first];
  }
  text(value: string): string {
    if (this.inline) return escapeLiteral(value);
    this.values.push(value);
    return `$${this.values.length}::text`;
  }
}

/** A column: its header and the SQL giving its text (NULL for empty) from `answers`. */
interface Column {
  name: string;
  sql(p: Params): string;
}

/** The array's texts joined by `sep` in their order (NULL when empty or absent). */
const joined = (array: string, sep: string) =>
  `(SELECT string_agg(e, '${sep}' ORDER BY o) FROM jsonb_array_elements_text(CASE jsonb_typeof(${array}) WHEN 'array' THEN ${array} END) WITH ORDINALITY AS x(e, o))`;

/** The export's columns: one per question, one per row of a matrix and per option graded. */
export function exportColumns(questions: Question[]): Column[] {
  const cols: Column[] = [];
  for (const q of questions) {
    const answer = (p: Params) => `(answers -> ${p.text(q.id)})`;
    const field = (key: string) => (p: Params) => `${answer(p)} ->> '${key}'`;
    switch (q.type) {
      case 'section':
        break;
      case 'short':
      case 'long':
        cols.push({ name: q.id, sql: field('text') });
        break;
      case 'single':
        cols.push({ name: q.id, sql: field('choice') });
        break;
      case 'multiple':
        cols.push({ name: q.id, sql: (p) => joined(`(${answer(p)} -> 'choices')`, '|') });
        break;
      case 'ranking':
        cols.push({ name: q.id, sql: (p) => joined(`(${answer(p)} -> 'order')`, '>') });
        break;
      case 'matrix_single':
      case 'matrix_multiple':
        for (const row of q.rows ?? [])
          cols.push({
            name: `${q.id}.${row.id}`,
            sql: (p) => {
              const v = `(${answer(p)} -> 'rows' -> ${p.text(row.id)})`;
              return `CASE jsonb_typeof(${v}) WHEN 'array' THEN ${joined(v, '|')} ELSE ${v} #>> '{}' END`;
            },
          });
        break;
      case 'grades':
        for (const option of q.options ?? [])
          cols.push({
            name: `${q.id}.${option.id}`,
            sql: (p) => `${answer(p)} -> 'grades' ->> ${p.text(option.id)}`,
          });
        break;
    }
    if (q.other) cols.push({ name: `${q.id}.other`, sql: field('other') });
  }
  return cols;
}

/**
 * One CSV field from a text column (as csvField in @palabre/service-kit):
 * empty for NULL, a formula-looking text defused by a leading quote, quoted
 * when it holds a quote, comma or line break (RFC 4180).
 */
export const csvFieldSql = (c: string) => {
  const defused = `CASE WHEN ${c} ~ '^[=+@\\t\\r-]' THEN '''' || ${c} ELSE ${c} END`;
  return `coalesce(CASE WHEN ${c} ~ '[",\\r\\n]' THEN '"' || replace(${defused}, '"', '""') || '"' ELSE ${defused} END, '')`;
};

const ISO_TIME = `to_char(answered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The header line of the CSV export. */
export const csvHeader = (columns: Column[]) => [
  'token',
  'answered_at',
  'locale',
  ...columns.map((c) => c.name),
];

/** What each answer becomes, and the columns it is made from. */
function exportItem(format: 'csv' | 'json', questions: Question[], p: Params) {
  let columns = `seq, encode(token, 'hex') AS token, ${ISO_TIME} AS answered_at, locale`;
  if (format === 'json') {
    columns += ', answers::text AS answers';
    const item = `'{"token":"' || token || '","answeredAt":"' || answered_at || '","locale":' || coalesce(to_json(locale)::text, 'null') || ',"answers":' || answers || '}'`;
    return { columns, item };
  }
  const cols = exportColumns(questions);
  columns += cols.map((c, i) => `, ${c.sql(p)} AS c${i}`).join('');
  const fields = ['token', 'answered_at', 'locale', ...cols.map((_, i) => `c${i}`)];
  return { columns, item: `${fields.map(csvFieldSql).join(` || ',' || `)} || E'\\r\\n'` };
}

/**
 * The query for one page of the export after `seq` $3, at most $4 answers:
 * one row `{ chunk, last }` (chunk NULL when none is left). CSV: the page's
 * lines, CRLF-terminated. JSON: the page's answers as objects separated by
 * commas, `{"token","answeredAt","locale","answers"}`.
 */
export function exportPageQuery(
  format: 'csv' | 'json',
  questions: Question[],
  organizationId: string,
  surveyId: string,
): { sql: string; params: (after: string, size: number) => unknown[] } {
  const p = new Params(false, organizationId, surveyId, '0', 0);
  const { columns, item } = exportItem(format, questions, p);
  const sql = `SELECT string_agg(${item}, '${format === 'csv' ? '' : ','}' ORDER BY seq) AS chunk, max(seq)::text AS last
    FROM (SELECT ${columns} FROM surveys.answers
           WHERE organization_id = $1 AND survey_id = $2 AND seq > $3 ORDER BY seq LIMIT $4) page`;
  const fixed = p.values.slice(4);
  return { sql, params: (after, size) => [organizationId, surveyId, after, size, ...fixed] };
}

/**
 * The whole export as one query of one text column for `copyTextOut`: each
 * answer's CSV line, or its JSON object preceded by a comma after the first.
 */
export function exportCopyQuery(
  format: 'csv' | 'json',
  questions: Question[],
  organizationId: string,
  surveyId: string,
): string {
  const p = new Params(true);
  const { columns, item } = exportItem(format, questions, p);
  const value =
    format === 'csv'
      ? item
      : `CASE WHEN row_number() OVER (ORDER BY seq) > 1 THEN ',' ELSE '' END || ${item}`;
  // OFFSET 0 keeps the columns computed once per answer (the planner would otherwise
  // pull the subquery up and repeat each column's expression wherever the line uses
  // it); the subquery's order (the index's) is the order of the lines.
  return `SELECT ${value} FROM (SELECT ${columns} FROM surveys.answers
           WHERE organization_id = ${p.text(organizationId)}::uuid AND survey_id = ${p.text(surveyId)}::uuid
           ORDER BY seq OFFSET 0) a`;
}
