/**
 * A tiny auto-escaping HTML template layer: `html` is a tagged template whose
 * interpolations are escaped unless they are themselves `Html` (built by
 * `html` or, knowingly, by `unsafeRaw`). Arrays are joined; null, undefined
 * and false render nothing. No client code, no dependency: pages are strings.
 */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type Renderable = Html | string | number | null | undefined | false | Renderable[];

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);

function render(value: Renderable): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Renderable[]): Html {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
  return new Html(out);
}

/** Markup that is already safe (our own constants, never user input). */
export const unsafeRaw = (markup: string): Html => new Html(markup);

/** Plain text with paragraphs: blank lines split paragraphs, single newlines become <br>. */
export function paragraphs(text: string): Html {
  return html`${text
    .trim()
    .split(/\n\s*\n/)
    .map(
      (p) => html`<p>${p.split('\n').map((line, i) => (i === 0 ? line : html`<br />${line}`))}</p>`,
    )}`;
}
