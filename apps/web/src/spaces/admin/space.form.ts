/**
 * The back-office forms of spaces and phases, read with the rules of the
 * spaces API's DTOs (CreateSpaceDto, UpdateSpaceDto, CreatePhaseDto) and its
 * coherence checks: each returns what was typed (to show again), the API
 * body when valid, and errors keyed by the id of the field to fix.
 */
import type { FieldError } from '../../shared/html/components';
import { formText } from '../../shared/html/form-controls';
import type { I18n } from '../../shared/i18n/i18n';
import {
  SPACE_KINDS,
  SLUG,
  type PhaseView,
  type SpaceKind,
  type SpaceLanding,
  type Text,
} from '../spaces.api';
import { TEXT_LANGUAGES } from '@palabre/contracts';
import {
  charCount,
  noTexts,
  parseDay,
  readTexts,
  textBody,
  textId,
  textValues,
  type FormBody,
  type TextValues,
} from '../../shared/forms/form-read';

export { textId };
export const LANGS = TEXT_LANGUAGES;
export type Texts = TextValues;

/** Texts of a space in both languages: short ones (200 characters) and long ones (10 000). */
export const SHORT_TEXTS = ['title', 'subtitle', 'imageAlt', 'area', 'organizer'] as const;
export const LONG_TEXTS = [
  'welcome',
  'summary',
  'objectives',
  'participants',
  'decisionRules',
] as const;
export type TextName = (typeof SHORT_TEXTS)[number] | (typeof LONG_TEXTS)[number];
export const SHORT_MAX = 200;
export const LONG_MAX = 10_000;
export const URL_MAX = 1000;
export const RESERVED_SLUGS = ['settings', 'component-types', 'internal'];

export interface SpaceFormValues {
  kind: string;
  slug: string;
  texts: Record<TextName, Texts>;
  imageUrl: string;
  videoUrl: string;
  startsOn: string;
  endsOn: string;
  private: boolean;
  transparent: boolean;
  autoPhases: boolean;
}

export interface SpaceBody {
  kind?: SpaceKind;
  slug: string;
  title: Text;
  subtitle: Text;
  imageAlt: Text;
  welcome: Text;
  summary: Text;
  objectives: Text;
  participants: Text;
  decisionRules: Text;
  area: Text;
  organizer: Text;
  imageUrl: string | null;
  videoUrl: string | null;
  startsOn: string | null;
  endsOn: string | null;
  private: boolean;
  transparent: boolean;
  autoPhases?: boolean;
}

const ALL_TEXTS: TextName[] = [...SHORT_TEXTS, ...LONG_TEXTS];

export const emptySpaceForm = (kind: string): SpaceFormValues => ({
  kind,
  slug: '',
  texts: Object.fromEntries(ALL_TEXTS.map((n) => [n, noTexts()])) as Record<TextName, Texts>,
  imageUrl: '',
  videoUrl: '',
  startsOn: '',
  endsOn: '',
  private: false,
  transparent: false,
  autoPhases: false,
});

export function spaceFormOf(s: SpaceLanding): SpaceFormValues {
  const source: Record<TextName, Text> = {
    title: s.title,
    subtitle: s.subtitle,
    imageAlt: s.imageAlt ?? {},
    area: s.facts.area,
    organizer: s.facts.organizer,
    welcome: s.welcome,
    summary: s.summary,
    objectives: s.facts.objectives,
    participants: s.facts.participants,
    decisionRules: s.facts.decisionRules,
  };
  return {
    kind: s.kind,
    slug: s.slug,
    texts: Object.fromEntries(ALL_TEXTS.map((n) => [n, textValues(source[n])])) as Record<
      TextName,
      Texts
    >,
    imageUrl: s.imageUrl ?? '',
    videoUrl: s.videoUrl ?? '',
    startsOn: s.facts.startsOn ?? '',
    endsOn: s.facts.endsOn ?? '',
    private: s.private,
    transparent: s.transparent,
    autoPhases: s.autoPhases,
  };
}

