import { pickText, type LocalizedText } from '@palabre/contracts';
import { html, type Html } from './html';
import type { I18n, MessageKey } from '../i18n/i18n';

export const USER_LINK_REL = 'nofollow noopener noreferrer ugc';

/** A link written by a user: never followed by search engines, always through the leaving page. */
export function userLink(url: string, text?: string): Html {
  return html`<a href="/leave?url=${encodeURIComponent(url)}" rel="${USER_LINK_REL}"
    >${text ?? url}</a
  >`;
}

const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/g;

/** User text: paragraphs, line breaks, and web addresses turned into user links. */
export function userText(text: string): Html {
  const linkify = (line: string): Html[] => {
    const parts: Html[] = [];
    let last = 0;
    for (const m of line.matchAll(URL_IN_TEXT)) {
      parts.push(html`${line.slice(last, m.index)}`, userLink(m[0]));
      last = (m.index ?? 0) + m[0].length;
    }
    parts.push(html`${line.slice(last)}`);
    return parts;
  };
  return html`${text
    .trim()
    .split(/\n\s*\n/)
    .map(
      (p) =>
        html`<p>
          ${p.split('\n').map((line, i) => (i === 0 ? linkify(line) : html`<br />${linkify(line)}`))}
        </p>`,
    )}`;
}

/**
 * A text an administrator wrote per language (ADR 0033): the page's language,
 * else the first language that has it, in an element marked with its `lang`
 * so that screen readers pronounce it (WCAG 3.1.2). Where no element may go
 * (an <option>, the page's <title>), use `pickText` and its `lang` directly.
 */
export function localText(locale: string, text: LocalizedText | null | undefined): Html | string {
  const picked = pickText(text, locale);
  return picked.lang && picked.lang !== locale
    ? html`<span lang="${picked.lang}">${picked.text}</span>`
    : picked.text;
}

/**
 * A long text an administrator wrote per language, paragraphs and links as
 * `userText` draws them: the page's language, else another one in a
 * <div lang> (ADR 0033); nothing when no language has it.
 */
export function localUserText(locale: string, text: LocalizedText | null | undefined): Html | '' {
  const picked = pickText(text, locale);
  if (!picked.lang) return '';
  return picked.lang === locale
    ? userText(picked.text)
    : html`<div lang="${picked.lang}">${userText(picked.text)}</div>`;
}

/**
 * A message whose placeholders named in `markup` take markup (a `localText`),
 * the others `params` as `t` does; the message itself is escaped.
 */
export function messageWith(
  i18n: I18n,
  key: MessageKey,
  params: Record<string, string | number>,
  markup: Record<string, Html | string>,
): Html {
  // Each markup placeholder becomes a marker (private-use characters), then its markup.
  const marked = Object.fromEntries(
    Object.keys(markup).map((name) => [name, `\uE000${name}\uE000`]),
  );
  const parts = i18n.t(key, { ...params, ...marked }).split(/\uE000(\w+)\uE000/);
  return html`${parts.map((part, i) => (i % 2 === 0 ? part : markup[part]))}`;
}

/** The official-style FranceConnect button (dark blue, logo, "S'identifier avec FranceConnect") and its help link. */
export function franceConnectButton(i18n: I18n, href: string): Html {
  return html`<div class="fc">
    <a class="fc-button" href="${href}"
      ><svg width="34" height="40" viewBox="0 0 34 40" aria-hidden="true" focusable="false">
        <path fill="#fff" d="M17 0 34 10v20L17 40 0 30V10z" />
        <path fill="#000091" d="M17 5 30 12.5v15L17 35 4 27.5v-15z" />
        <path fill="#e1000f" d="M17 13l6 3.5v7L17 27l-6-3.5v-7z" /></svg
      ><span>${i18n.t('fc.button')}</span></a
    >
    <a
      class="fc-what"
      href="https://franceconnect.gouv.fr/"
      target="_blank"
      rel="noopener"
      title="${i18n.t('fc.whatNewWindow')}"
      >${i18n.t('fc.what')}</a
    >
  </div>`;
}

export interface FieldError {
  field: string;
  message: string;
}

/** The error summary at the top of a form: focusable, each error linking to its field. */
export function errorSummary(i18n: I18n, errors: FieldError[]): Html | null {
  if (errors.length === 0) return null;
  return html`<div class="error-summary" role="alert" tabindex="-1" id="error-summary">
    <h2>${i18n.t('form.errorSummary', { count: errors.length })}</h2>
    <ul>
      ${errors.map((e) => html`<li><a href="#${e.field}">${e.message}</a></li>`)}
    </ul>
  </div>`;
}

/** A labelled input; its hint and error are tied to it with aria-describedby. */
export function textField(opts: {
  id: string;
  label: string;
  type?: 'text' | 'email' | 'password';
  value?: string;
  hint?: string;
  error?: string;
  autocomplete?: string;
  i18n: I18n;
}): Html {
  const described = [opts.hint && `${opts.id}-hint`, opts.error && `${opts.id}-error`]
    .filter(Boolean)
    .join(' ');
  return html`<div class="field">
    <label for="${opts.id}"
      >${opts.label}${opts.hint ? html`<span class="hint" id="${opts.id}-hint">${opts.hint}</span>` : ''}</label
    >
    ${opts.error ? html`<p class="field-error" id="${opts.id}-error">${opts.i18n.t('form.error', { message: opts.error })}</p>` : ''}
    <input
      id="${opts.id}"
      name="${opts.id}"
      type="${opts.type ?? 'text'}"
      value="${opts.value ?? ''}"
      required
      ${opts.autocomplete ? html`autocomplete="${opts.autocomplete}"` : ''}
      ${described ? html`aria-describedby="${described}"` : ''}
      ${opts.error ? html`aria-invalid="true"` : ''}
    />
  </div>`;
}
