/**
 * The administrators' anti-spam page (ADR 0041): what the antispam service
 * reported or blocked, newest first, each with its score, its reasons in
 * words, the text it read and what can be decided on it; and the
 * organization's thresholds and automatic blocking, with the model in use.
 * Every action is a plain form post (no JavaScript needed).
 */
import type { SpamFlagListView, SpamFlagView } from '@palabre/contracts';
import type { Confirmation } from '../../shared/forms/confirm-page';
import { doneNotice, formNotice, titleWithErrors } from '../../shared/forms/form-notices';
import { errorSummary, type FieldError } from '../../shared/html/components';
import { checkbox, errorOf, inputField, textArea } from '../../shared/html/form-controls';
import { html, type Html } from '../../shared/html/html';
import type { MessageKey } from '../../shared/i18n/i18n';
import type { PageOptions } from '../../shared/layout/layout';
import type { PageContext } from '../../shared/layout/page-context';

export const ADMIN_SPAM = '/admin/spam';
export const SPAM_LISTS = ['open', 'blocked', 'decided'] as const;
export type SpamList = (typeof SPAM_LISTS)[number];

/** The organization's settings as the antispam service answers them. */
export interface SpamSettingsView {
  flagThreshold: number;
  blockThreshold: number;
  autoBlock: boolean;
  refusedDomains: string[];
  model: string;
}

/** The settings form as typed. */
export interface SpamSettingsValues extends Record<string, string> {
  flagThreshold: string;
  blockThreshold: string;
  autoBlock: string;
  /** One domain per line. */
  refusedDomains: string;
}

export interface SpamPageView {
  list: SpamList;
  flags: SpamFlagListView;
  settings: SpamSettingsView;
  form: SpamSettingsValues;
  errors: FieldError[];
  done: string | null;
  alert: string | null;
}

const REASONS: Record<string, MessageKey> = {
  'spam-words': 'spamAdmin.reason.spam-words',
  links: 'spamAdmin.reason.links',
  'disguised-links': 'spamAdmin.reason.disguised-links',
  'keyword-stuffing': 'spamAdmin.reason.keyword-stuffing',
  shouting: 'spamAdmin.reason.shouting',
  'disposable-email': 'spamAdmin.reason.disposable-email',
  'no-contributions': 'spamAdmin.reason.no-contributions',
  'new-account': 'spamAdmin.reason.new-account',
  'suspect-author': 'spamAdmin.reason.suspect-author',
  'repeated-text': 'spamAdmin.reason.repeated-text',
  'spam-contributions': 'spamAdmin.reason.spam-contributions',
  'refused-domain': 'spamAdmin.reason.refused-domain',
};

const KINDS: Record<SpamFlagView['subjectType'], MessageKey> = {
  account: 'spamAdmin.kind.account',
  proposal: 'spamAdmin.kind.proposal',
  comment: 'spamAdmin.kind.comment',
  petition: 'spamAdmin.kind.petition',
  meeting: 'spamAdmin.kind.meeting',
};

/** A reason code in words, with what it lists ("links to: a.example"). */
export function reasonText(ctx: PageContext, reason: string): string {
  const i = reason.indexOf(':');
  const code = i < 0 ? reason : reason.slice(0, i);
  const items = i < 0 ? '' : reason.slice(i + 1).trim();
  const key = REASONS[code.trim()];
  const words = key ? ctx.t(key) : code;
  if (!items) return words;
  return ctx.locale === 'fr' ? `${words} : ${items}` : `${words}: ${items}`;
}

/** A score as people read it: two decimals, in the page's language. */
export const scoreText = (ctx: PageContext, score: number): string =>
  score.toLocaleString(ctx.locale === 'fr' ? 'fr-FR' : 'en-GB', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });

/** The settings as the form shows them. */
export const settingsValues = (ctx: PageContext, s: SpamSettingsView): SpamSettingsValues => ({
  flagThreshold: String(s.flagThreshold).replace('.', ctx.locale === 'fr' ? ',' : '.'),
  blockThreshold: String(s.blockThreshold).replace('.', ctx.locale === 'fr' ? ',' : '.'),
  autoBlock: s.autoBlock ? 'true' : '',
  refusedDomains: s.refusedDomains.join('\n'),
});

