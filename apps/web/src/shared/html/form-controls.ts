/**
 * Form controls of the back-office and author pages, in the pattern of
 * `textField` (components.ts): a visible label, the hint and the error tied to
 * the control with aria-describedby, aria-invalid on error. A group of radios
 * or checkboxes is a fieldset with its legend. The error summary links to
 * `#<id>`, so a field's error is keyed by the id of the control to focus
 * (the first radio of a group carries the group's name as its id).
 */
import { TEXT_LANGUAGES } from '@palabre/contracts';
import { html, unsafeRaw, type Html } from './html';
import type { FieldError } from './components';
import type { I18n } from '../i18n/i18n';
import { textId, type TextValues } from '../forms/form-read';

/** Controls the shared stylesheet does not size yet: they never overflow a 360 px screen. */
const WIDE = unsafeRaw(
  'style="font:inherit;width:100%;max-width:40rem;padding:.45rem .5rem;border:1px solid #555;border-radius:.2rem;background:#fff;color:#1e1e1e"',
);
const NARROW = unsafeRaw(
  'style="font:inherit;width:100%;max-width:12rem;padding:.45rem .5rem;border:1px solid #555;border-radius:.2rem;background:#fff;color:#1e1e1e"',
);
const MEDIUM = unsafeRaw(
  'style="font:inherit;width:100%;max-width:16rem;padding:.45rem .5rem;border:1px solid #555;border-radius:.2rem;background:#fff;color:#1e1e1e"',
);
const INVALID_BORDER = unsafeRaw('style="border:2px solid #b00020"');
const CHOICE = unsafeRaw('style="display:flex;gap:.5rem;align-items:flex-start;margin:.4rem 0"');
const CHOICE_LABEL = unsafeRaw('style="margin:0;font-weight:400"');
const CHOICE_INPUT = unsafeRaw('style="width:1.25rem;height:1.25rem;margin:.2rem 0 0;flex:none"');

/** The message of one field, or undefined. */
export const errorOf = (errors: FieldError[], field: string): string | undefined =>
  errors.find((e) => e.field === field)?.message;

const describedBy = (id: string, hint?: string, error?: string) => {
  const ids = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ');
  return ids ? html`aria-describedby="${ids}"` : '';
};

const errorLine = (i18n: I18n, id: string, error?: string) =>
  error
    ? html`<p class="field-error" id="${id}-error">${i18n.t('form.error', { message: error })}</p>`
    : '';

const labelFor = (id: string, label: Html | string, hint?: string) =>
  html`<label for="${id}"
    >${label}${hint ? html`<span class="hint" id="${id}-hint">${hint}</span>` : ''}</label
  >`;

export interface ControlOptions {
  id: string;
  /** Markup where it holds a text in another language (`localText`). */
  label: Html | string;
  value?: string;
  hint?: string;
  error?: string;
  required?: boolean;
  /** The language of what is typed, when it is not the page's (a text written per language). */
  lang?: string;
  i18n: I18n;
}

/**
 * A one-line input: text, a web address, an email address, a date, a date
 * and time (`datetime-local`: a wall-clock time, no zone), a whole number
 * (text with a numeric keyboard), or a password (never shown back: give no value).
 */
export function inputField(
  opts: ControlOptions & {
    kind?: 'text' | 'url' | 'email' | 'date' | 'datetime-local' | 'integer' | 'password';
    maxlength?: number;
    autocomplete?: string;
  },
): Html {
  const kind = opts.kind ?? 'text';
  const type = kind === 'integer' ? 'text' : kind;
  return html`<div class="field">
    ${labelFor(opts.id, opts.label, opts.hint)} ${errorLine(opts.i18n, opts.id, opts.error)}
    <input
      id="${opts.id}"
      name="${opts.id}"
      type="${type}"
      value="${opts.value ?? ''}"
      ${kind === 'integer' ? html`inputmode="numeric"` : ''}
      ${opts.maxlength ? html`maxlength="${opts.maxlength}"` : ''}
      ${opts.required ? html`required` : ''}
      ${opts.lang ? html`lang="${opts.lang}"` : ''}
      ${html`autocomplete="${opts.autocomplete ?? 'off'}"`}
      ${describedBy(opts.id, opts.hint, opts.error)}
      ${opts.error ? html`aria-invalid="true"` : ''}
      ${kind === 'integer' || kind === 'date' ? NARROW : kind === 'datetime-local' ? MEDIUM : WIDE}
    />
  </div>`;
}

