/**
 * The administrators' newsletter pages: the list with each newsletter's
 * history, the compose form (per language a subject, a preheader and blocks
 * added, removed and moved by buttons that need no script; the audience and
 * its count), a newsletter's page (its preview in a sandboxed frame and as
 * text, a test to oneself, sending now or at a date, stopping) and the
 * sending settings.
 */
import { errorSummary, type FieldError } from '../../shared/html/components';
import {
  checkbox,
  checkboxGroup,
  errorOf,
  inputField,
  radioGroup,
  stackedTable,
  textArea,
  type Choice,
} from '../../shared/html/form-controls';
import { html, unsafeRaw, type Html } from '../../shared/html/html';
import { doneNotice, formNotice } from '../../shared/forms/form-notices';
import type { MessageKey } from '../../shared/i18n/i18n';
import type { PageContext } from '../../shared/layout/page-context';
import {
  NEWSLETTER_LANGS,
  type AudienceKind,
  type NewsletterLanguage,
  type NewsletterPreviewView,
  type NewsletterState,
  type NewsletterView,
} from '../newsletters.api';
import {
  BLOCK_KINDS,
  BLOCK_PARTS,
  LIMITS,
  SPACES_FIELD,
  blockId,
  blocksIn,
  langId,
  type BlockKind,
  type Values,
} from './newsletter-form';

export const ADMIN_NEWSLETTERS = '/admin/newsletters';
export const newsletterPath = (id: string) => `${ADMIN_NEWSLETTERS}/${id}`;
export const previewPath = (id: string, lang: NewsletterLanguage) =>
  `${newsletterPath(id)}/preview/${lang}`;
export const SETTINGS_PATH = `${ADMIN_NEWSLETTERS}/settings`;

/** A form as it comes back: what was typed, its errors, a refusal that belongs to no one field. */
export interface Form {
  values: Values;
  errors: FieldError[];
  notice?: string | null;
}
export const EMPTY: Form = { values: {}, errors: [] };

/** A space the audience may name, as the spaces API lists it. */
export interface SpaceChoice {
  id: string;
  title: string;
  /** The title's language, when it is not the page's. */
  lang?: string;
  private: boolean;
}

const STATE_KEYS: Record<NewsletterState, MessageKey> = {
  draft: 'newsletterAdmin.state.draft',
  scheduled: 'newsletterAdmin.state.scheduled',
  sending: 'newsletterAdmin.state.sending',
  sent: 'newsletterAdmin.state.sent',
  stopped: 'newsletterAdmin.state.stopped',
};

const AUDIENCE_KEYS: Record<AudienceKind, MessageKey> = {
  all: 'newsletterAdmin.audience.all',
  participants: 'newsletterAdmin.audience.participants',
  members: 'newsletterAdmin.audience.members',
};

const KIND_KEYS: Record<BlockKind, MessageKey> = {
  text: 'newsletterAdmin.block.text',
  image: 'newsletterAdmin.block.image',
  button: 'newsletterAdmin.block.button',
};

const ADD_KEYS: Record<BlockKind, MessageKey> = {
  text: 'newsletterAdmin.block.addText',
  image: 'newsletterAdmin.block.addImage',
  button: 'newsletterAdmin.block.addButton',
};

const PART_KEYS: Record<string, MessageKey> = {
  text: 'newsletterAdmin.block.textLabel',
  url: 'newsletterAdmin.block.url',
  alt: 'newsletterAdmin.block.alt',
  width: 'newsletterAdmin.block.width',
  label: 'newsletterAdmin.block.label',
};

const LANG_KEYS: Record<NewsletterLanguage, MessageKey> = {
  fr: 'newsletterAdmin.lang.fr',
  en: 'newsletterAdmin.lang.en',
};

/** The subject in the page's language, else in the first language written, marked with its `lang`. */
export function subjectOf(ctx: PageContext, n: NewsletterView): Html | string {
  const own = n.contents[ctx.locale as NewsletterLanguage];
  if (own) return own.subject;
  const lang = NEWSLETTER_LANGS.find((l) => n.contents[l]);
  return lang ? html`<span lang="${lang}">${n.contents[lang]?.subject}</span>` : '';
}

