/**
 * The administrators' newsletter forms, read and checked: what was typed (to
 * show back), the errors per field (keyed by the control's id), and the API
 * body when valid. A newsletter is written per language as a subject, a
 * preheader and an ordered list of blocks; the buttons that add, remove and
 * move blocks post the form, which comes back edited (`edited`), so that it
 * needs no JavaScript. Times are typed as Paris wall-clock times, as the
 * site gives its dates.
 */
import type { FieldError } from '../../shared/html/components';
import { formText, parseInteger } from '../../shared/html/form-controls';
import type { I18n, MessageKey } from '../../shared/i18n/i18n';
import { isHttps, type FormBody, type FormRead } from '../../shared/forms/form-read';
import { instantOf, parseWallClock } from '../../shared/forms/wall-clock';
import {
  AUDIENCE_KINDS,
  NEWSLETTER_LANGS,
  type AudienceKind,
  type NewsletterBlockView,
  type NewsletterContentView,
  type NewsletterLanguage,
  type NewsletterSettingsView,
  type NewsletterView,
} from '../newsletters.api';

export type Values = Record<string, string>;

/** The service's limits (apps/newsletter: newsletter-contents.ts, newsletter-mail.ts, settings.dto.ts). */
export const LIMITS = {
  subject: 200,
  preheader: 200,
  text: 10_000,
  alt: 300,
  label: 80,
  url: 2_048,
  width: 600,
  blocks: 50,
  spaces: 50,
  senderName: 100,
  email: 254,
  perSecond: 2_000,
  smtpHost: 253,
  smtpUser: 200,
  smtpPassword: 500,
} as const;

/** Newsletters are sent in the organization's zone as the site shows it. */
export const ZONE = 'Europe/Paris';

export const BLOCK_KINDS = ['text', 'image', 'button'] as const;
export type BlockKind = (typeof BLOCK_KINDS)[number];

/** The controls of a block of each kind, in the order shown. */
export const BLOCK_PARTS: Record<BlockKind, readonly string[]> = {
  text: ['text'],
  image: ['url', 'alt', 'width'],
  button: ['label', 'url'],
};

export const blockId = (lang: NewsletterLanguage, row: number, part: string) =>
  `${lang}-block-${row}-${part}`;
export const langId = (lang: NewsletterLanguage, part: 'subject' | 'preheader' | 'blocks') =>
  `${lang}-${part}`;

/** The group of boxes of each audience that names spaces. */
export const SPACES_FIELD: Record<Exclude<AudienceKind, 'all'>, string> = {
  participants: 'participantSpaces',
  members: 'memberSpaces',
};

/** Collects errors with the page's words; the first error of a field wins. */
class Errors {
  readonly list: FieldError[] = [];
  constructor(private readonly i18n: I18n) {}
  add(field: string, key: MessageKey, params: Record<string, string | number> = {}) {
    if (!this.list.some((e) => e.field === field))
      this.list.push({ field, message: this.i18n.t(key, params) });
  }
}

interface BlockRow {
  kind: BlockKind;
  parts: Record<string, string>;
}

const isKind = (v: unknown): v is BlockKind => BLOCK_KINDS.includes(v as BlockKind);

/** A multi-line text as typed: line ends made plain, trimmed. */
const textOf = (body: FormBody, name: string) => formText(body, name);

/** The blocks of one language as posted, in their order (`fr-block-3-kind` → row 3). */
function postedBlocks(body: FormBody, lang: NewsletterLanguage): BlockRow[] {
  const rows: number[] = [];
  const pattern = new RegExp(`^${lang}-block-(\\d+)-kind$`);
  for (const key of Object.keys(body)) {
    const m = pattern.exec(key);
    if (m && Number(m[1]) < 1_000) rows.push(Number(m[1]));
  }
  return rows
    .sort((a, b) => a - b)
    .flatMap((row) => {
      const kind = body[blockId(lang, row, 'kind')];
      if (!isKind(kind)) return [];
      const parts = Object.fromEntries(
        BLOCK_PARTS[kind].map((part) => [part, textOf(body, blockId(lang, row, part))]),
      );
      return [{ kind, parts }];
    });
}

