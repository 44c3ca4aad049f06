/**
 * A component in the back-office: its name and position, its settings as one
 * form generated from the type's registered definitions (global, then per
 * phase, the current one open, and "when no phase is active"), and who may
 * take each action.
 */
import { errorSummary, type FieldError } from '../../shared/html/components';
import { checkbox, errorOf, inputField, radioGroup } from '../../shared/html/form-controls';
import { html, type Html } from '../../shared/html/html';
import type { PageContext } from '../../shared/layout/page-context';
import { doneNotice, formNotice } from '../../shared/forms/form-notices';
import {
  textIn,
  type ComponentDetail,
  type ComponentType,
  type Permission,
  type PhaseView,
  type SettingDef,
  type SpaceLanding,
} from '../spaces.api';
import { period } from '../public/spaces.pages';
import { spacePath } from './admin-spaces.pages';
import {
  AGE_MAX,
  AGE_MIN,
  PHASES_FIELD,
  POSITION_MAX,
  permissionId,
  permissionValues,
  phasePart,
  settingId,
  shownValue,
  type RawValues,
} from './component.form';
import { SHORT_MAX } from './space.form';

/** The form a page comes back with: which one (`key`), what was typed, its errors. */
export interface ComponentForm {
  key: string;
  values: RawValues;
  errors: FieldError[];
  notice?: string | null;
}

export const NO_FORM: ComponentForm = { key: '', values: {}, errors: [] };

const back = (s: SpaceLanding, ctx: PageContext) =>
  html`<p><a href="${spacePath(s.id)}#components">← ${textIn(s.title, ctx.locale)}</a></p>`;

/** A labelled select, in the pattern of form-controls.ts. */
function selectField(opts: {
  id: string;
  label: string;
  hint?: string;
  value: string;
  choices: { value: string; label: string }[];
  error?: string;
  ctx: PageContext;
}): Html {
  const described = [opts.hint && `${opts.id}-hint`, opts.error && `${opts.id}-error`]
    .filter(Boolean)
    .join(' ');
  return html`<div class="field">
    <label for="${opts.id}"
      >${opts.label}${opts.hint ? html`<span class="hint" id="${opts.id}-hint">${opts.hint}</span>` : ''}</label
    >
    ${opts.error ? html`<p class="field-error" id="${opts.id}-error">${opts.ctx.t('form.error', { message: opts.error })}</p>` : ''}
    <select
      id="${opts.id}"
      name="${opts.id}"
      ${described ? html`aria-describedby="${described}"` : ''}
      ${opts.error ? html`aria-invalid="true"` : ''}
    >
      ${opts.choices.map((c) => html`<option value="${c.value}" ${c.value === opts.value ? html`selected` : ''}>${c.label}</option>`)}
    </select>
  </div>`;
}

const settingLabel = (ctx: PageContext, def: SettingDef) =>
  textIn(def.label, ctx.locale) || def.name.replace(/_/g, ' ');

/** The words the component type gives a choice in this language, else the choice itself. */
const choiceLabel = (ctx: PageContext, def: SettingDef, choice: string) =>
  textIn(def.choiceLabels?.[choice], ctx.locale) || choice.replace(/_/g, ' ');

/** One control per registered setting: boolean → checkbox, integer → number with bounds, enum → select, string → text. */
function settingControl(
  ctx: PageContext,
  def: SettingDef,
  id: string,
  value: string,
  error: string | undefined,
): Html {
  const { t, i18n } = ctx;
  const label = settingLabel(ctx, def);
  switch (def.type) {
    case 'boolean':
      return checkbox({
        id,
        label,
        checked: value === 'true',
        error,
        i18n,
        hint: t('spacesAdmin.settings.defaultIs', {
          value: def.default ? t('spacesAdmin.settings.yes') : t('spacesAdmin.settings.no'),
        }),
      });
    case 'integer': {
      const bounds =
        def.minimum !== undefined && def.maximum !== undefined
          ? t('spacesAdmin.settings.between', { min: def.minimum, max: def.maximum })
          : def.minimum !== undefined
            ? t('spacesAdmin.settings.min', { min: def.minimum })
            : def.maximum !== undefined
              ? t('spacesAdmin.settings.max', { max: def.maximum })
              : '';
      return inputField({
        id,
        label,
        kind: 'integer',
        value,
        error,
        i18n,
        hint: `${bounds ? `${bounds} ` : ''}${t('spacesAdmin.settings.defaultIs', { value: String(def.default) })}`,
      });
    }
    case 'enum':
      return selectField({
        id,
        label,
        value,
        error,
        ctx,
        choices: (def.choices ?? []).map((c) => ({ value: c, label: choiceLabel(ctx, def, c) })),
        hint: t('spacesAdmin.settings.defaultIs', {
          value: choiceLabel(ctx, def, String(def.default)),
        }),
      });
    default:
      return inputField({ id, label, value, error, i18n, maxlength: def.maxLength });
  }
}