/** The same as plain text (a page title). */
export const subjectText = (ctx: PageContext, n: NewsletterView): string =>
  (
    n.contents[ctx.locale as NewsletterLanguage] ??
    NEWSLETTER_LANGS.map((l) => n.contents[l]).find(Boolean)
  )?.subject ?? '';

const stateTag = (ctx: PageContext, state: NewsletterState) =>
  html`<span class="tag">${ctx.t(STATE_KEYS[state])}</span>`;

const back = (href: string, label: string) => html`<p><a href="${href}">← ${label}</a></p>`;

/** The dates of a newsletter that are known, one per line. */
function datesOf(ctx: PageContext, n: NewsletterView): Html {
  const { t, i18n } = ctx;
  const lines: string[] = [t('newsletterAdmin.date.created', { date: i18n.dateTime(n.createdAt) })];
  if (n.scheduledAt && n.state === 'scheduled')
    lines.push(t('newsletterAdmin.date.scheduled', { date: i18n.dateTime(n.scheduledAt) }));
  if (n.startedAt)
    lines.push(t('newsletterAdmin.date.started', { date: i18n.dateTime(n.startedAt) }));
  if (n.finishedAt)
    lines.push(t('newsletterAdmin.date.finished', { date: i18n.dateTime(n.finishedAt) }));
  return html`${lines.map((l, i) => (i === 0 ? html`${l}` : html`<br />${l}`))}`;
}

// --- the list --------------------------------------------------------------------

const HISTORY = [
  'recipients',
  'sent',
  'failed',
  'skipped',
  'pending',
  'unsubscribedSince',
] as const;
const HISTORY_KEYS: Record<(typeof HISTORY)[number], MessageKey> = {
  recipients: 'newsletterAdmin.history.recipients',
  sent: 'newsletterAdmin.history.sent',
  failed: 'newsletterAdmin.history.failed',
  skipped: 'newsletterAdmin.history.skipped',
  pending: 'newsletterAdmin.history.pending',
  unsubscribedSince: 'newsletterAdmin.history.unsubscribedSince',
};

export function listPage(ctx: PageContext, items: NewsletterView[], done: string | null): Html {
  const { t, i18n } = ctx;
  return html`${back('/admin', t('admin.home.title'))}
    <h1>${t('newsletterAdmin.list.title')}</h1>
    ${doneNotice(done)}
    <p>${t('newsletterAdmin.list.intro')}</p>
    <p>
      <a class="button" href="${ADMIN_NEWSLETTERS}/new">${t('newsletterAdmin.new')}</a>
      <a class="button secondary" href="${SETTINGS_PATH}">${t('newsletterAdmin.settings.title')}</a>
    </p>
    ${
      items.length === 0
        ? html`<p>${t('newsletterAdmin.list.none')}</p>`
        : stackedTable(
            t('newsletterAdmin.list.caption'),
            [
              t('newsletterAdmin.table.subject'),
              t('newsletterAdmin.table.state'),
              t('newsletterAdmin.table.dates'),
              ...HISTORY.map((h) => t(HISTORY_KEYS[h])),
            ],
            items.map((n) => [
              html`<a href="${newsletterPath(n.id)}">${subjectOf(ctx, n)}</a>`,
              stateTag(ctx, n.state),
              datesOf(ctx, n),
              ...HISTORY.map((h) => (n.state === 'draft' ? '—' : i18n.number(n.history[h]))),
            ]),
            { captionHidden: true, rowHeader: 0 },
          )
    }`;
}

// --- the compose form -------------------------------------------------------------

/** Controls side by side where the screen is wide enough, one under the other on a phone. */
const ROW_GRID = unsafeRaw(
  'style="display:grid;grid-template-columns:repeat(auto-fit,minmax(14rem,1fr));gap:0 1rem"',
);
const BUTTONS = unsafeRaw('style="display:flex;flex-wrap:wrap;gap:.5rem;margin:.5rem 0"');

