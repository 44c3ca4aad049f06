import { toJson } from '@bufbuild/protobuf';
import {
  ComponentTypeRegisteredSchema,
  type ComponentTypeRegistered,
  type ComponentTypeRegisteredJson,
  type SettingDefinitionJson,
} from '@palabre/contracts';

/**
 * A component type as spaces keeps it: what its settings (global and per
 * phase) accept and which actions people take in it. Built from a
 * ComponentTypeRegistered event, checked once there, then used to validate
 * what administrators write and to fill in defaults.
 */
export type SettingKind = 'boolean' | 'integer' | 'string' | 'enum';
export type SettingValue = boolean | number | string;
export type Settings = Record<string, SettingValue>;
export type Labels = Record<string, string>;

export interface SettingDef {
  name: string;
  type: SettingKind;
  default: SettingValue;
  choices?: string[];
  /** Words for the choices of an enum, by choice then locale (a choice without any shows as it is). */
  choiceLabels?: Record<string, Labels>;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  label: Labels;
}

export interface ActionDef {
  name: string;
  label: Labels;
  /** Boolean phase setting that must be true for the action to be open. */
  enabledBy?: string;
  /** Boolean phase setting that closes the action when true. */
  blockedBy?: string;
}

export interface ComponentTypeDef {
  type: string;
  service: string;
  version: number;
  organizationId: string | null;
  name: Labels;
  globalSettings: SettingDef[];
  phaseSettings: SettingDef[];
  actions: ActionDef[];
}

const TYPE_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const SNAKE = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DEFAULT_MAX_LENGTH = 2000;
const KINDS: Record<string, SettingKind> = {
  SETTING_TYPE_BOOLEAN: 'boolean',
  SETTING_TYPE_INTEGER: 'integer',
  SETTING_TYPE_STRING: 'string',
  SETTING_TYPE_ENUM: 'enum',
};

/** A registration that cannot be used as it is (the consumer dead-letters it). */
export class InvalidRegistrationError extends Error {
  override readonly name = 'InvalidRegistrationError';
}

function settingDef(where: string, s: SettingDefinitionJson): SettingDef {
  const at = `${where} "${s.name ?? ''}"`;
  if (!s.name || !SNAKE.test(s.name))
    throw new InvalidRegistrationError(`${at}: name must be snake_case`);
  const type = KINDS[String(s.type)];
  if (!type) throw new InvalidRegistrationError(`${at}: type is missing or unknown`);
  const def: SettingDef = { name: s.name, type, default: false, label: { ...(s.label ?? {}) } };
  if (type === 'enum') {
    if (!s.choices?.length) throw new InvalidRegistrationError(`${at}: an enum needs choices`);
    def.choices = [...s.choices];
    for (const c of s.choiceLabels ?? []) {
      if (!c.value || !def.choices.includes(c.value))
        throw new InvalidRegistrationError(
          `${at}: a choice label for "${c.value ?? ''}", not a choice`,
        );
      (def.choiceLabels ??= {})[c.value] = { ...(c.label ?? {}) };
    }
  } else if (s.choiceLabels?.length) {
    throw new InvalidRegistrationError(`${at}: choice labels belong to an enum`);
  }
  if (type === 'integer') {
    if (s.minimum !== undefined) def.minimum = s.minimum;
    if (s.maximum !== undefined) def.maximum = s.maximum;
    if (def.minimum !== undefined && def.maximum !== undefined && def.minimum > def.maximum)
      throw new InvalidRegistrationError(`${at}: minimum is above maximum`);
  }
  if (type === 'string') def.maxLength = s.maxLength ?? DEFAULT_MAX_LENGTH;
  const fallback: SettingValue =
    type === 'boolean'
      ? false
      : type === 'integer'
        ? Math.max(0, def.minimum ?? 0)
        : type === 'enum'
          ? (def.choices as string[])[0]
          : '';
  if (s.defaultValue === undefined || s.defaultValue === null) def.default = fallback;
  else {
    const problem = checkValue(def, s.defaultValue);
    if (problem) throw new InvalidRegistrationError(`${at}: default ${problem}`);
    def.default = s.defaultValue as SettingValue;
  }
  return def;
}