/** The blocks of one language as values, numbered from 0 in their order. */
function blockValues(lang: NewsletterLanguage, blocks: BlockRow[]): Values {
  const v: Values = {};
  blocks.forEach((b, row) => {
    v[blockId(lang, row, 'kind')] = b.kind;
    for (const part of BLOCK_PARTS[b.kind]) v[blockId(lang, row, part)] = b.parts[part] ?? '';
  });
  return v;
}

/** The blocks of one language back from the values, in their order. */
export function blocksIn(v: Values, lang: NewsletterLanguage): BlockRow[] {
  const out: BlockRow[] = [];
  for (let row = 0; ; row++) {
    const kind = v[blockId(lang, row, 'kind')];
    if (!isKind(kind)) return out;
    out.push({
      kind,
      parts: Object.fromEntries(
        BLOCK_PARTS[kind].map((part) => [part, v[blockId(lang, row, part)] ?? '']),
      ),
    });
  }
}

const listOf = (body: FormBody, name: string): string[] => {
  const raw = body[name] ?? [];
  return (Array.isArray(raw) ? raw : [raw]).filter((s): s is string => typeof s === 'string');
};

/**
 * What a post of the compose form asks: to save it, to count its audience,
 * or to change its blocks (add one of a kind at the end of a language, remove
 * one, move one up or down).
 */
export type ComposeOp =
  | { kind: 'save' }
  | { kind: 'count' }
  | { kind: 'add'; lang: NewsletterLanguage; block: BlockKind }
  | { kind: 'remove' | 'up' | 'down'; lang: NewsletterLanguage; row: number };

export function opOf(body: FormBody): ComposeOp {
  const op = typeof body.op === 'string' ? body.op : 'save';
  if (op === 'count') return { kind: 'count' };
  const add = /^add-(text|image|button)-(fr|en)$/.exec(op);
  if (add) return { kind: 'add', block: add[1] as BlockKind, lang: add[2] as NewsletterLanguage };
  const move = /^(remove|up|down)-(fr|en)-(\d{1,3})$/.exec(op);
  if (move)
    return {
      kind: move[1] as 'remove' | 'up' | 'down',
      lang: move[2] as NewsletterLanguage,
      row: Number(move[3]),
    };
  return { kind: 'save' };
}

function edit(blocks: BlockRow[], op: ComposeOp, lang: NewsletterLanguage): BlockRow[] {
  if (op.kind === 'save' || op.kind === 'count' || op.lang !== lang) return blocks;
  const out = [...blocks];
  if (op.kind === 'add') {
    if (out.length < LIMITS.blocks)
      out.push({
        kind: op.block,
        parts: Object.fromEntries(BLOCK_PARTS[op.block].map((p) => [p, ''])),
      });
    return out;
  }
  const row = op.row;
  if (row >= out.length) return out;
  if (op.kind === 'remove') out.splice(row, 1);
  const swap = (a: number, b: number) => ([out[a], out[b]] = [out[b], out[a]]);
  if (op.kind === 'up' && row > 0) swap(row, row - 1);
  if (op.kind === 'down' && row < out.length - 1) swap(row, row + 1);
  return out;
}

/** The body of POST and PUT /newsletters. */
export interface NewsletterBody {
  contents: Partial<Record<NewsletterLanguage, NewsletterContentView>>;
  audience: { kind: AudienceKind; spaceIds: string[] };
}

/** Whether anything is written in a language (its subject, preheader or a block). */
export function written(v: Values, lang: NewsletterLanguage): boolean {
  return (
    !!v[langId(lang, 'subject')] ||
    !!v[langId(lang, 'preheader')] ||
    blocksIn(v, lang).some((b) => Object.values(b.parts).some(Boolean))
  );
}

/** The compose form's values as posted, the op applied to its blocks. */
export function composeValues(body: FormBody, op: ComposeOp = opOf(body)): Values {
  const v: Values = {};
  for (const lang of NEWSLETTER_LANGS) {
    v[langId(lang, 'subject')] = textOf(body, langId(lang, 'subject'));
    v[langId(lang, 'preheader')] = textOf(body, langId(lang, 'preheader'));
    Object.assign(v, blockValues(lang, edit(postedBlocks(body, lang), op, lang)));
  }
  v.audience = textOf(body, 'audience');
  for (const name of Object.values(SPACES_FIELD)) v[name] = listOf(body, name).join(',');
  return v;
}