/** One choice from a list too long for radios (the spaces of an organization). */
export function selectField(opts: ControlOptions & { choices: Choice[] }): Html {
  return html`<div class="field">
    ${labelFor(opts.id, opts.label, opts.hint)} ${errorLine(opts.i18n, opts.id, opts.error)}
    <select
      id="${opts.id}"
      name="${opts.id}"
      ${describedBy(opts.id, opts.hint, opts.error)}
      ${opts.error ? html`aria-invalid="true"` : ''}
      ${WIDE}
    >
      ${opts.choices.map(
        (c) =>
          html`<option value="${c.value}"${c.lang ? html` lang="${c.lang}"` : ''} ${opts.value === c.value ? html`selected` : ''}>
            ${c.label}
          </option>`,
      )}
    </select>
  </div>`;
}

/** A multi-line text. */
export function textArea(opts: ControlOptions & { rows?: number; maxlength?: number }): Html {
  return html`<div class="field">
    ${labelFor(opts.id, opts.label, opts.hint)} ${errorLine(opts.i18n, opts.id, opts.error)}
    <textarea
      id="${opts.id}"
      name="${opts.id}"
      rows="${opts.rows ?? 6}"
      ${opts.maxlength ? html`maxlength="${opts.maxlength}"` : ''}
      ${opts.required ? html`required` : ''}
      ${opts.lang ? html`lang="${opts.lang}"` : ''}
      ${describedBy(opts.id, opts.hint, opts.error)}
      ${opts.error ? html`aria-invalid="true"` : ''}
      ${WIDE}
    >
${opts.value ?? ''}</textarea
    >
  </div>`;
}

export interface Choice {
  value: string;
  label: string;
  /** The label's language, when it is not the page's (a text shown in another language). */
  lang?: string;
  hint?: Html | string;
}

/**
 * One text an administrator writes per language (ADR 0033): a fieldset, its
 * legend, a control per language, each with its own id (`<id>-fr`,
 * `<id>-en`) and its own error.
 */
export function textPerLanguage(opts: {
  id: string;
  legend: string;
  hint?: string;
  values: TextValues;
  errors: FieldError[];
  maxlength: number;
  /** Rows of a long text; a one-line input without. */
  rows?: number;
  i18n: I18n;
}): Html {
  const { i18n } = opts;
  return html`<fieldset>
    <legend>${opts.legend}</legend>
    ${opts.hint ? html`<p class="hint">${opts.hint}</p>` : ''}
    ${TEXT_LANGUAGES.map((lang) => {
      const control = {
        id: textId(opts.id, lang),
        label: i18n.t(`form.in.${lang}`),
        value: opts.values[lang],
        maxlength: opts.maxlength,
        error: errorOf(opts.errors, textId(opts.id, lang)),
        lang,
        i18n,
      };
      return opts.rows ? textArea({ ...control, rows: opts.rows }) : inputField(control);
    })}
  </fieldset>`;
}

/** One choice among several: a fieldset, its legend, a radio per choice. */
export function radioGroup(opts: {
  name: string;
  legend: Html | string;
  choices: Choice[];
  value?: string;
  hint?: string;
  error?: string;
  i18n: I18n;
}): Html {
  const { name } = opts;
  return html`<fieldset
    ${describedBy(name, opts.hint, opts.error)}
    ${opts.error ? INVALID_BORDER : ''}
  >
    <legend>${opts.legend}</legend>
    ${opts.hint ? html`<p class="hint" id="${name}-hint">${opts.hint}</p>` : ''}
    ${errorLine(opts.i18n, name, opts.error)}
    ${opts.choices.map((c, i) => {
      const id = i === 0 ? name : `${name}-${i}`;
      return html`<div ${CHOICE}>
        <input
          type="radio"
          id="${id}"
          name="${name}"
          value="${c.value}"
          ${opts.value === c.value ? html`checked` : ''}
          ${c.hint ? html`aria-describedby="${id}-hint"` : ''}
          ${CHOICE_INPUT}
        />
        <label for="${id}" ${CHOICE_LABEL}
          >${c.lang ? html`<span lang="${c.lang}">${c.label}</span>` : c.label}${c.hint ? html`<span class="hint" id="${id}-hint">${c.hint}</span>` : ''}</label
        >
      </div>`;
    })}
  </fieldset>`;
}