/** The API's field names → this form's field ids ("title.en" before "title": the first match wins). */
export const SPACE_API_FIELDS: Record<string, string> = {
  kind: 'kind',
  slug: 'slug',
  ...Object.fromEntries(
    ALL_TEXTS.flatMap((n) => [
      [`${n}.en`, textId(n, 'en')],
      [`${n}.fr`, textId(n, 'fr')],
      [n, textId(n, 'fr')],
    ]),
  ),
  imageUrl: 'imageUrl',
  videoUrl: 'videoUrl',
  startsOn: 'startsOn',
  endsOn: 'endsOn',
  private: 'private',
  transparent: 'transparent',
  autoPhases: 'autoPhases',
};

function httpsUrl(text: string): boolean {
  try {
    const u = new URL(text);
    return u.protocol === 'https:' && u.hostname.includes('.') && text.length <= URL_MAX;
  } catch {
    return false;
  }
}

/** Reads the space form; `creating` asks for the kind too. */
export function readSpaceForm(
  i18n: I18n,
  body: FormBody,
  opts: { creating: boolean; kind?: string },
): { values: SpaceFormValues; dto: SpaceBody | null; errors: FieldError[] } {
  const ticked = (name: string) => body[name] === 'true';
  const values: SpaceFormValues = {
    kind: opts.creating ? formText(body, 'kind') : (opts.kind ?? ''),
    slug: formText(body, 'slug'),
    texts: Object.fromEntries(ALL_TEXTS.map((n) => [n, readTexts(body, n)])) as Record<
      TextName,
      Texts
    >,
    imageUrl: formText(body, 'imageUrl'),
    videoUrl: formText(body, 'videoUrl'),
    startsOn: formText(body, 'startsOn'),
    endsOn: formText(body, 'endsOn'),
    private: ticked('private'),
    transparent: ticked('transparent'),
    autoPhases: ticked('autoPhases'),
  };
  const errors: FieldError[] = [];
  const fail = (field: string, message: string) => errors.push({ field, message });

  if (opts.creating && !SPACE_KINDS.includes(values.kind as SpaceKind))
    fail('kind', i18n.t('spacesAdmin.form.kindRequired'));
  if (!values.slug) fail('slug', i18n.t('form.required'));
  else if (values.slug.length < 3 || values.slug.length > 80 || !SLUG.test(values.slug))
    fail('slug', i18n.t('spacesAdmin.form.slugInvalid'));
  else if (RESERVED_SLUGS.includes(values.slug))
    fail('slug', i18n.t('spacesAdmin.form.slugReserved'));

  if (!values.texts.title.fr && !values.texts.title.en)
    fail(textId('title', 'fr'), i18n.t('spacesAdmin.form.titleRequired'));
  for (const n of ALL_TEXTS) {
    const max = (SHORT_TEXTS as readonly string[]).includes(n) ? SHORT_MAX : LONG_MAX;
    for (const l of LANGS) {
      const count = charCount(values.texts[n][l]);
      if (count > max) fail(textId(n, l), i18n.t('lifecycle.tooLong', { max, count }));
    }
  }
  for (const f of ['imageUrl', 'videoUrl'] as const)
    if (values[f] && !httpsUrl(values[f])) fail(f, i18n.t('spacesAdmin.form.httpsUrl'));

  const startsOn = values.startsOn ? parseDay(values.startsOn) : null;
  const endsOn = values.endsOn ? parseDay(values.endsOn) : null;
  if (values.startsOn && !startsOn) fail('startsOn', i18n.t('spacesAdmin.form.dateInvalid'));
  if (values.endsOn && !endsOn) fail('endsOn', i18n.t('spacesAdmin.form.dateInvalid'));
  if (startsOn && endsOn && endsOn < startsOn)
    fail('endsOn', i18n.t('spacesAdmin.form.endBeforeStart'));
  if (values.transparent && !values.private)
    fail('transparent', i18n.t('spacesAdmin.form.transparentNeedsPrivate'));
  if (values.autoPhases && values.kind !== 'process')
    fail('autoPhases', i18n.t('spacesAdmin.form.autoPhasesProcess'));

  if (errors.length) return { values, dto: null, errors };
  const texts = Object.fromEntries(ALL_TEXTS.map((n) => [n, textBody(values.texts[n])])) as Record<
    TextName,
    Text
  >;
  return {
    values,
    errors,
    dto: {
      ...(opts.creating ? { kind: values.kind as SpaceKind } : {}),
      slug: values.slug,
      ...texts,
      imageUrl: values.imageUrl || null,
      videoUrl: values.videoUrl || null,
      startsOn,
      endsOn,
      private: values.private,
      transparent: values.transparent,
      ...(values.kind === 'process' ? { autoPhases: values.autoPhases } : {}),
    },
  };
}