/** The checked one language: its errors added, its content when it holds. */
function readLanguage(
  v: Values,
  e: Errors,
  lang: NewsletterLanguage,
): NewsletterContentView | null {
  const subject = v[langId(lang, 'subject')];
  const preheader = v[langId(lang, 'preheader')];
  const before = e.list.length;
  if (!subject) e.add(langId(lang, 'subject'), 'newsletterAdmin.error.subject');
  else if (subject.length > LIMITS.subject || /[\r\n]/.test(subject))
    e.add(langId(lang, 'subject'), 'newsletterAdmin.error.tooLong', { max: LIMITS.subject });
  if (preheader.length > LIMITS.preheader)
    e.add(langId(lang, 'preheader'), 'newsletterAdmin.error.tooLong', { max: LIMITS.preheader });
  const rows = blocksIn(v, lang);
  if (rows.length === 0) e.add(langId(lang, 'blocks'), 'newsletterAdmin.error.noBlock');
  const blocks: NewsletterBlockView[] = rows.map((b, row) => {
    const id = (part: string) => blockId(lang, row, part);
    const required = (part: string, key: MessageKey, max: number) => {
      const value = b.parts[part];
      if (!value) e.add(id(part), key);
      else if (value.length > max) e.add(id(part), 'newsletterAdmin.error.tooLong', { max });
      return value;
    };
    const https = (part: string) => {
      const value = b.parts[part];
      if (!value) e.add(id(part), 'newsletterAdmin.error.url');
      else if (!isHttps(value) || value.length > LIMITS.url)
        e.add(id(part), 'newsletterAdmin.error.https');
      return value;
    };
    if (b.kind === 'text')
      return { kind: 'text', text: required('text', 'newsletterAdmin.error.text', LIMITS.text) };
    if (b.kind === 'button')
      return {
        kind: 'button',
        label: required('label', 'newsletterAdmin.error.label', LIMITS.label),
        url: https('url'),
      };
    const url = https('url');
    const alt = required('alt', 'newsletterAdmin.error.alt', LIMITS.alt);
    let width: number | undefined;
    if (b.parts.width) {
      const n = parseInteger(b.parts.width);
      if (n === null || n < 1 || n > LIMITS.width)
        e.add(id('width'), 'newsletterAdmin.error.width', { max: LIMITS.width });
      else width = n;
    }
    return { kind: 'image', url, alt, ...(width ? { width } : {}) };
  });
  return e.list.length === before ? { subject, preheader, blocks } : null;
}

/**
 * The compose form: a save is checked as the service checks it (the default
 * language required, each language written complete, https links, texts for
 * images), each error next to its control; any other op comes back edited.
 */
export function readCompose(
  i18n: I18n,
  body: FormBody,
  defaultLang: NewsletterLanguage,
): FormRead<NewsletterBody> {
  const op = opOf(body);
  const v = composeValues(body, op);
  if (op.kind !== 'save')
    return { values: { ...v, op: op.kind }, errors: [], dto: null, edited: true };
  const e = new Errors(i18n);
  const contents: NewsletterBody['contents'] = {};
  for (const lang of NEWSLETTER_LANGS) {
    if (lang !== defaultLang && !written(v, lang)) continue;
    const content = readLanguage(v, e, lang);
    if (content) contents[lang] = content;
  }
  const audience = readAudience(v, e);
  if (e.list.length || !audience) return { values: v, errors: e.list, dto: null };
  return { values: v, errors: [], dto: { contents, audience } };
}

/** The audience chosen, checked (its errors added), or null. */
function readAudience(v: Values, errors: Errors): NewsletterBody['audience'] | null {
  const kind = AUDIENCE_KINDS.find((k) => k === (v.audience || 'all'));
  if (!kind) {
    errors.add('audience', 'newsletterAdmin.error.audience');
    return null;
  }
  if (kind === 'all') return { kind, spaceIds: [] };
  const field = SPACES_FIELD[kind];
  const spaceIds = (v[field] ?? '').split(',').filter(Boolean);
  if (spaceIds.length === 0) errors.add(field, 'newsletterAdmin.error.spaces');
  else if (spaceIds.length > LIMITS.spaces)
    errors.add(field, 'newsletterAdmin.error.tooManySpaces', { max: LIMITS.spaces });
  return errors.list.length ? null : { kind, spaceIds };
}