/** One part of the settings form (global, a phase, "no active phase"): its key prefixes the ids. */
interface SettingsPart {
  key: string;
  /** What the part is, as its legend and the error summary name it. */
  name: string;
  defs: SettingDef[];
  stored: Record<string, unknown>;
}

/** The controls of one part, with what was sent and its errors when the form comes back refused. */
function partControls(ctx: PageContext, part: SettingsPart, form: ComponentForm): Html[] {
  const mine = form.key === 'settings';
  return part.defs.map((def) => {
    const id = settingId(part.key, def.name);
    const value = mine && id in form.values ? form.values[id] : shownValue(def, part.stored);
    return settingControl(ctx, def, id, value, mine ? errorOf(form.errors, id) : undefined);
  });
}

/**
 * The parts of a component's settings form: global, each phase in order,
 * then "no active phase" (an assembly's only one).
 */
function settingsParts(
  ctx: PageContext,
  s: SpaceLanding,
  c: ComponentDetail,
  type: ComponentType,
): {
  global: SettingsPart;
  phases: (SettingsPart & { phase: PhaseView })[];
  fallback: SettingsPart;
} {
  const { t } = ctx;
  return {
    global: {
      key: 'global',
      name: t('spacesAdmin.settings.global'),
      defs: type.globalSettings,
      stored: c.settings,
    },
    phases: type.phaseSettings.length
      ? s.phases.map((p, i) => ({
          key: phasePart(p.id),
          name: t('spacesAdmin.phase.name', { n: i + 1, title: textIn(p.title, ctx.locale) }),
          defs: type.phaseSettings,
          stored: c.phaseSettings[p.id] ?? {},
          phase: p,
        }))
      : [],
    fallback: {
      key: 'default',
      name:
        s.kind === 'process'
          ? t('spacesAdmin.settings.noActivePhase')
          : t('spacesAdmin.settings.assembly'),
      defs: type.phaseSettings,
      stored: c.defaultPhaseSettings,
    },
  };
}

/**
 * The summary's words for a settings error: which part and which setting,
 * since the same setting appears in every phase.
 */
function settingsErrors(
  ctx: PageContext,
  parts: SettingsPart[],
  errors: FieldError[],
): FieldError[] {
  return errors.map((e) => {
    for (const part of parts)
      for (const def of part.defs)
        if (settingId(part.key, def.name) === e.field)
          return {
            field: e.field,
            message: ctx.t('spacesAdmin.settings.errorIn', {
              part: part.name,
              setting: settingLabel(ctx, def),
              message: e.message,
            }),
          };
    return e;
  });
}

/**
 * A phase's part of the form, folded under its name and dates: open when it
 * is the current one (or, for "no active phase", when none is) and when it
 * holds an error, so that the page stays short and the error summary's links
 * land on a visible field.
 */
function foldedPart(
  ctx: PageContext,
  part: SettingsPart,
  form: ComponentForm,
  opts: { active: boolean; when?: string | null; phaseId?: string },
): Html {
  const { t } = ctx;
  const hasError =
    form.key === 'settings' &&
    part.defs.some((d) => errorOf(form.errors, settingId(part.key, d.name)) !== undefined);
  return html`<details class="settings-part" id="part-${part.key}" ${opts.active || hasError ? html`open` : ''}>
    <summary>
      <span class="settings-part-name">${part.name}</span>
      ${opts.active ? html` <span class="tag">${t('spaces.phaseActive')}</span>` : ''}
      ${opts.when ? html` <span class="meta">${opts.when}</span>` : ''}
    </summary>
    <fieldset>
      <legend class="visually-hidden">${part.name}</legend>
      ${opts.phaseId ? html`<input type="hidden" name="${PHASES_FIELD}" value="${opts.phaseId}" />` : ''}
      ${partControls(ctx, part, form)}
    </fieldset>
  </details>`;
}