function blockFields(
  ctx: PageContext,
  form: Form,
  lang: NewsletterLanguage,
  row: number,
  kind: BlockKind,
): Html {
  const { t, i18n } = ctx;
  const control = (part: string) => {
    const id = blockId(lang, row, part);
    const common = {
      id,
      label: t(PART_KEYS[part]),
      value: form.values[id],
      error: errorOf(form.errors, id),
      i18n,
    };
    if (part === 'text')
      return textArea({
        ...common,
        hint: t('newsletterAdmin.block.textHint'),
        rows: 6,
        maxlength: LIMITS.text,
        lang,
      });
    if (part === 'url')
      return inputField({
        ...common,
        kind: 'url',
        hint: t('newsletterAdmin.block.urlHint'),
        maxlength: LIMITS.url,
      });
    if (part === 'width')
      return inputField({
        ...common,
        kind: 'integer',
        hint: t('newsletterAdmin.block.widthHint', { max: LIMITS.width }),
      });
    return inputField({
      ...common,
      ...(part === 'alt' ? { hint: t('newsletterAdmin.block.altHint') } : {}),
      maxlength: part === 'alt' ? LIMITS.alt : LIMITS.label,
      lang,
    });
  };
  return html`<input type="hidden" name="${blockId(lang, row, 'kind')}" value="${kind}" />
    <div ${kind === 'text' ? '' : ROW_GRID}>${BLOCK_PARTS[kind].map(control)}</div>`;
}

/** One language of the newsletter: its subject, preheader and blocks, with the buttons that change them. */
function languagePart(ctx: PageContext, form: Form, lang: NewsletterLanguage, isDefault: boolean) {
  const { t, i18n } = ctx;
  const blocks = blocksIn(form.values, lang);
  const blocksError = errorOf(form.errors, langId(lang, 'blocks'));
  const button = (op: string, label: string, context: string, secondary = true) =>
    html`<button type="submit" class="button${secondary ? ' secondary' : ''}" name="op" value="${op}">
      ${label}<span class="visually-hidden"> — ${context}</span>
    </button>`;
  const langName = t(LANG_KEYS[lang]);
  return html`<section aria-labelledby="${lang}-title">
    <h2 id="${lang}-title">${t('newsletterAdmin.form.inLang', { lang: langName })}</h2>
    <p class="hint">
      ${isDefault ? t('newsletterAdmin.form.defaultLang') : t('newsletterAdmin.form.otherLang')}
    </p>
    ${inputField({ id: langId(lang, 'subject'), label: t('newsletterAdmin.form.subject'), value: form.values[langId(lang, 'subject')], maxlength: LIMITS.subject, required: isDefault, lang, error: errorOf(form.errors, langId(lang, 'subject')), i18n })}
    ${inputField({ id: langId(lang, 'preheader'), label: t('newsletterAdmin.form.preheader'), hint: t('newsletterAdmin.form.preheaderHint'), value: form.values[langId(lang, 'preheader')], maxlength: LIMITS.preheader, lang, error: errorOf(form.errors, langId(lang, 'preheader')), i18n })}
    <fieldset id="${langId(lang, 'blocks')}" tabindex="-1">
      <legend>${t('newsletterAdmin.form.blocks', { lang: langName })}</legend>
      ${blocksError ? html`<p class="field-error" id="${langId(lang, 'blocks')}-error">${i18n.t('form.error', { message: blocksError })}</p>` : ''}
      ${
        blocks.length === 0
          ? html`<p>${t('newsletterAdmin.form.noBlocks')}</p>`
          : html`<ol style="padding-left:1.25rem">
              ${blocks.map((b, row) => {
                const name = t('newsletterAdmin.block.name', {
                  n: row + 1,
                  kind: t(KIND_KEYS[b.kind]),
                  lang: langName,
                });
                return html`<li>
                  <fieldset>
                    <legend>${name}</legend>
                    ${blockFields(ctx, form, lang, row, b.kind)}
                    <div ${BUTTONS}>
                      ${row > 0 ? button(`up-${lang}-${row}`, t('newsletterAdmin.block.up'), name) : ''}
                      ${row < blocks.length - 1 ? button(`down-${lang}-${row}`, t('newsletterAdmin.block.down'), name) : ''}
                      ${button(`remove-${lang}-${row}`, t('newsletterAdmin.block.remove'), name)}
                    </div>
                  </fieldset>
                </li>`;
              })}
            </ol>`
      }
      ${
        blocks.length < LIMITS.blocks
          ? html`<div ${BUTTONS}>
              ${BLOCK_KINDS.map((k) => button(`add-${k}-${lang}`, t(ADD_KEYS[k]), langName))}
            </div>`
          : html`<p class="hint">${t('newsletterAdmin.form.maxBlocks', { max: LIMITS.blocks })}</p>`
      }
    </fieldset>
  </section>`;
}

