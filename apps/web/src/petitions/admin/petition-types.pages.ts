import {
  errorSummary,
  localText,
  messageWith,
  type FieldError,
} from '../../shared/html/components';
import {
  checkbox,
  errorOf,
  inputField,
  radioGroup,
  textPerLanguage,
} from '../../shared/html/form-controls';
import { html, type Html } from '../../shared/html/html';
import type { PageContext } from '../../shared/layout/page-context';
import type { PetitionTypeView } from '../lifecycle.api';
import { doneNotice, formNotice } from '../../shared/forms/form-notices';
import { noTexts } from '../../shared/forms/form-read';
import {
  DESCRIPTION_MAX,
  LABEL_MAX,
  MAX_MILESTONES,
  NAME_MAX,
  milestoneId,
  type TypeFormValues,
} from './petition-type.form';

export const TYPES_PATH = '/admin/petitions/types';

export function typesListPage(
  ctx: PageContext,
  types: PetitionTypeView[],
  done: string | null,
): Html {
  const { t, i18n } = ctx;
  return html`<p><a href="/admin">← ${t('admin.home.title')}</a></p>
    ${doneNotice(done)}
    <h1>${t('admin.types.title')}</h1>
    <p>${t('admin.types.intro')}</p>
    <p><a class="button" href="${TYPES_PATH}/new">${t('admin.types.new')}</a></p>
    ${
      types.length === 0
        ? html`<p>${t('admin.types.none')}</p>`
        : html`<ul class="card-list">
          ${types.map(
            (ty) =>
              html`<li class="card">
                <h2><a href="${TYPES_PATH}/${ty.id}">${localText(ctx.locale, ty.name)}</a></h2>
                <p class="meta">
                  <span class="tag"
                    >${ty.active ? t('admin.types.active') : t('admin.types.inactive')}</span
                  >
                  · ${i18n.plural('admin.types.days', ty.signatureDays)}
                </p>
                <ul>
                  <li>${t(`admin.types.signers.${ty.signers}`)}</li>
                  <li>${t(`admin.types.authors.${ty.authors}`)}</li>
                  <li>
                    ${
                      ty.withdrawalAllowed
                        ? t('admin.types.withdrawal.yes')
                        : t('admin.types.withdrawal.no')
                    }
                  </li>
                  ${ty.milestones.map(
                    (m) =>
                      html`<li>
                        ${messageWith(i18n, 'admin.types.milestoneSummary', { threshold: m.threshold }, { label: localText(ctx.locale, m.label) })}
                      </li>`,
                  )}
                  ${
                    ty.areaRule
                      ? html`<li>
                        ${t('admin.types.areaRuleSummary', { signatures: ty.areaRule.signatures, areas: ty.areaRule.areas })}
                      </li>`
                      : ty.areaBreakdown
                        ? html`<li>${t('admin.types.areaBreakdown')}</li>`
                        : ''
                  }
                </ul>
              </li>`,
          )}
        </ul>`
    }`;
}