/** All the settings of a component, one form: saved together, or nothing when any value is wrong. */
function settingsForm(
  ctx: PageContext,
  s: SpaceLanding,
  c: ComponentDetail,
  type: ComponentType,
  base: string,
  form: ComponentForm,
): Html {
  const { t } = ctx;
  const { global, phases, fallback } = settingsParts(ctx, s, c, type);
  const activeId = c.effective.activePhaseId;
  return html`<form method="post" action="${base}/settings" novalidate data-once id="form-settings">
    <p class="hint">${t('spacesAdmin.settings.oneSave')}</p>
    ${
      global.defs.length
        ? html`<fieldset>
            <legend>${global.name}</legend>
            ${partControls(ctx, global, form)}
          </fieldset>`
        : html`<p>${t('spacesAdmin.settings.noGlobal')}</p>`
    }
    <h3 id="phase-settings-title">${t('spacesAdmin.settings.perPhase')}</h3>
    ${
      type.phaseSettings.length === 0
        ? html`<p>${t('spacesAdmin.settings.noPhaseSettings')}</p>`
        : html`<p>${t(s.kind === 'process' ? 'spacesAdmin.settings.perPhaseIntro' : 'spacesAdmin.settings.assemblyIntro')}</p>
            ${phases.map((part) =>
              foldedPart(ctx, part, form, {
                active: part.phase.id === activeId,
                when: period(ctx, part.phase.startsOn, part.phase.endsOn),
                phaseId: part.phase.id,
              }),
            )}
            ${foldedPart(ctx, fallback, form, { active: !activeId })}`
    }
    <p><button class="button" type="submit">${t('spacesAdmin.settings.save')}</button></p>
  </form>`;
}

/** Who may take an action now, in a few words: the folded permission's summary. */
function ruleInForce(ctx: PageContext, p: Permission | undefined): string {
  const { t } = ctx;
  return [
    p?.verification === 'franceconnect'
      ? t('spacesAdmin.permissions.franceconnect')
      : t('spacesAdmin.permissions.anyone'),
    p?.minimumAge ? t('spacesAdmin.permissions.ageShort', { age: p.minimumAge }) : '',
    p?.membersOnly ? t('spacesAdmin.permissions.membersShort') : '',
  ]
    .filter(Boolean)
    .join(' · ');
}

export function newComponentPage(
  ctx: PageContext,
  s: SpaceLanding,
  types: ComponentType[],
  form: ComponentForm,
): Html {
  const { t, i18n } = ctx;
  const err = (f: string) => errorOf(form.errors, f);
  return html`${back(s, ctx)}
    <h1>${t('spacesAdmin.component.add')}</h1>
    ${errorSummary(i18n, form.errors)} ${formNotice(form.notice)}
    ${
      types.length === 0
        ? html`<p class="notice warning">${t('spacesAdmin.component.noTypes')}</p>`
        : html`<form method="post" action="${spacePath(s.id)}/components/new" novalidate data-once>
            ${radioGroup({
              name: 'type',
              legend: t('spacesAdmin.component.type'),
              value: form.values.type,
              error: err('type'),
              i18n,
              choices: types.map((ty) => ({
                value: ty.type,
                label: textIn(ty.name, ctx.locale) || ty.type,
                hint: t('spacesAdmin.component.typeHint', {
                  actions:
                    ty.actions.map((a) => textIn(a.label, ctx.locale) || a.name).join(', ') || '—',
                }),
              })),
            })}
            <fieldset>
              <legend>${t('spacesAdmin.component.name')}</legend>
              ${inputField({ id: 'name-fr', label: t('form.in.fr'), value: form.values['name-fr'], lang: 'fr', maxlength: SHORT_MAX, error: err('name-fr'), i18n })}
              ${inputField({ id: 'name-en', label: t('form.in.en'), value: form.values['name-en'], lang: 'en', maxlength: SHORT_MAX, error: err('name-en'), i18n })}
            </fieldset>
            <p><button class="button" type="submit">${t('spacesAdmin.component.create')}</button></p>
          </form>`
    }`;
}