/** A group of boxes, or a line that says there is nothing to choose (holding the id errors link to). */
function spacesGroup(
  ctx: PageContext,
  form: Form,
  name: string,
  legend: string,
  hint: string,
  spaces: SpaceChoice[],
  none: string,
): Html {
  const choices: Choice[] = spaces.map((s) => ({
    value: s.id,
    label: s.title,
    ...(s.lang ? { lang: s.lang } : {}),
  }));
  const error = errorOf(form.errors, name);
  if (choices.length === 0)
    return html`<fieldset>
      <legend>${legend}</legend>
      ${error ? html`<p class="field-error" id="${name}-error">${ctx.t('form.error', { message: error })}</p>` : ''}
      <p id="${name}" tabindex="-1">${none}</p>
    </fieldset>`;
  return checkboxGroup({
    name,
    legend,
    hint,
    choices,
    values: (form.values[name] ?? '').split(',').filter(Boolean),
    error,
    i18n: ctx.i18n,
  });
}

export interface ComposeOptions {
  action: string;
  form: Form;
  spaces: SpaceChoice[];
  defaultLang: NewsletterLanguage;
  /** How many the audience reaches now, after "count the recipients". */
  count?: number | null;
  submit: string;
}

function composeForm(ctx: PageContext, o: ComposeOptions): Html {
  const { t, i18n } = ctx;
  const { form } = o;
  const langs = [o.defaultLang, ...NEWSLETTER_LANGS.filter((l) => l !== o.defaultLang)];
  const save = html`<button class="button" type="submit" name="op" value="save">${o.submit}</button>`;
  return html`${errorSummary(i18n, form.errors)} ${formNotice(form.notice)}
    <form method="post" action="${o.action}" novalidate id="newsletter-form">
      <p class="hint">${t('newsletterAdmin.form.saveHint')}</p>
      <p>${save}</p>
      ${langs.map((lang) => languagePart(ctx, form, lang, lang === o.defaultLang))}
      <section aria-labelledby="audience-title">
        <h2 id="audience-title">${t('newsletterAdmin.form.audience')}</h2>
        ${radioGroup({
          name: 'audience',
          legend: t('newsletterAdmin.form.audienceLegend'),
          value: form.values.audience || 'all',
          error: errorOf(form.errors, 'audience'),
          i18n,
          choices: (['all', 'participants', 'members'] as const).map((k) => ({
            value: k,
            label: t(AUDIENCE_KEYS[k]),
            hint: t(`newsletterAdmin.audience.${k}Hint`),
          })),
        })}
        ${spacesGroup(ctx, form, SPACES_FIELD.participants, t('newsletterAdmin.form.participantSpaces'), t('newsletterAdmin.form.participantSpacesHint'), o.spaces, t('newsletterAdmin.form.noSpaces'))}
        ${spacesGroup(
          ctx,
          form,
          SPACES_FIELD.members,
          t('newsletterAdmin.form.memberSpaces'),
          t('newsletterAdmin.form.memberSpacesHint'),
          o.spaces.filter((s) => s.private),
          t('newsletterAdmin.form.noPrivateSpaces'),
        )}
        <p>
          <button class="button secondary" type="submit" name="op" value="count">
            ${t('newsletterAdmin.form.count')}
          </button>
        </p>
        ${
          o.count === undefined || o.count === null
            ? ''
            : html`<div class="notice" role="status">
                <p>${i18n.plural('newsletterAdmin.count', o.count)}</p>
              </div>`
        }
      </section>
      <p>${save}</p>
    </form>`;
}

export function newPage(ctx: PageContext, o: ComposeOptions): Html {
  return html`${back(ADMIN_NEWSLETTERS, ctx.t('newsletterAdmin.list.title'))}
    <h1>${ctx.t('newsletterAdmin.new')}</h1>
    <p>${ctx.t('newsletterAdmin.form.draftFirst')}</p>
    ${composeForm(ctx, o)}`;
}