/**
 * Several choices among a list: a fieldset, its legend, a checkbox per
 * choice, all posted under `name` (a field given twice arrives as an array).
 * The first box carries the group's name as its id, as radios do.
 */
export function checkboxGroup(opts: {
  name: string;
  legend: Html | string;
  choices: Choice[];
  values: string[];
  hint?: string;
  error?: string;
  i18n: I18n;
}): Html {
  const { name } = opts;
  return html`<fieldset
    ${describedBy(name, opts.hint, opts.error)}
    ${opts.error ? INVALID_BORDER : ''}
  >
    <legend>${opts.legend}</legend>
    ${opts.hint ? html`<p class="hint" id="${name}-hint">${opts.hint}</p>` : ''}
    ${errorLine(opts.i18n, name, opts.error)}
    ${opts.choices.map((c, i) => {
      const id = i === 0 ? name : `${name}-${i}`;
      return html`<div ${CHOICE}>
        <input
          type="checkbox"
          id="${id}"
          name="${name}"
          value="${c.value}"
          ${opts.values.includes(c.value) ? html`checked` : ''}
          ${c.hint ? html`aria-describedby="${id}-hint"` : ''}
          ${CHOICE_INPUT}
        />
        <label for="${id}" ${CHOICE_LABEL}
          >${c.lang ? html`<span lang="${c.lang}">${c.label}</span>` : c.label}${c.hint ? html`<span class="hint" id="${id}-hint">${c.hint}</span>` : ''}</label
        >
      </div>`;
    })}
  </fieldset>`;
}

/** A yes/no question as one checkbox (sent as "true" when ticked). */
export function checkbox(opts: {
  id: string;
  label: Html | string;
  checked: boolean;
  hint?: string;
  error?: string;
  i18n: I18n;
}): Html {
  return html`<div class="field">
    ${errorLine(opts.i18n, opts.id, opts.error)}
    <div ${CHOICE}>
      <input
        type="checkbox"
        id="${opts.id}"
        name="${opts.id}"
        value="true"
        ${opts.checked ? html`checked` : ''}
        ${describedBy(opts.id, opts.hint, opts.error)}
        ${opts.error ? html`aria-invalid="true"` : ''}
        ${CHOICE_INPUT}
      />
      <label for="${opts.id}" ${CHOICE_LABEL}
        >${opts.label}${opts.hint ? html`<span class="hint" id="${opts.id}-hint">${opts.hint}</span>` : ''}</label
      >
    </div>
  </div>`;
}

/**
 * A data table: a real table for assistive technology and, below 40rem, rows
 * stacked as blocks, each cell preceded by its column's name (`data-label`,
 * drawn by the stylesheet's `table.stacked`), instead of a box that scrolls
 * sideways and hides columns on a phone. The roles are spelled out because
 * some browsers drop a table's semantics once its parts are no longer
 * displayed as a table. `rowHeader`: the column that names each row.
 */
export function stackedTable(
  caption: Html | string,
  head: string[],
  rows: Renderable2D,
  opts: { captionHidden?: boolean; rowHeader?: number } = {},
): Html {
  return html`<table class="stacked" role="table">
    <caption ${opts.captionHidden ? html`class="visually-hidden"` : ''}>${caption}</caption>
    <thead role="rowgroup">
      <tr role="row">
        ${head.map((h) => html`<th scope="col" role="columnheader">${h}</th>`)}
      </tr>
    </thead>
    <tbody role="rowgroup">
      ${rows.map(
        (r) =>
          html`<tr role="row">
            ${r.map((c, i) =>
              i === opts.rowHeader
                ? html`<th scope="row" role="rowheader" data-label="${head[i] ?? ''}">${c}</th>`
                : html`<td role="cell" data-label="${head[i] ?? ''}">${c}</td>`,
            )}
          </tr>`,
      )}
    </tbody>
  </table>`;
}

type Renderable2D = (Html | string | number)[][];

/** A form value as trimmed text ('' when absent or not text). */
export function formText(body: Record<string, unknown>, name: string): string {
  const v = body[name];
  return typeof v === 'string' ? v.replace(/\r\n/g, '\n').trim() : '';
}

/** "100 000", "100 000", "100000" → 100000; null when not a whole number. */
export function parseInteger(text: string): number | null {
  const compact = text.replace(/[\s\u00a0\u202f.,](?=\d{3}(\D|$))/g, '').trim();
  return /^[-−]?\d{1,12}$/.test(compact) ? Number(compact.replace('−', '-')) : null;
}
