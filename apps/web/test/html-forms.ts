/**
 * A form of a page as a browser would send it, for the HTTP tests: its
 * controls in order with what the page shows (ticked boxes and radios, the
 * selected option, hidden fields), so that a test changes a few values and
 * sends the rest as they are.
 */
/** Field name → value, or values for a name the form repeats. */
export type FormFields = Record<string, string | string[]>;

function add(fields: FormFields, name: string, value: string): void {
  const had = fields[name];
  fields[name] = had === undefined ? value : [...(Array.isArray(had) ? had : [had]), value];
}

const decode = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([a-zA-Z][\w-]*)(?:="([^"]*)")?/g)) out[m[1]] = decode(m[2] ?? '');
  return out;
}

/** The fields form `id` of `markup` sends as the page shows it. */
export function formFields(markup: string, id: string): FormFields {
  const form = new RegExp(`<form\\b[^>]*\\bid="${id}"[^>]*>([\\s\\S]*?)</form>`).exec(markup);
  if (!form) throw new Error(`No form #${id} on the page`);
  const out: FormFields = {};
  const controls =
    /<input\b([^>]*)>|<select\b([^>]*)>([\s\S]*?)<\/select>|<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g;
  for (const m of form[1].matchAll(controls)) {
    if (m[1] !== undefined) {
      const a = attributes(m[1]);
      const type = a.type ?? 'text';
      if (!a.name || type === 'submit' || type === 'button') continue;
      if ((type === 'checkbox' || type === 'radio') && !('checked' in a)) continue;
      add(out, a.name, a.value ?? (type === 'checkbox' || type === 'radio' ? 'on' : ''));
    } else if (m[2] !== undefined) {
      const a = attributes(m[2]);
      const options = [...m[3].matchAll(/<option\b([^>]*)>/g)].map((o) => attributes(o[1]));
      const chosen = options.find((o) => 'selected' in o) ?? options[0];
      if (a.name && chosen) add(out, a.name, chosen.value ?? '');
    } else {
      const a = attributes(m[4]);
      if (a.name) add(out, a.name, decode(m[5]));
    }
  }
  return out;
}

/** The same fields with some changed: a string sets the field, null leaves it out (a box unticked). */
export function withFields(
  fields: FormFields,
  changes: Record<string, string | string[] | null>,
): FormFields {
  const out: FormFields = { ...fields };
  for (const [name, value] of Object.entries(changes))
    if (value === null) delete out[name];
    else out[name] = value;
  return out;
}
