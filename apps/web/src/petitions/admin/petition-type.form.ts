import type { FieldError } from '../../shared/html/components';
import { formText, parseInteger } from '../../shared/html/form-controls';
import type { I18n } from '../../shared/i18n/i18n';
import { AUTHOR_POLICIES, SIGNER_POLICIES, type PetitionTypeView } from '../lifecycle.api';
import { charCount } from '../../shared/forms/form-read';

export const MAX_MILESTONES = 10;

/** The form as typed, kept to show it again with its errors. */
export interface TypeFormValues {
  name: string;
  description: string;
  signatureDays: string;
  signers: string;
  authors: string;
  withdrawalAllowed: boolean;
  milestones: { threshold: string; label: string }[];
  areaBreakdown: boolean;
  areaRuleSignatures: string;
  areaRuleAreas: string;
  active: boolean;
}

/** The body of POST /api/petitions/types, or of PATCH /api/petitions/types/:id (every field). */
export type PetitionTypeBody = Omit<PetitionTypeView, 'id'>;

export const emptyTypeForm = (): TypeFormValues => ({
  name: '',
  description: '',
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
    name: t.name,
    description: t.description,
    signatureDays: String(t.signatureDays),
    signers: t.signers,
    authors: t.authors,
    withdrawalAllowed: t.withdrawalAllowed,
    milestones: t.milestones.map((m) => ({ threshold: String(m.threshold), label: m.label })),
    areaBreakdown: t.areaBreakdown,
    areaRuleSignatures: t.areaRule ? String(t.areaRule.signatures) : '',
    areaRuleAreas: t.areaRule ? String(t.areaRule.areas) : '',
    active: t.active,
  };
}

export const milestoneId = (i: number, part: 'threshold' | 'label') => `milestone-${i}-${part}`;

/** The API's field names → this form's field ids. */
export const TYPE_API_FIELDS: Record<string, string> = {
  name: 'name',
  description: 'description',
  signatureDays: 'signatureDays',
  signers: 'signers',
  authors: 'authors',
  withdrawalAllowed: 'withdrawalAllowed',
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
      label: formText(body, milestoneId(i, 'label')),
    });
  while (
    milestones.length &&
    !milestones[milestones.length - 1].threshold &&
    !milestones[milestones.length - 1].label
  )
    milestones.pop();
  const values: TypeFormValues = {
    name: formText(body, 'name'),
    description: formText(body, 'description'),
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

  if (!values.name) fail('name', i18n.t('form.required'));
  else if (charCount(values.name) > 120)
    fail('name', i18n.t('lifecycle.tooLong', { max: 120, count: charCount(values.name) }));
  if (charCount(values.description) > 4000)
    fail(
      'description',
      i18n.t('lifecycle.tooLong', { max: 4000, count: charCount(values.description) }),
    );
  const days = integer('signatureDays', values.signatureDays, 1, 3660);
  if (!SIGNER_POLICIES.includes(values.signers as PetitionTypeView['signers']))
    fail('signers', i18n.t('admin.types.chooseOne'));
  if (!AUTHOR_POLICIES.includes(values.authors as PetitionTypeView['authors']))
    fail('authors', i18n.t('admin.types.chooseOne'));

  const steps: PetitionTypeBody['milestones'] = [];
  values.milestones.forEach((m, i) => {
    if (!m.threshold && !m.label) return;
    const threshold = integer(milestoneId(i, 'threshold'), m.threshold, 1, 1_000_000_000);
    if (!m.label) fail(milestoneId(i, 'label'), i18n.t('admin.types.milestoneLabelRequired'));
    else if (charCount(m.label) > 200)
      fail(
        milestoneId(i, 'label'),
        i18n.t('lifecycle.tooLong', { max: 200, count: charCount(m.label) }),
      );
    if (threshold === null || !m.label) return;
    const previous = steps[steps.length - 1];
    if (previous && threshold <= previous.threshold)
      fail(
        milestoneId(i, 'threshold'),
        i18n.t('admin.types.milestoneIncreasing', { previous: previous.threshold }),
      );
    steps.push({ threshold, label: m.label });
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
      name: values.name,
      description: values.description,
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
