/** One CSV field (RFC 4180), with formula-looking text defused for spreadsheets. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  if (/^[=+\-@\t\r]/.test(s) && typeof value === 'string') s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** One CSV line, CRLF-terminated (RFC 4180). */
export const csvLine = (values: unknown[]): string => `${values.map(csvField).join(',')}\r\n`;