// ── phases ──────────────────────────────────────────────────────────────

export interface PhaseFormValues {
  title: Texts;
  description: Texts;
  startsOn: string;
  endsOn: string;
}

export interface PhaseBody {
  title: Text;
  description: Text;
  startsOn: string | null;
  endsOn: string | null;
}

export const emptyPhaseForm = (): PhaseFormValues => ({
  title: noTexts(),
  description: noTexts(),
  startsOn: '',
  endsOn: '',
});

export const phaseFormOf = (p: PhaseView): PhaseFormValues => ({
  title: textValues(p.title),
  description: textValues(p.description),
  startsOn: p.startsOn ?? '',
  endsOn: p.endsOn ?? '',
});

export const PHASE_API_FIELDS: Record<string, string> = {
  'title.en': 'phaseTitle-en',
  'title.fr': 'phaseTitle-fr',
  title: 'phaseTitle-fr',
  'description.en': 'phaseDescription-en',
  'description.fr': 'phaseDescription-fr',
  description: 'phaseDescription-fr',
  startsOn: 'phaseStartsOn',
  endsOn: 'phaseEndsOn',
};

export function readPhaseForm(
  i18n: I18n,
  body: FormBody,
): { values: PhaseFormValues; dto: PhaseBody | null; errors: FieldError[] } {
  const values: PhaseFormValues = {
    title: readTexts(body, 'phaseTitle'),
    description: readTexts(body, 'phaseDescription'),
    startsOn: formText(body, 'phaseStartsOn'),
    endsOn: formText(body, 'phaseEndsOn'),
  };
  const errors: FieldError[] = [];
  const fail = (field: string, message: string) => errors.push({ field, message });
  if (!values.title.fr && !values.title.en)
    fail('phaseTitle-fr', i18n.t('spacesAdmin.form.titleRequired'));
  for (const l of LANGS) {
    const t = charCount(values.title[l]);
    if (t > SHORT_MAX)
      fail(`phaseTitle-${l}`, i18n.t('lifecycle.tooLong', { max: SHORT_MAX, count: t }));
    const d = charCount(values.description[l]);
    if (d > LONG_MAX)
      fail(`phaseDescription-${l}`, i18n.t('lifecycle.tooLong', { max: LONG_MAX, count: d }));
  }
  const startsOn = values.startsOn ? parseDay(values.startsOn) : null;
  const endsOn = values.endsOn ? parseDay(values.endsOn) : null;
  if (values.startsOn && !startsOn) fail('phaseStartsOn', i18n.t('spacesAdmin.form.dateInvalid'));
  if (values.endsOn && !endsOn) fail('phaseEndsOn', i18n.t('spacesAdmin.form.dateInvalid'));
  if (startsOn && endsOn && endsOn < startsOn)
    fail('phaseEndsOn', i18n.t('spacesAdmin.form.endBeforeStart'));
  if (errors.length) return { values, dto: null, errors };
  return {
    values,
    errors,
    dto: {
      title: textBody(values.title),
      description: textBody(values.description),
      startsOn,
      endsOn,
    },
  };
}