export function editPage(ctx: PageContext, n: NewsletterView, o: ComposeOptions): Html {
  return html`${back(newsletterPath(n.id), subjectText(ctx, n))}
    <h1>${ctx.t('newsletterAdmin.editTitle', { subject: subjectText(ctx, n) })}</h1>
    ${composeForm(ctx, o)}`;
}

// --- a newsletter's page ------------------------------------------------------------

export interface DetailForms {
  send: Form;
  test: Form;
  stop: Form;
  remove: Form;
}

export interface DetailOptions {
  /** How many it would reach if sent now (drafts and scheduled ones). */
  recipients: number | null;
  preview: NewsletterPreviewView;
  forms: DetailForms;
  done: string | null;
  spaces: SpaceChoice[];
}

function audienceText(ctx: PageContext, n: NewsletterView, spaces: SpaceChoice[]): Html {
  const { t } = ctx;
  if (n.audience.kind === 'all') return html`${t(AUDIENCE_KEYS.all)}`;
  const names = n.audience.spaceIds.map((id) => {
    const s = spaces.find((x) => x.id === id);
    return s
      ? s.lang
        ? html`<span lang="${s.lang}">${s.title}</span>`
        : html`${s.title}`
      : html`${t('newsletterAdmin.unknownSpace')}`;
  });
  return html`${t(AUDIENCE_KEYS[n.audience.kind])} :
    ${names.map((x, i) => (i === 0 ? x : html`, ${x}`))}`;
}

function historyTable(ctx: PageContext, n: NewsletterView): Html {
  const { t, i18n } = ctx;
  return stackedTable(
    t('newsletterAdmin.history.title'),
    HISTORY.map((h) => t(HISTORY_KEYS[h])),
    [HISTORY.map((h) => i18n.number(n.history[h]))],
    { captionHidden: true },
  );
}

function previewPart(ctx: PageContext, n: NewsletterView, p: NewsletterPreviewView): Html {
  const { t } = ctx;
  const langs = NEWSLETTER_LANGS.filter((l) => n.contents[l]);
  const langName = t(LANG_KEYS[p.lang]);
  return html`<section aria-labelledby="preview-title">
    <h2 id="preview-title">${t('newsletterAdmin.preview.title')}</h2>
    ${
      langs.length > 1
        ? html`<nav aria-label="${t('newsletterAdmin.preview.langs')}">
            <ul>
              ${langs.map((l) =>
                l === p.lang
                  ? html`<li><span aria-current="true"><strong>${t(LANG_KEYS[l])}</strong></span></li>`
                  : html`<li><a href="${newsletterPath(n.id)}?preview=${l}#preview-title">${t(LANG_KEYS[l])}</a></li>`,
              )}
            </ul>
          </nav>`
        : ''
    }
    <p>${t('newsletterAdmin.preview.subject')} <strong lang="${p.lang}">${p.subject}</strong></p>
    <iframe
      src="${previewPath(n.id, p.lang)}"
      sandbox=""
      title="${t('newsletterAdmin.preview.frame', { lang: langName })}"
      style="width:100%;max-width:42rem;height:36rem;border:1px solid #555;background:#fff"
    ></iframe>
    <details>
      <summary>${t('newsletterAdmin.preview.text', { lang: langName })}</summary>
      <pre lang="${p.lang}" style="white-space:pre-wrap;overflow-wrap:anywhere;font:inherit">${p.text}</pre>
    </details>
  </section>`;
}

function testForm(ctx: PageContext, n: NewsletterView, lang: NewsletterLanguage, form: Form): Html {
  const { t } = ctx;
  const email = ctx.me?.kind === 'account' ? ctx.me.email : '';
  return html`${formNotice(form.notice)}
    <form method="post" action="${newsletterPath(n.id)}/test" id="test-form">
      <input type="hidden" name="lang" value="${lang}" />
      <p>${t('newsletterAdmin.test.text', { email, lang: t(LANG_KEYS[lang]) })}</p>
      <p><button class="button secondary" type="submit">${t('newsletterAdmin.test.submit')}</button></p>
    </form>`;
}

