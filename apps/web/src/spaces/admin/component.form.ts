/**
 * The back-office forms of components: a new component (type and name), its
 * name and position, settings generated from the type's registered
 * definitions (boolean, integer with bounds, enum, string), and who may take
 * each action. Read with the rules of the spaces API (CreateComponentDto,
 * UpdateComponentDto, ComponentSettingsDto, PermissionDto and the registry's
 * checkValue), each error keyed by the id of its field.
 */
import type { FieldError } from '../../shared/html/components';
import { formText, parseInteger } from '../../shared/html/form-controls';
import type { I18n } from '../../shared/i18n/i18n';
import type { ComponentType, Permission, SettingDef, SettingValue, Text } from '../spaces.api';
import { SHORT_MAX } from './space.form';
import { charCount, type FormBody, type FormRead } from '../../shared/forms/form-read';

/** What was typed, by field id, to show a form again with its errors. */
export type RawValues = Record<string, string>;

const DEFAULT_STRING_MAX = 2000;
export const POSITION_MAX = 1000;

/** Ids of the generated controls: every id names its part of the form (global, default, a phase). */
export const settingId = (form: string, name: string) => `${form}-${name}`;
/** A phase's part of the settings form is named by the phase's id: a phase moved meanwhile keeps its values. */
export const phasePart = (phaseId: string) => `phase-${phaseId}`;
/** The field that lists the phases the form showed (only those are written). */
export const PHASES_FIELD = 'phases';
export const permissionId = (action: string, part: 'verification' | 'age' | 'members') =>
  `perm-${action}-${part}`;

function nameOf(i18n: I18n, body: FormBody, values: RawValues, errors: FieldError[]): Text | null {
  values['name-fr'] = formText(body, 'name-fr');
  values['name-en'] = formText(body, 'name-en');
  if (!values['name-fr'] && !values['name-en'])
    errors.push({ field: 'name-fr', message: i18n.t('spacesAdmin.component.nameRequired') });
  for (const l of ['fr', 'en']) {
    const count = charCount(values[`name-${l}`]);
    if (count > SHORT_MAX)
      errors.push({
        field: `name-${l}`,
        message: i18n.t('lifecycle.tooLong', { max: SHORT_MAX, count }),
      });
  }
  const name: Text = {};
  if (values['name-fr']) name.fr = values['name-fr'];
  if (values['name-en']) name.en = values['name-en'];
  return name;
}

export function readNewComponent(
  i18n: I18n,
  body: FormBody,
  types: ComponentType[],
): FormRead<{ type: string; name: Text }> {
  const values: RawValues = { type: formText(body, 'type') };
  const errors: FieldError[] = [];
  if (!types.some((t) => t.type === values.type))
    errors.push({ field: 'type', message: i18n.t('spacesAdmin.component.typeRequired') });
  const name = nameOf(i18n, body, values, errors);
  return { values, errors, dto: errors.length || !name ? null : { type: values.type, name } };
}

export function readComponentName(
  i18n: I18n,
  body: FormBody,
): FormRead<{ name: Text; position: number }> {
  const values: RawValues = { position: formText(body, 'position') };
  const errors: FieldError[] = [];
  const name = nameOf(i18n, body, values, errors);
  const position = parseInteger(values.position);
  if (!values.position) errors.push({ field: 'position', message: i18n.t('form.required') });
  else if (position === null || position < 0 || position > POSITION_MAX)
    errors.push({
      field: 'position',
      message: i18n.t('admin.form.integerBetween', { min: 0, max: POSITION_MAX }),
    });
  return {
    values,
    errors,
    dto: errors.length || !name || position === null ? null : { name, position },
  };
}

/** The value of a setting as a form shows it: what is stored, else the type's default. */
export function shownValue(def: SettingDef, stored: Record<string, unknown>): string {
  const v = stored[def.name];
  const value = v === undefined || v === null ? def.default : v;
  if (def.type === 'boolean') return value === true ? 'true' : '';
  return String(value);
}

/**
 * Reads the settings of one form (`form` prefixes the ids). Every setting is
 * sent: a box left unticked is `false`; an empty number goes back to the
 * type's default (`null`).
 */