/** The audience of the compose form as posted, with its error next to its field when it is not one. */
export function audienceOf(
  i18n: I18n,
  v: Values,
): { audience: NewsletterBody['audience'] | null; errors: FieldError[] } {
  const e = new Errors(i18n);
  const audience = readAudience(v, e);
  return { audience, errors: e.list };
}

/** A new newsletter's form: a text block in the default language, sent to everyone who consented. */
export function newNewsletterValues(defaultLang: NewsletterLanguage): Values {
  return {
    ...blockValues(defaultLang, [{ kind: 'text', parts: { text: '' } }]),
    audience: 'all',
  };
}

/** A newsletter as its edit form shows it. */
export function newsletterValues(n: NewsletterView): Values {
  const v: Values = { audience: n.audience.kind };
  for (const lang of NEWSLETTER_LANGS) {
    const c = n.contents[lang];
    if (!c) continue;
    v[langId(lang, 'subject')] = c.subject;
    v[langId(lang, 'preheader')] = c.preheader;
    Object.assign(
      v,
      blockValues(
        lang,
        c.blocks.map((b): BlockRow => ({
          kind: b.kind,
          parts:
            b.kind === 'text'
              ? { text: b.text }
              : b.kind === 'button'
                ? { label: b.label, url: b.url }
                : { url: b.url, alt: b.alt, width: b.width ? String(b.width) : '' },
        })),
      ),
    );
  }
  if (n.audience.kind !== 'all') v[SPACES_FIELD[n.audience.kind]] = n.audience.spaceIds.join(',');
  return v;
}

/**
 * The control an API field names (`contents.fr.blocks.2.url` → `fr-block-2-url`,
 * `audience.spaceIds` → the boxes of the audience chosen), given the form as
 * posted; the newsletter's subject for a language as a whole.
 */
export function controlOf(field: string, v: Values): string {
  const block = /^contents\.(fr|en)\.blocks\.(\d+)(?:\.(\w+))?/.exec(field);
  if (block) {
    const lang = block[1] as NewsletterLanguage;
    const row = Number(block[2]);
    const kind = v[blockId(lang, row, 'kind')];
    if (!isKind(kind)) return langId(lang, 'blocks');
    const part = block[3] && BLOCK_PARTS[kind].includes(block[3]) ? block[3] : BLOCK_PARTS[kind][0];
    return blockId(lang, row, part);
  }
  const content = /^contents\.(fr|en)(?:\.(subject|preheader|blocks))?/.exec(field);
  if (content)
    return langId(content[1] as NewsletterLanguage, (content[2] ?? 'subject') as 'subject');
  if (field.startsWith('audience.spaceIds')) {
    const kind = v.audience === 'members' ? 'members' : 'participants';
    return SPACES_FIELD[kind];
  }
  if (field.startsWith('audience')) return 'audience';
  return langId('fr', 'subject');
}

// --- sending -------------------------------------------------------------------

export interface SendDto {
  at?: string;
}

/** Send now, or at a Paris wall-clock time in the future (within a year, as the service allows). */
export function readSend(i18n: I18n, body: FormBody, now = Date.now()): FormRead<SendDto> {
  const v: Values = { when: formText(body, 'when') || 'now', at: formText(body, 'at') };
  if (v.when !== 'later') return { values: v, errors: [], dto: {} };
  const wall = parseWallClock(v.at);
  const at = wall ? instantOf(wall, ZONE) : null;
  const e = new Errors(i18n);
  if (!at) e.add('at', 'newsletterAdmin.error.at');
  else if (Date.parse(at) <= now) e.add('at', 'newsletterAdmin.error.atPast');
  else if (Date.parse(at) > now + 365 * 86_400_000) e.add('at', 'newsletterAdmin.error.atFar');
  return e.list.length || !at
    ? { values: v, errors: e.list, dto: null }
    : { values: v, errors: [], dto: { at } };
}

/** The language of a test or a preview: one the newsletter is written in. */
export function langOf(value: unknown, n: NewsletterView): NewsletterLanguage | null {
  return NEWSLETTER_LANGS.find((l) => l === value && n.contents[l]) ?? null;
}

// --- settings ------------------------------------------------------------------

