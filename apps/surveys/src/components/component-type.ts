import { booleanSetting as bool, type ComponentTypeSpec } from '@palabre/component-host';
import type { SettingDefinitionJson } from '@palabre/contracts';

/**
 * The `surveys` component type as this service declares it to spaces
 * (spaces.component-type.registered.v1, at every start). Bump VERSION with
 * any change of settings or actions.
 */
export const COMPONENT_TYPE = 'surveys';
export const VERSION = 1;

export const GLOBAL_SETTINGS: SettingDefinitionJson[] = [
  bool(
    'anonymous_answers',
    false,
    'Réponses sans compte (gardées à part par un jeton de session, jamais par une identité)',
    'Answers without an account (kept apart by a session token, never by an identity)',
  ),
];

export const PHASE_SETTINGS: SettingDefinitionJson[] = [
  bool('answers_enabled', true, 'Réponses ouvertes', 'Answers open'),
];

/** A component's settings in force, typed (readSettings filled in the defaults). */
export interface ComponentSettings {
  anonymousAnswers: boolean;
  answersEnabled: boolean;
}

export function settingsFrom(raw: Record<string, unknown>): ComponentSettings {
  return {
    anonymousAnswers: raw.anonymous_answers as boolean,
    answersEnabled: raw.answers_enabled as boolean,
  };
}

export const SURVEYS: ComponentTypeSpec<ComponentSettings> = {
  type: COMPONENT_TYPE,
  service: 'surveys',
  version: VERSION,
  name: { fr: 'Enquêtes', en: 'Surveys' },
  globalSettings: GLOBAL_SETTINGS,
  phaseSettings: PHASE_SETTINGS,
  actions: [
    {
      name: 'answer',
      label: { fr: 'Répondre à une enquête', en: 'Answer a survey' },
      enabledBy: 'answers_enabled',
    },
  ],
  settings: settingsFrom,
  visibilityAction: 'answer',
  closedCode: 'ANSWERS_CLOSED',
  noun: 'surveys component',
};
