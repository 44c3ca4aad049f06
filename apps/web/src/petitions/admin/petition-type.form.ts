import type { FieldError } from '../../shared/html/components';
import { formText, parseInteger } from '../../shared/html/form-controls';
import type { I18n } from '../../shared/i18n/i18n';
import { AUTHOR_POLICIES, SIGNER_POLICIES, type PetitionTypeView } from '../lifecycle.api';
import { TEXT_LANGUAGES } from '@palabre/contracts';
import {
  charCount,
  noTexts,
  readTexts,
  textBody,
  textId,
  textValues,
  type TextValues,
} from '../../shared/forms/form-read';

export const MAX_MILESTONES = 10;
/** The service's limits per language (CreatePetitionTypeDto). */
export const NAME_MAX = 120;
export const DESCRIPTION_MAX = 4000;
export const LABEL_MAX = 200;

/** The form as typed, kept to show it again with its errors; texts per language (ADR 0033). */
export interface TypeFormValues {
  name: TextValues;
  description: TextValues;
  signatureDays: string;
  signers: string;
  authors: string;
  withdrawalAllowed: boolean;
  milestones: { threshold: string; label: TextValues }[];
  areaBreakdown: boolean;
  areaRuleSignatures: string;
  areaRuleAreas: string;
  active: boolean;
}

/** The body of POST /api/petitions/types, or of PATCH /api/petitions/types/:id (every field). */
export type PetitionTypeBody = Omit<PetitionTypeView, 'id'>;

export const emptyTypeForm = (): TypeFormValues => ({
  name: noTexts(),
  description: noTexts(),
  signatureDays: '',
  signers: 'franceconnect',
  authors: 'franceconnect',
  withdrawalAllowed: false,
  milestones: [],
  areaBreakdown: false,
  areaRuleSignatures: '',
  areaRuleAreas: '',
  active: true,
});

export function typeFormOf(t: PetitionTypeView): TypeFormValues {
  return {
    name: textValues(t.name),
    description: textValues(t.description),
    signatureDays: String(t.signatureDays),
    signers: t.signers,
    authors: t.authors,
    withdrawalAllowed: t.withdrawalAllowed,
    milestones: t.milestones.map((m) => ({
      threshold: String(m.threshold),
      label: textValues(m.label),
    })),
    areaBreakdown: t.areaBreakdown,
    areaRuleSignatures: t.areaRule ? String(t.areaRule.signatures) : '',
    areaRuleAreas: t.areaRule ? String(t.areaRule.areas) : '',
    active: t.active,
  };
}

export const milestoneId = (i: number, part: 'threshold' | 'label') => `milestone-${i}-${part}`;

/** A text's API fields → its controls: `name.en` → `name-en`; `name` (none written) → the French one. */
const textFields = (api: string, id: string): [string, string][] => [
  ...TEXT_LANGUAGES.map((lang): [string, string] => [`${api}.${lang}`, textId(id, lang)]),
  [api, textId(id, 'fr')],
];

/** The API's field names → this form's field ids ("name.en" before "name": the first match wins). */
export const TYPE_API_FIELDS: Record<string, string> = {
  ...Object.fromEntries(textFields('name', 'name')),
  ...Object.fromEntries(textFields('description', 'description')),
  signatureDays: 'signatureDays',
  signers: 'signers',
  authors: 'authors',
  withdrawalAllowed: 'withdrawalAllowed',
  ...Object.fromEntries(
    Array.from({ length: MAX_MILESTONES }, (_, i) => [
      ...textFields(`milestones.${i}.label`, milestoneId(i, 'label')),
      [`milestones.${i}.threshold`, milestoneId(i, 'threshold')],
    ]).flat(),
  ),
  milestones: milestoneId(0, 'threshold'),
  areaBreakdown: 'areaBreakdown',
  'areaRule.signatures': 'areaRuleSignatures',
  'areaRule.areas': 'areaRuleAreas',
  areaRule: 'areaRuleSignatures',
  active: 'active',
};

/**
 * Reads the petition type form with the rules of CreatePetitionTypeDto and
 * the service's coherence checks (milestones strictly increasing; an area
 * rule only when signers are asked their area), each error on its field.
 */
