import type { ComponentTypeRegisteredJson, SettingDefinitionJson } from '@palabre/contracts';
import type { PersonRule } from './spaces-authorize';

/** One action of a component type, and the phase settings that open or close it. */
export interface ComponentAction {
  name: string;
  label: { fr: string; en: string };
  /** A phase setting that must be true for the action to be open. */
  enabledBy?: string;
  /** A phase setting that closes the action when true. */
  blockedBy?: string;
}

/**
 * A component type as the service that hosts it declares it: what spaces is
 * told at every start (spaces.component-type.registered.v1), how the
 * service reads its components' settings, and how it words refusals.
 * Bump `version` with any change of settings or actions.
 */
export interface ComponentTypeSpec<S> {
  /** The type's name in spaces, e.g. `budgets`. */
  type: string;
  /** The hosting service, e.g. `budgeting`; its schema holds `components` and `phases`. */
  service: string;
  version: number;
  name: { fr: string; en: string };
  globalSettings: SettingDefinitionJson[];
  phaseSettings: SettingDefinitionJson[];
  actions: ComponentAction[];
  /** The service's typed settings from the values in force (defaults filled in, see readSettings). */
  settings(raw: Record<string, unknown>): S;
  /**
   * The action whose answer tells whether a person may see a component: one
   * without a phase switch (e.g. `report`) says only "visible or not".
   */
  visibilityAction: string;
  /**
   * Who may act, when no settings event told the component's permissions yet
   * (a component only vouched for by spaces' authorize API). Default: any
   * signed-in person.
   */
  permissionUnknown?: PersonRule;
  /** The error code of a closed action (phase switch, blocked, space not published). */
  closedCode: string;
  /** What a component of this type is called in messages, e.g. `budgets component`. */
  noun: string;
  /** Extra fields on a refusal (e.g. where signing in would bring the person back). */
  refusalExtra?(
    refusal: Refusal,
    where: { spaceId: string; componentId: string },
    context?: string,
  ): Record<string, unknown>;
  /** The message of a closed action, from spaces' (e.g. "Voting is closed: …"). */
  closedMessage?(message: string): string;
}

/** Why a person may not do an action here: spaces' reason and message (internal.proto). */
export interface Refusal {
  reason: string;
  message: string;
  phase?: { id: string; title: Record<string, string> };
}

/** The declaration spaces receives (spaces.component-type.registered.v1). */
export function registrationOf(spec: ComponentTypeSpec<unknown>): ComponentTypeRegisteredJson {
  return {
    type: spec.type,
    service: spec.service,
    version: spec.version,
    name: spec.name,
    globalSettings: spec.globalSettings,
    phaseSettings: spec.phaseSettings,
    actions: spec.actions.map((a) => ({
      name: a.name,
      label: a.label,
      ...(a.enabledBy ? { enabledBy: a.enabledBy } : {}),
      ...(a.blockedBy ? { blockedBy: a.blockedBy } : {}),
    })),
  };
}

const fallbackOf = (def: SettingDefinitionJson): unknown => {
  if (def.defaultValue !== undefined) return def.defaultValue;
  switch (def.type) {
    case 'SETTING_TYPE_BOOLEAN':
      return false;
    case 'SETTING_TYPE_INTEGER':
      return 0;
    case 'SETTING_TYPE_ENUM':
      return def.choices?.[0] ?? '';
    default:
      return '';
  }
};

function fits(def: SettingDefinitionJson, v: unknown): boolean {
  switch (def.type) {
    case 'SETTING_TYPE_BOOLEAN':
      return typeof v === 'boolean';
    case 'SETTING_TYPE_INTEGER':
      return (
        typeof v === 'number' &&
        Number.isInteger(v) &&
        v >= (def.minimum ?? Number.MIN_SAFE_INTEGER) &&
        v <= (def.maximum ?? Number.MAX_SAFE_INTEGER)
      );
    case 'SETTING_TYPE_ENUM':
      return typeof v === 'string' && (def.choices ?? []).includes(v);
    default:
      return typeof v === 'string';
  }
}

/**
 * Every setting of the type with its value in force: the stored value when it
 * fits the definition (type, bounds, choices), else the type's default.
 */
export function readSettings(
  spec: Pick<ComponentTypeSpec<unknown>, 'globalSettings' | 'phaseSettings'>,
  stored: Record<string, unknown>,
): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const def of [...spec.globalSettings, ...spec.phaseSettings]) {
    const name = def.name as string;
    raw[name] = fits(def, stored[name]) ? stored[name] : fallbackOf(def);
  }
  return raw;
}

/** A boolean setting's definition. */
export const booleanSetting = (
  name: string,
  fallback: boolean,
  fr: string,
  en: string,
): SettingDefinitionJson => ({
  name,
  type: 'SETTING_TYPE_BOOLEAN',
  defaultValue: fallback,
  label: { fr, en },
});

/** An integer setting's definition, with its bounds. */
export const integerSetting = (
  name: string,
  fallback: number,
  minimum: number,
  maximum: number,
  fr: string,
  en: string,
): SettingDefinitionJson => ({
  name,
  type: 'SETTING_TYPE_INTEGER',
  defaultValue: fallback,
  minimum,
  maximum,
  label: { fr, en },
});