/** The body of PUT /settings: every field given; the password only when typed or removed. */
export interface SettingsBody {
  senderName: string | null;
  senderAddress: string | null;
  replyTo: string | null;
  messagesPerSecond: number;
  smtp: {
    host: string;
    port: number;
    secure: boolean;
    user: string | null;
    password?: string | null;
  } | null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const HOST = /^[a-z0-9.-]+$/i;

export const SETTINGS_FIELDS = [
  'senderName',
  'senderAddress',
  'replyTo',
  'messagesPerSecond',
  'smtp',
  'smtpHost',
  'smtpPort',
  'smtpUser',
] as const;

export function settingsValues(s: NewsletterSettingsView): Values {
  return {
    senderName: s.senderName ?? '',
    senderAddress: s.senderAddress ?? '',
    replyTo: s.replyTo ?? '',
    messagesPerSecond: String(s.messagesPerSecond),
    smtp: s.smtp ? 'own' : 'deployment',
    smtpHost: s.smtp?.host ?? '',
    smtpPort: s.smtp ? String(s.smtp.port) : '587',
    smtpSecure: s.smtp?.secure ? 'true' : '',
    smtpUser: s.smtp?.user ?? '',
  };
}

export function readSettings(i18n: I18n, body: FormBody): FormRead<SettingsBody> {
  const v: Values = {};
  for (const k of SETTINGS_FIELDS) v[k] = formText(body, k);
  v.smtpSecure = body.smtpSecure === 'true' ? 'true' : '';
  v.smtpPasswordRemove = body.smtpPasswordRemove === 'true' ? 'true' : '';
  // Never shown back: a password typed is sent or forgotten.
  const password = typeof body.smtpPassword === 'string' ? body.smtpPassword : '';
  const e = new Errors(i18n);
  if (v.senderName.length > LIMITS.senderName)
    e.add('senderName', 'newsletterAdmin.error.tooLong', { max: LIMITS.senderName });
  else if (/[\r\n"<>]/.test(v.senderName)) e.add('senderName', 'newsletterAdmin.error.senderName');
  for (const k of ['senderAddress', 'replyTo'])
    if (v[k] && (!EMAIL.test(v[k]) || v[k].length > LIMITS.email))
      e.add(k, 'newsletterAdmin.error.email');
  const perSecond = parseInteger(v.messagesPerSecond);
  if (perSecond === null || perSecond < 1 || perSecond > LIMITS.perSecond)
    e.add('messagesPerSecond', 'newsletterAdmin.error.between', { min: 1, max: LIMITS.perSecond });
  const own = v.smtp === 'own';
  if (v.smtp !== 'own' && v.smtp !== 'deployment') e.add('smtp', 'newsletterAdmin.error.smtp');
  let port: number | null = null;
  if (own) {
    if (!v.smtpHost || !HOST.test(v.smtpHost) || v.smtpHost.length > LIMITS.smtpHost)
      e.add('smtpHost', 'newsletterAdmin.error.smtpHost');
    port = parseInteger(v.smtpPort);
    if (port === null || port < 1 || port > 65_535)
      e.add('smtpPort', 'newsletterAdmin.error.between', { min: 1, max: 65_535 });
    if (v.smtpUser.length > LIMITS.smtpUser)
      e.add('smtpUser', 'newsletterAdmin.error.tooLong', { max: LIMITS.smtpUser });
    if (password.length > LIMITS.smtpPassword)
      e.add('smtpPassword', 'newsletterAdmin.error.tooLong', { max: LIMITS.smtpPassword });
  }
  if (e.list.length || perSecond === null) return { values: v, errors: e.list, dto: null };
  return {
    values: v,
    errors: [],
    dto: {
      senderName: v.senderName || null,
      senderAddress: v.senderAddress || null,
      replyTo: v.replyTo || null,
      messagesPerSecond: perSecond,
      smtp:
        own && port !== null
          ? {
              host: v.smtpHost,
              port,
              secure: v.smtpSecure === 'true',
              user: v.smtpUser || null,
              ...(password ? { password } : v.smtpPasswordRemove ? { password: null } : {}),
            }
          : null,
    },
  };
}

/** The settings API's fields → this page's controls (`smtp.host` → `smtpHost`). */
export function settingsControlOf(field: string): string {
  const smtp = /^smtp\.(\w+)/.exec(field);
  if (smtp) return `smtp${smtp[1][0].toUpperCase()}${smtp[1].slice(1)}`;
  return (SETTINGS_FIELDS as readonly string[]).includes(field) ? field : 'senderName';
}