function sendForm(ctx: PageContext, n: NewsletterView, form: Form): Html {
  const { t, i18n } = ctx;
  return html`${errorSummary(i18n, form.errors)} ${formNotice(form.notice)}
    <form method="post" action="${newsletterPath(n.id)}/send" novalidate id="send-form">
      ${radioGroup({
        name: 'when',
        legend: t('newsletterAdmin.send.when'),
        value: form.values.when || 'now',
        i18n,
        choices: [
          { value: 'now', label: t('newsletterAdmin.send.now') },
          { value: 'later', label: t('newsletterAdmin.send.later') },
        ],
      })}
      ${inputField({ id: 'at', label: t('newsletterAdmin.send.at'), hint: t('newsletterAdmin.send.atHint'), kind: 'datetime-local', value: form.values.at, error: errorOf(form.errors, 'at'), i18n })}
      <p><button class="button" type="submit">${t('newsletterAdmin.send.submit')}</button></p>
    </form>`;
}

function stopForm(ctx: PageContext, n: NewsletterView, form: Form): Html {
  const { t } = ctx;
  return html`${formNotice(form.notice)}
    <form method="post" action="${newsletterPath(n.id)}/stop" id="stop-form">
      <p>${t(n.state === 'scheduled' ? 'newsletterAdmin.stop.scheduledText' : 'newsletterAdmin.stop.sendingText')}</p>
      <p>
        <button class="button secondary" type="submit">
          ${t(n.state === 'scheduled' ? 'newsletterAdmin.stop.unschedule' : 'newsletterAdmin.stop.submit')}
        </button>
      </p>
    </form>`;
}

export function detailPage(ctx: PageContext, n: NewsletterView, o: DetailOptions): Html {
  const { t, i18n } = ctx;
  const { forms } = o;
  const draft = n.state === 'draft';
  const stoppable = n.state === 'scheduled' || n.state === 'sending';
  // A refusal of a form this state no longer shows (sent meanwhile) is said at the top.
  const orphan = [
    draft ? null : forms.send.notice,
    draft ? null : forms.remove.notice,
    stoppable ? null : forms.stop.notice,
  ].find(Boolean);
  return html`${back(ADMIN_NEWSLETTERS, t('newsletterAdmin.list.title'))}
    <h1>${subjectOf(ctx, n)}</h1>
    ${doneNotice(o.done)} ${formNotice(orphan)}
    <dl>
      <dt>${t('newsletterAdmin.table.state')}</dt>
      <dd>${stateTag(ctx, n.state)}</dd>
      <dt>${t('newsletterAdmin.table.dates')}</dt>
      <dd>${datesOf(ctx, n)}</dd>
      <dt>${t('newsletterAdmin.form.audience')}</dt>
      <dd>${audienceText(ctx, n, o.spaces)}</dd>
      ${
        o.recipients === null
          ? ''
          : html`<dt>${t('newsletterAdmin.recipientsNow')}</dt>
              <dd>${i18n.plural('newsletterAdmin.count', o.recipients)}</dd>`
      }
    </dl>
    ${
      draft
        ? html`<p>
            <a class="button secondary" href="${newsletterPath(n.id)}/edit">${t('newsletterAdmin.edit')}</a>
          </p>`
        : ''
    }
    ${
      draft
        ? ''
        : html`<section aria-labelledby="history-title">
            <h2 id="history-title">${t('newsletterAdmin.history.title')}</h2>
            ${historyTable(ctx, n)}
          </section>`
    }
    ${previewPart(ctx, n, o.preview)}
    <section aria-labelledby="test-title">
      <h2 id="test-title">${t('newsletterAdmin.test.title')}</h2>
      ${testForm(ctx, n, o.preview.lang, forms.test)}
    </section>
    ${
      draft
        ? html`<section aria-labelledby="send-title">
            <h2 id="send-title">${t('newsletterAdmin.send.title')}</h2>
            ${sendForm(ctx, n, forms.send)}
          </section>`
        : ''
    }
    ${
      stoppable
        ? html`<section aria-labelledby="stop-title">
            <h2 id="stop-title">${t(n.state === 'scheduled' ? 'newsletterAdmin.stop.scheduledTitle' : 'newsletterAdmin.stop.title')}</h2>
            ${stopForm(ctx, n, forms.stop)}
          </section>`
        : ''
    }
    ${
      draft
        ? html`<section aria-labelledby="remove-title">
            <h2 id="remove-title">${t('newsletterAdmin.remove.title')}</h2>
            ${formNotice(forms.remove.notice)}
            <form method="post" action="${newsletterPath(n.id)}/delete" id="remove-form">
              <p><button class="button secondary" type="submit">${t('newsletterAdmin.remove.submit')}</button></p>
            </form>
          </section>`
        : ''
    }`;
}