function excerpt(text: string, max = 600): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function flagCard(ctx: PageContext, f: SpamFlagView): Html {
  const { t, i18n } = ctx;
  const heading = `${t(KINDS[f.subjectType])} — ${f.title || '—'}`;
  const when =
    f.status === 'open'
      ? t('spamAdmin.flaggedOn', { date: i18n.date(f.createdAt) })
      : f.status === 'blocked'
        ? t(f.automatic ? 'spamAdmin.blockedAuto' : 'spamAdmin.blockedOn', {
            date: i18n.date(f.decidedAt ?? f.createdAt),
          })
        : f.status === 'hidden'
          ? t('spamAdmin.hiddenOn', { date: i18n.date(f.decidedAt ?? f.createdAt) })
          : t('spamAdmin.decidedOn', { date: i18n.date(f.decidedAt ?? f.createdAt) });
  return html`<li class="card" id="flag-${f.id}">
    <h3>${heading}</h3>
    <p>
      <strong>${t('spamAdmin.score', { score: scoreText(ctx, f.score) })}</strong>
      <span class="meta">· ${when} · ${t('spamAdmin.model', { model: f.model })}</span>
    </p>
    <p class="visually-hidden" id="reasons-${f.id}">${t('spamAdmin.reasons')}</p>
    <ul aria-labelledby="reasons-${f.id}">
      ${
        f.reasons.length
          ? f.reasons.map((r) => html`<li>${reasonText(ctx, r)}</li>`)
          : html`<li>${t('spamAdmin.noReason')}</li>`
      }
    </ul>
    ${
      f.text && f.subjectType !== 'account'
        ? html`<blockquote style="white-space:pre-wrap;overflow-wrap:anywhere">
          ${excerpt(f.text)}
        </blockquote>`
        : f.text
          ? html`<p>${f.text}</p>`
          : ''
    }
    ${
      f.subjectType !== 'account' && f.path
        ? html`<p><a href="${f.path}">${t(OPEN[f.subjectType] ?? 'spamAdmin.openQueue')}</a></p>`
        : ''
    }
    ${
      f.contest
        ? html`<div class="notice" role="note">
          <p>
            <strong>${t('spamAdmin.contested', { date: i18n.date(f.contest.at) })}</strong>
          </p>
          <blockquote style="white-space:pre-wrap;overflow-wrap:anywhere">
            ${f.contest.message}
          </blockquote>
        </div>`
        : ''
    }
    ${
      f.status === 'blocked' && f.userId
        ? html`<form method="post" action="${ADMIN_SPAM}/${f.id}/unblock" class="inline" data-once>
          <button class="button secondary" type="submit">
            ${t('spamAdmin.unblock')}<span class="visually-hidden"> : ${heading}</span>
          </button>
        </form>`
        : ''
    }
    ${
      f.status === 'open'
        ? html`<div style="display:flex;flex-wrap:wrap;gap:.75rem">
          <form method="post" action="${ADMIN_SPAM}/${f.id}/dismiss" class="inline" data-once>
            <button class="button secondary" type="submit">
              ${t('spamAdmin.dismiss')}<span class="visually-hidden"> : ${heading}</span>
            </button>
          </form>
          <form method="post" action="${ADMIN_SPAM}/${f.id}/block" class="inline" data-once>
            <button class="button" type="submit">
              ${t('spamAdmin.block')}<span class="visually-hidden"> : ${heading}</span>
            </button>
          </form>
        </div>`
        : ''
    }
  </li>`;
}

/** Where a contribution's link leads, in words. */
const OPEN: Partial<Record<SpamFlagView['subjectType'], MessageKey>> = {
  petition: 'spamAdmin.openPetition',
  meeting: 'spamAdmin.openMeeting',
};

const TAB_LABELS: Record<SpamList, MessageKey> = {
  open: 'spamAdmin.tab.open',
  blocked: 'spamAdmin.tab.blocked',
  decided: 'spamAdmin.tab.decided',
};
const EMPTY: Record<SpamList, MessageKey> = {
  open: 'spamAdmin.empty.open',
  blocked: 'spamAdmin.empty.blocked',
  decided: 'spamAdmin.empty.decided',
};