export function readTypeForm(
  i18n: I18n,
  body: Record<string, unknown>,
): { values: TypeFormValues; dto: PetitionTypeBody | null; errors: FieldError[] } {
  const ticked = (name: string) => body[name] === 'true';
  const milestones: TypeFormValues['milestones'] = [];
  for (let i = 0; i < MAX_MILESTONES; i++)
    milestones.push({
      threshold: formText(body, milestoneId(i, 'threshold')),
      label: readTexts(body, milestoneId(i, 'label')),
    });
  const blank = (m: TypeFormValues['milestones'][number]) =>
    !m.threshold && !m.label.fr && !m.label.en;
  while (milestones.length && blank(milestones[milestones.length - 1])) milestones.pop();
  const values: TypeFormValues = {
    name: readTexts(body, 'name'),
    description: readTexts(body, 'description'),
    signatureDays: formText(body, 'signatureDays'),
    signers: formText(body, 'signers'),
    authors: formText(body, 'authors'),
    withdrawalAllowed: ticked('withdrawalAllowed'),
    milestones,
    areaBreakdown: ticked('areaBreakdown'),
    areaRuleSignatures: formText(body, 'areaRuleSignatures'),
    areaRuleAreas: formText(body, 'areaRuleAreas'),
    active: ticked('active'),
  };
  const errors: FieldError[] = [];
  const fail = (field: string, message: string) => errors.push({ field, message });
  const integer = (field: string, text: string, min: number, max: number): number | null => {
    if (!text) {
      fail(field, i18n.t('form.required'));
      return null;
    }
    const n = parseInteger(text);
    if (n === null || n < min || n > max) {
      fail(field, i18n.t('admin.form.integerBetween', { min, max }));
      return null;
    }
    return n;
  };

  /** Each language's text within `max` characters, its error on that language's control. */
  const within = (id: string, text: TextValues, max: number) => {
    for (const lang of TEXT_LANGUAGES) {
      const count = charCount(text[lang]);
      if (count > max) fail(textId(id, lang), i18n.t('lifecycle.tooLong', { max, count }));
    }
  };

  if (!values.name.fr && !values.name.en)
    fail(textId('name', 'fr'), i18n.t('admin.types.nameRequired'));
  within('name', values.name, NAME_MAX);
  within('description', values.description, DESCRIPTION_MAX);
  const days = integer('signatureDays', values.signatureDays, 1, 3660);
  if (!SIGNER_POLICIES.includes(values.signers as PetitionTypeView['signers']))
    fail('signers', i18n.t('admin.types.chooseOne'));
  if (!AUTHOR_POLICIES.includes(values.authors as PetitionTypeView['authors']))
    fail('authors', i18n.t('admin.types.chooseOne'));

  const steps: PetitionTypeBody['milestones'] = [];
  values.milestones.forEach((m, i) => {
    if (blank(m)) return;
    const threshold = integer(milestoneId(i, 'threshold'), m.threshold, 1, 1_000_000_000);
    const labelled = Boolean(m.label.fr || m.label.en);
    if (!labelled)
      fail(textId(milestoneId(i, 'label'), 'fr'), i18n.t('admin.types.milestoneLabelRequired'));
    within(milestoneId(i, 'label'), m.label, LABEL_MAX);
    if (threshold === null || !labelled) return;
    const previous = steps[steps.length - 1];
    if (previous && threshold <= previous.threshold)
      fail(
        milestoneId(i, 'threshold'),
        i18n.t('admin.types.milestoneIncreasing', { previous: previous.threshold }),
      );
    steps.push({ threshold, label: textBody(m.label) });
  });

  let areaRule: PetitionTypeBody['areaRule'] = null;
  if (values.areaRuleSignatures || values.areaRuleAreas) {
    const signatures = integer('areaRuleSignatures', values.areaRuleSignatures, 1, 1_000_000_000);
    const areas = integer('areaRuleAreas', values.areaRuleAreas, 1, 10_000);
    if (signatures !== null && areas !== null) areaRule = { signatures, areas };
    if (!values.areaBreakdown) fail('areaBreakdown', i18n.t('admin.types.areaRuleNeedsBreakdown'));
  }

  if (errors.length || days === null) return { values, dto: null, errors };
  return {
    values,
    errors,
    dto: {
      name: textBody(values.name),
      description: textBody(values.description),
      signatureDays: days,
      signers: values.signers as PetitionTypeView['signers'],
      authors: values.authors as PetitionTypeView['authors'],
      withdrawalAllowed: values.withdrawalAllowed,
      milestones: steps,
      areaBreakdown: values.areaBreakdown,
      areaRule,
      active: values.active,
    },
  };
}