export function readSettings(
  i18n: I18n,
  body: FormBody,
  defs: SettingDef[],
  form: string,
): FormRead<Record<string, SettingValue | null>> {
  const values: RawValues = {};
  const errors: FieldError[] = [];
  const patch: Record<string, SettingValue | null> = {};
  for (const def of defs) {
    const id = settingId(form, def.name);
    const fail = (message: string) => errors.push({ field: id, message });
    if (def.type === 'boolean') {
      values[id] = body[id] === 'true' ? 'true' : '';
      patch[def.name] = body[id] === 'true';
      continue;
    }
    const text = formText(body, id);
    values[id] = text;
    if (def.type === 'integer') {
      if (!text) {
        patch[def.name] = null;
        continue;
      }
      const n = parseInteger(text);
      const min = def.minimum ?? Number.MIN_SAFE_INTEGER;
      const max = def.maximum ?? Number.MAX_SAFE_INTEGER;
      if (n === null) fail(i18n.t('spacesAdmin.settings.wholeNumber'));
      else if (n < min || n > max)
        fail(
          def.minimum !== undefined && def.maximum !== undefined
            ? i18n.t('admin.form.integerBetween', { min, max })
            : def.minimum !== undefined
              ? i18n.t('spacesAdmin.settings.atLeast', { min })
              : i18n.t('spacesAdmin.settings.atMost', { max }),
        );
      else patch[def.name] = n;
    } else if (def.type === 'enum') {
      if (!def.choices?.includes(text)) fail(i18n.t('spacesAdmin.settings.chooseOne'));
      else patch[def.name] = text;
    } else {
      const max = def.maxLength ?? DEFAULT_STRING_MAX;
      const count = charCount(text);
      if (count > max) fail(i18n.t('lifecycle.tooLong', { max, count }));
      else patch[def.name] = text;
    }
  }
  return { values, errors, dto: errors.length ? null : patch };
}

type SettingsPatch = Record<string, SettingValue | null>;

/** The whole settings form, as the spaces API takes it (ComponentSettingsDto). */
export interface AllSettings {
  settings: SettingsPatch;
  defaultPhaseSettings: SettingsPatch;
  phaseSettings: Record<string, SettingsPatch>;
}

/**
 * The phases the form showed, in its order: a box left unticked sends
 * nothing, so a phase added since the page was shown must not be read as
 * "everything off".
 */
function shownPhases(body: FormBody): string[] {
  const v = body[PHASES_FIELD];
  const list = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return [...new Set(list.filter((x): x is string => typeof x === 'string'))];
}

/**
 * Reads the whole settings form: global, "no active phase", and each phase
 * it showed. Any error in any part means nothing is sent.
 */
export function readAllSettings(
  i18n: I18n,
  body: FormBody,
  type: ComponentType,
): FormRead<AllSettings> {
  const phases = type.phaseSettings.length ? shownPhases(body) : [];
  const global = readSettings(i18n, body, type.globalSettings, 'global');
  const fallback = readSettings(i18n, body, type.phaseSettings, 'default');
  const perPhase = phases.map((id) => readSettings(i18n, body, type.phaseSettings, phasePart(id)));
  const parts = [global, fallback, ...perPhase];
  const values: RawValues = Object.assign({}, ...parts.map((p) => p.values));
  const errors = parts.flatMap((p) => p.errors);
  if (errors.length || !global.dto || !fallback.dto) return { values, errors, dto: null };
  return {
    values,
    errors,
    dto: {
      settings: global.dto,
      defaultPhaseSettings: fallback.dto,
      phaseSettings: Object.fromEntries(phases.map((id, i) => [id, perPhase[i].dto ?? {}])),
    },
  };
}

export const AGE_MIN = 1;
/** FranceConnect sign-ins tell an age only up to 18 ("adult"): a higher minimum would refuse everyone. */
export const AGE_MAX = 18;

export function permissionValues(action: string, p: Permission | undefined): RawValues {
  return {
    [permissionId(action, 'verification')]: p?.verification ?? 'none',
    [permissionId(action, 'age')]: p?.minimumAge ? String(p.minimumAge) : '',
    [permissionId(action, 'members')]: p?.membersOnly ? 'true' : '',
  };
}

export function readPermission(i18n: I18n, body: FormBody, action: string): FormRead<Permission> {
  const vId = permissionId(action, 'verification');
  const aId = permissionId(action, 'age');
  const mId = permissionId(action, 'members');
  const values: RawValues = {
    [vId]: formText(body, vId),
    [aId]: formText(body, aId),
    [mId]: body[mId] === 'true' ? 'true' : '',
  };
  const errors: FieldError[] = [];
  const verification = values[vId];
  if (verification !== 'none' && verification !== 'franceconnect')
    errors.push({ field: vId, message: i18n.t('spacesAdmin.settings.chooseOne') });
  let minimumAge: number | null = null;
  if (values[aId]) {
    minimumAge = parseInteger(values[aId]);
    if (minimumAge === null || minimumAge < AGE_MIN || minimumAge > AGE_MAX) {
      errors.push({
        field: aId,
        message: i18n.t('admin.form.integerBetween', { min: AGE_MIN, max: AGE_MAX }),
      });
      minimumAge = null;
    }
  }
  return {
    values,
    errors,
    dto: errors.length
      ? null
      : {
          verification: verification as Permission['verification'],
          minimumAge,
          membersOnly: values[mId] === 'true',
        },
  };
}