export function spamPage(ctx: PageContext, v: SpamPageView): PageOptions {
  const { t, i18n } = ctx;
  const err = (f: string) => errorOf(v.errors, f);
  const tabs = html`<nav aria-label="${t('spamAdmin.tabs')}">
    <ul style="display:flex;flex-wrap:wrap;gap:1rem;list-style:none;padding:0">
      ${SPAM_LISTS.map(
        (list) =>
          html`<li>
            <a
              href="${ADMIN_SPAM}?list=${list}"
              ${list === v.list ? html`aria-current="page"` : ''}
              >${t(TAB_LABELS[list], { count: v.flags.open })}</a
            >
          </li>`,
      )}
    </ul>
  </nav>`;
  return {
    title: titleWithErrors(ctx, t('spamAdmin.title'), v.errors),
    section: 'admin',
    main: html`<h1>${t('spamAdmin.title')}</h1>
      ${doneNotice(v.done)} ${formNotice(v.alert)}
      <p>${t('spamAdmin.intro')}</p>
      ${tabs}
      <h2>${t(TAB_LABELS[v.list], { count: v.flags.open })}</h2>
      ${v.list === 'blocked' ? html`<p class="hint">${t('spamAdmin.unblockHint')}</p>` : ''}
      ${
        v.flags.items.length
          ? html`<ol class="card-list">
            ${v.flags.items.map((f) => flagCard(ctx, f))}
          </ol>`
          : html`<p>${t(EMPTY[v.list])}</p>`
      }
      ${
        v.flags.next
          ? html`<p>
            <a
              href="${ADMIN_SPAM}?list=${v.list}&before=${encodeURIComponent(v.flags.next)}"
              rel="next"
              >${t('spamAdmin.older')}</a
            >
          </p>`
          : ''
      }
      <h2 id="settings-title">${t('spamAdmin.settings.title')}</h2>
      ${errorSummary(i18n, v.errors)}
      <p>${t('spamAdmin.settings.model', { model: v.settings.model })}</p>
      <form
        method="post"
        action="${ADMIN_SPAM}/settings"
        novalidate
        data-once
        aria-labelledby="settings-title"
      >
        ${inputField({
          id: 'flagThreshold',
          label: t('spamAdmin.settings.flag'),
          hint: t('spamAdmin.settings.flagHint'),
          value: v.form.flagThreshold,
          error: err('flagThreshold'),
          required: true,
          maxlength: 8,
          i18n,
        })}
        ${inputField({
          id: 'blockThreshold',
          label: t('spamAdmin.settings.block'),
          hint: t('spamAdmin.settings.blockHint'),
          value: v.form.blockThreshold,
          error: err('blockThreshold'),
          required: true,
          maxlength: 8,
          i18n,
        })}
        ${textArea({
          id: 'refusedDomains',
          label: t('spamAdmin.settings.refused'),
          hint: t('spamAdmin.settings.refusedHint'),
          value: v.form.refusedDomains,
          error: err('refusedDomains'),
          rows: 4,
          i18n,
        })}
        ${checkbox({
          id: 'autoBlock',
          label: t('spamAdmin.settings.autoBlock'),
          hint: t('spamAdmin.settings.autoBlockHint'),
          checked: v.form.autoBlock === 'true',
          error: err('autoBlock'),
          i18n,
        })}
        <p><button class="button" type="submit">${t('spamAdmin.settings.submit')}</button></p>
      </form>`,
  };
}

/** "Block the account …?": what it does, and that only an administrator undoes it. */
export function blockConfirmation(ctx: PageContext, f: SpamFlagView): Confirmation {
  const { t } = ctx;
  return {
    title:
      f.subjectType === 'account'
        ? t('spamAdmin.blockConfirm.title', { name: f.title })
        : t('spamAdmin.blockConfirm.titleContent', { title: f.title || excerpt(f.text, 60) }),
    what: t('spamAdmin.blockConfirm.what', { org: ctx.org.name }),
    final: t('spamAdmin.blockConfirm.final'),
    button: t('spamAdmin.blockConfirm.button'),
    back: ADMIN_SPAM,
    section: 'admin',
  };
}