/** Reads and checks a decoded registration; throws InvalidRegistrationError saying what is wrong. */
export function componentTypeFrom(event: ComponentTypeRegistered): ComponentTypeDef {
  const json = toJson(ComponentTypeRegisteredSchema, event) as ComponentTypeRegisteredJson;
  const type = json.type ?? '';
  if (!TYPE_NAME.test(type) || type.length > 60)
    throw new InvalidRegistrationError(`type "${type}" must be kebab-case, up to 60 characters`);
  if (!json.service) throw new InvalidRegistrationError('service is required');
  if (json.organizationId && !UUID.test(json.organizationId))
    throw new InvalidRegistrationError('organizationId must be a UUID or empty');
  const globalSettings = (json.globalSettings ?? []).map((s) => settingDef('global setting', s));
  const phaseSettings = (json.phaseSettings ?? []).map((s) => settingDef('phase setting', s));
  const names = new Set<string>();
  for (const s of [...globalSettings, ...phaseSettings]) {
    if (names.has(s.name))
      throw new InvalidRegistrationError(`setting "${s.name}" is declared twice`);
    names.add(s.name);
  }
  const actions: ActionDef[] = [];
  for (const a of json.actions ?? []) {
    if (!a.name || !SNAKE.test(a.name))
      throw new InvalidRegistrationError(`action "${a.name ?? ''}": name must be snake_case`);
    if (actions.some((x) => x.name === a.name))
      throw new InvalidRegistrationError(`action "${a.name}" is declared twice`);
    for (const [key, setting] of [
      ['enabledBy', a.enabledBy],
      ['blockedBy', a.blockedBy],
    ] as const) {
      if (setting && phaseSettings.find((s) => s.name === setting)?.type !== 'boolean')
        throw new InvalidRegistrationError(
          `action "${a.name}": ${key} "${setting}" is not a boolean phase setting`,
        );
    }
    actions.push({
      name: a.name,
      label: { ...(a.label ?? {}) },
      ...(a.enabledBy ? { enabledBy: a.enabledBy } : {}),
      ...(a.blockedBy ? { blockedBy: a.blockedBy } : {}),
    });
  }
  return {
    type,
    service: json.service,
    version: json.version ?? 0,
    organizationId: json.organizationId || null,
    name: { ...(json.name ?? {}) },
    globalSettings,
    phaseSettings,
    actions,
  };
}

/** Why `value` does not fit `def`, or null when it does. */
export function checkValue(def: SettingDef, value: unknown): string | null {
  switch (def.type) {
    case 'boolean':
      return typeof value === 'boolean' ? null : 'must be true or false';
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) return 'must be a whole number';
      if (def.minimum !== undefined && value < def.minimum)
        return `must be at least ${def.minimum}`;
      if (def.maximum !== undefined && value > def.maximum) return `must be at most ${def.maximum}`;
      return null;
    case 'string':
      if (typeof value !== 'string') return 'must be a string';
      return value.length > (def.maxLength ?? DEFAULT_MAX_LENGTH)
        ? `must be at most ${def.maxLength} characters`
        : null;
    case 'enum':
      return typeof value === 'string' && def.choices?.includes(value)
        ? null
        : `must be one of ${def.choices?.join(', ')}`;
  }
}

export interface SettingProblem {
  field: string;
  message: string;
}

/**
 * Checks settings an administrator wrote against the type's definitions:
 * every unknown name and every bad value is reported with its field path
 * (e.g. `settings.votes_limit`). `null` removes a value (back to the default).
 */
export function validateSettings(
  defs: SettingDef[],
  input: Record<string, unknown>,
  field: string,
  typeName: string,
): SettingProblem[] {
  const problems: SettingProblem[] = [];
  for (const [name, value] of Object.entries(input)) {
    const def = defs.find((d) => d.name === name);
    if (!def) {
      problems.push({
        field: `${field}.${name}`,
        message: `unknown setting for components of type ${typeName}${
          defs.length ? `; known: ${defs.map((d) => d.name).join(', ')}` : ' (it has none here)'
        }`,
      });
      continue;
    }
    if (value === null) continue;
    const problem = checkValue(def, value);
    if (problem) problems.push({ field: `${field}.${name}`, message: problem });
  }
  return problems;
}

/** Stored values over `patch`: null removes a value. */
export function applyPatch(stored: Settings, patch: Record<string, unknown>): Settings {
  const next: Settings = { ...stored };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete next[k];
    else next[k] = v as SettingValue;
  }
  return next;
}

/**
 * Defaults, then the stored values that still fit the definitions (a type may
 * drop or change a setting in a later version: stale values are ignored).
 */
export function effective(defs: SettingDef[], stored: Record<string, unknown>): Settings {
  const out: Settings = {};
  for (const def of defs) {
    const v = stored[def.name];
    out[def.name] =
      v !== undefined && checkValue(def, v) === null ? (v as SettingValue) : def.default;
  }
  return out;
}