/** The petition type form, new or edited. */
export function typeFormPage(
  ctx: PageContext,
  form: { values: TypeFormValues; errors: FieldError[]; notice?: string | null },
  target: { action: string; heading: Html | string; submit: string },
): Html {
  const { t, i18n } = ctx;
  const v = form.values;
  const err = (f: string) => errorOf(form.errors, f);
  const filled = v.milestones.length;
  const rows = Math.min(MAX_MILESTONES, Math.max(filled + 2, 3));
  const milestoneRows = Array.from({ length: rows }, (_, i) => {
    const m = v.milestones[i] ?? { threshold: '', label: noTexts() };
    return html`<fieldset>
      <legend>${t('admin.types.milestone', { n: i + 1 })}</legend>
      ${inputField({ id: milestoneId(i, 'threshold'), label: t('admin.types.milestoneThreshold'), kind: 'integer', value: m.threshold, error: err(milestoneId(i, 'threshold')), i18n })}
      ${textPerLanguage({ id: milestoneId(i, 'label'), legend: t('admin.types.milestoneLabel'), hint: t('admin.types.milestoneLabelHint'), values: m.label, maxlength: LABEL_MAX, errors: form.errors, i18n })}
    </fieldset>`;
  });
  return html`<p><a href="${TYPES_PATH}">← ${t('admin.types.title')}</a></p>
    <h1>${target.heading}</h1>
    ${errorSummary(i18n, form.errors)} ${formNotice(form.notice)}
    <form method="post" action="${target.action}" novalidate data-once>
      ${textPerLanguage({ id: 'name', legend: t('admin.types.name'), hint: t('admin.types.nameHint'), values: v.name, maxlength: NAME_MAX, errors: form.errors, i18n })}
      ${textPerLanguage({ id: 'description', legend: t('admin.types.description'), hint: t('admin.types.descriptionHint'), values: v.description, maxlength: DESCRIPTION_MAX, rows: 4, errors: form.errors, i18n })}
      ${inputField({ id: 'signatureDays', label: t('admin.types.signatureDays'), hint: t('admin.types.signatureDaysHint'), kind: 'integer', value: v.signatureDays, required: true, error: err('signatureDays'), i18n })}
      ${radioGroup({
        name: 'signers',
        legend: t('admin.types.signers'),
        value: v.signers,
        error: err('signers'),
        i18n,
        choices: [
          {
            value: 'franceconnect',
            label: t('admin.types.signers.franceconnect'),
            hint: t('admin.types.signers.franceconnectHint'),
          },
          {
            value: 'franceconnect-or-account',
            label: t('admin.types.signers.franceconnect-or-account'),
            hint: t('admin.types.signers.franceconnect-or-accountHint'),
          },
        ],
      })}
      ${radioGroup({
        name: 'authors',
        legend: t('admin.types.authors'),
        value: v.authors,
        error: err('authors'),
        i18n,
        choices: [
          {
            value: 'franceconnect',
            label: t('admin.types.authors.franceconnect'),
            hint: t('admin.types.authors.franceconnectHint'),
          },
          {
            value: 'account',
            label: t('admin.types.authors.account'),
            hint: t('admin.types.authors.accountHint'),
          },
        ],
      })}
      <fieldset>
        <legend>${t('admin.types.options')}</legend>
        ${checkbox({ id: 'withdrawalAllowed', label: t('admin.types.withdrawal'), hint: t('admin.types.withdrawalHint'), checked: v.withdrawalAllowed, error: err('withdrawalAllowed'), i18n })}
        ${checkbox({ id: 'active', label: t('admin.types.activeLabel'), hint: t('admin.types.activeHint'), checked: v.active, error: err('active'), i18n })}
      </fieldset>
      <fieldset>
        <legend>${t('admin.types.milestones')}</legend>
        <p class="hint">${t('admin.types.milestonesHint', { max: MAX_MILESTONES })}</p>
        ${milestoneRows}
      </fieldset>
      <fieldset>
        <legend>${t('admin.types.areas')}</legend>
        ${checkbox({ id: 'areaBreakdown', label: t('admin.types.areaBreakdownLabel'), hint: t('admin.types.areaBreakdownHint'), checked: v.areaBreakdown, error: err('areaBreakdown'), i18n })}
        <p class="hint">${t('admin.types.areaRuleHint')}</p>
        ${inputField({ id: 'areaRuleSignatures', label: t('admin.types.areaRuleSignatures'), kind: 'integer', value: v.areaRuleSignatures, error: err('areaRuleSignatures'), i18n })}
        ${inputField({ id: 'areaRuleAreas', label: t('admin.types.areaRuleAreas'), kind: 'integer', value: v.areaRuleAreas, error: err('areaRuleAreas'), i18n })}
      </fieldset>
      <p><button class="button" type="submit">${target.submit}</button></p>
    </form>`;
}