export function componentPage(
  ctx: PageContext,
  s: SpaceLanding,
  c: ComponentDetail,
  type: ComponentType | null,
  form: ComponentForm,
  done: string | null,
): Html {
  const { t, i18n } = ctx;
  const base = `${spacePath(s.id)}/components/${c.id}`;
  const nameForm = form.key === 'name';
  const nameValues: RawValues = nameForm
    ? form.values
    : { 'name-fr': c.name.fr ?? '', 'name-en': c.name.en ?? '', position: String(c.position) };
  const nameErr = (f: string) => (nameForm ? errorOf(form.errors, f) : undefined);
  const summary =
    form.key === 'settings' && type
      ? (() => {
          const { global, phases, fallback } = settingsParts(ctx, s, c, type);
          return settingsErrors(ctx, [global, ...phases, fallback], form.errors);
        })()
      : form.errors;
  return html`${back(s, ctx)} ${doneNotice(done)}
    <h1>${t('spacesAdmin.component.heading', { name: textIn(c.name, ctx.locale) })}</h1>
    <p class="meta">
      <span class="tag">${type ? textIn(type.name, ctx.locale) || c.type : c.type}</span>
    </p>
    ${errorSummary(i18n, summary)}
    ${type ? '' : html`<p class="notice warning">${t('spacesAdmin.component.typeUnavailable', { type: c.type })}</p>`}
    <section aria-labelledby="name-title">
      <h2 id="name-title">${t('spacesAdmin.component.nameAndPosition')}</h2>
      ${nameForm ? formNotice(form.notice) : ''}
      <form method="post" action="${base}" novalidate data-once>
        <fieldset>
          <legend>${t('spacesAdmin.component.name')}</legend>
          ${inputField({ id: 'name-fr', label: t('form.in.fr'), value: nameValues['name-fr'], lang: 'fr', maxlength: SHORT_MAX, error: nameErr('name-fr'), i18n })}
          ${inputField({ id: 'name-en', label: t('form.in.en'), value: nameValues['name-en'], lang: 'en', maxlength: SHORT_MAX, error: nameErr('name-en'), i18n })}
        </fieldset>
        ${inputField({ id: 'position', label: t('spacesAdmin.component.position'), hint: t('spacesAdmin.component.positionHint', { max: POSITION_MAX }), kind: 'integer', value: nameValues.position, required: true, error: nameErr('position'), i18n })}
        <p><button class="button" type="submit">${t('spacesAdmin.component.save')}</button></p>
      </form>
    </section>
    ${
      type
        ? html`<section aria-labelledby="settings-title" id="settings">
              <h2 id="settings-title">${t('spacesAdmin.settings.title')}</h2>
              ${form.key === 'settings' ? formNotice(form.notice) : ''}
              ${settingsForm(ctx, s, c, type, base, form)}
            </section>
            <section aria-labelledby="permissions-title">
              <h2 id="permissions-title">${t('spacesAdmin.permissions.title')}</h2>
              <p>${t('spacesAdmin.permissions.intro')}</p>
              ${type.actions.length === 0 ? html`<p>${t('spacesAdmin.permissions.none')}</p>` : ''}
              ${type.actions.map((a) => {
                const key = `perm-${a.name}`;
                const mine = form.key === key;
                const values = mine ? form.values : permissionValues(a.name, c.permissions[a.name]);
                const err = (f: string) => (mine ? errorOf(form.errors, f) : undefined);
                const label = textIn(a.label, ctx.locale) || a.name;
                const gate = a.enabledBy
                  ? t('spacesAdmin.permissions.enabledBy', {
                      setting: settingLabel(
                        ctx,
                        type.phaseSettings.find((d) => d.name === a.enabledBy) ??
                          ({ name: a.enabledBy, label: {} } as SettingDef),
                      ),
                    })
                  : a.blockedBy
                    ? t('spacesAdmin.permissions.blockedBy', {
                        setting: settingLabel(
                          ctx,
                          type.phaseSettings.find((d) => d.name === a.blockedBy) ??
                            ({ name: a.blockedBy, label: {} } as SettingDef),
                        ),
                      })
                    : t('spacesAdmin.permissions.always');
                const name = t('spacesAdmin.permissions.action', { action: label });
                // Folded under the rule in force, open when it comes back with an error.
                return html`<details class="settings-part" id="part-${key}" ${mine ? html`open` : ''}>
                  <summary>
                    <span class="settings-part-name">${name}</span>
                    <span class="meta">${ruleInForce(ctx, c.permissions[a.name])}</span>
                  </summary>
                  <form method="post" action="${base}/permissions/${a.name}" novalidate data-once id="form-${key}">
                  <fieldset>
                    <legend class="visually-hidden">${name}</legend>
                    <p class="hint">${gate}</p>
                    ${mine ? formNotice(form.notice) : ''}
                    ${radioGroup({
                      name: permissionId(a.name, 'verification'),
                      legend: t('spacesAdmin.permissions.who'),
                      value: values[permissionId(a.name, 'verification')],
                      error: err(permissionId(a.name, 'verification')),
                      i18n,
                      choices: [
                        { value: 'none', label: t('spacesAdmin.permissions.anyone') },
                        {
                          value: 'franceconnect',
                          label: t('spacesAdmin.permissions.franceconnect'),
                        },
                      ],
                    })}
                    ${inputField({ id: permissionId(a.name, 'age'), label: t('spacesAdmin.permissions.age'), hint: t('spacesAdmin.permissions.ageHint', { min: AGE_MIN, max: AGE_MAX }), kind: 'integer', value: values[permissionId(a.name, 'age')], error: err(permissionId(a.name, 'age')), i18n })}
                    ${checkbox({ id: permissionId(a.name, 'members'), label: t('spacesAdmin.permissions.members'), hint: t('spacesAdmin.permissions.membersHint'), checked: values[permissionId(a.name, 'members')] === 'true', error: err(permissionId(a.name, 'members')), i18n })}
                    <p><button class="button" type="submit">${t('spacesAdmin.permissions.save')}<span class="visually-hidden"> : ${label}</span></button></p>
                  </fieldset>
                </form>
                </details>`;
              })}
            </section>`
        : ''
    }`;
}