// --- settings ---------------------------------------------------------------------------

export function settingsPage(ctx: PageContext, form: Form, done: string | null): Html {
  const { t, i18n } = ctx;
  const v = form.values;
  const err = (id: string) => errorOf(form.errors, id);
  return html`${back(ADMIN_NEWSLETTERS, t('newsletterAdmin.list.title'))}
    <h1>${t('newsletterAdmin.settings.title')}</h1>
    ${doneNotice(done)} ${errorSummary(i18n, form.errors)} ${formNotice(form.notice)}
    <form method="post" action="${SETTINGS_PATH}" novalidate id="settings-form">
      <h2>${t('newsletterAdmin.settings.sender')}</h2>
      ${inputField({ id: 'senderName', label: t('newsletterAdmin.settings.senderName'), hint: t('newsletterAdmin.settings.senderNameHint', { org: ctx.org.name }), value: v.senderName, maxlength: LIMITS.senderName, error: err('senderName'), i18n })}
      ${inputField({ id: 'senderAddress', label: t('newsletterAdmin.settings.senderAddress'), hint: t('newsletterAdmin.settings.senderAddressHint'), kind: 'email', value: v.senderAddress, maxlength: LIMITS.email, error: err('senderAddress'), i18n })}
      ${inputField({ id: 'replyTo', label: t('newsletterAdmin.settings.replyTo'), hint: t('newsletterAdmin.settings.replyToHint'), kind: 'email', value: v.replyTo, maxlength: LIMITS.email, error: err('replyTo'), i18n })}
      ${inputField({ id: 'messagesPerSecond', label: t('newsletterAdmin.settings.perSecond'), hint: t('newsletterAdmin.settings.perSecondHint', { max: LIMITS.perSecond }), kind: 'integer', value: v.messagesPerSecond, required: true, error: err('messagesPerSecond'), i18n })}
      <h2>${t('newsletterAdmin.settings.server')}</h2>
      ${radioGroup({
        name: 'smtp',
        legend: t('newsletterAdmin.settings.serverLegend'),
        value: v.smtp || 'deployment',
        error: err('smtp'),
        i18n,
        choices: [
          { value: 'deployment', label: t('newsletterAdmin.settings.deployment') },
          {
            value: 'own',
            label: t('newsletterAdmin.settings.own'),
            hint: t('newsletterAdmin.settings.ownHint'),
          },
        ],
      })}
      <fieldset>
        <legend>${t('newsletterAdmin.settings.ownServer')}</legend>
        ${inputField({ id: 'smtpHost', label: t('newsletterAdmin.settings.host'), value: v.smtpHost, maxlength: LIMITS.smtpHost, error: err('smtpHost'), i18n })}
        ${inputField({ id: 'smtpPort', label: t('newsletterAdmin.settings.port'), hint: t('newsletterAdmin.settings.portHint'), kind: 'integer', value: v.smtpPort, error: err('smtpPort'), i18n })}
        ${checkbox({ id: 'smtpSecure', label: t('newsletterAdmin.settings.secure'), hint: t('newsletterAdmin.settings.secureHint'), checked: v.smtpSecure === 'true', i18n })}
        ${inputField({ id: 'smtpUser', label: t('newsletterAdmin.settings.user'), value: v.smtpUser, maxlength: LIMITS.smtpUser, autocomplete: 'off', error: err('smtpUser'), i18n })}
        ${inputField({ id: 'smtpPassword', label: t('newsletterAdmin.settings.password'), hint: t('newsletterAdmin.settings.passwordHint'), kind: 'password', maxlength: LIMITS.smtpPassword, autocomplete: 'new-password', error: err('smtpPassword'), i18n })}
        ${checkbox({ id: 'smtpPasswordRemove', label: t('newsletterAdmin.settings.passwordRemove'), checked: v.smtpPasswordRemove === 'true', i18n })}
      </fieldset>
      <p><button class="button" type="submit">${t('newsletterAdmin.settings.save')}</button></p>
    </form>`;
}
