import {
  booleanSetting as bool,
  integerSetting as int,
  type ComponentTypeSpec,
} from '@palabre/component-host';
import type { SettingDefinitionJson } from '@palabre/contracts';

/**
 * The `meetings` component type as this service declares it to spaces
 * (spaces.component-type.registered.v1, at every start). Bump VERSION with
 * any change of settings or actions.
 */
export const COMPONENT_TYPE = 'meetings';
export const VERSION = 1;

export const GLOBAL_SETTINGS: SettingDefinitionJson[] = [
  bool(
    'guest_registrations',
    true,
    'Inscription sans compte (nom et adresse e-mail, confirmée par un lien)',
    'Registration without an account (name and email, confirmed by a mail link)',
  ),
  int(
    'guest_confirmation_minutes',
    60,
    5,
    10080,
    'Délai pour confirmer une inscription sans compte (minutes)',
    'Minutes a registration without an account has to be confirmed',
  ),
  int(
    'online_link_minutes_before',
    30,
    0,
    10080,
    'Lien en ligne montré aux inscrits … minutes avant le début (par défaut)',
    'Online link shown to registered people … minutes before the start (default)',
  ),
];

export const PHASE_SETTINGS: SettingDefinitionJson[] = [
  bool(
    'creation_enabled',
    false,
    'Les participants peuvent organiser des réunions',
    'Participants may organize meetings',
  ),
  bool('registrations_blocked', false, 'Inscriptions suspendues', 'Registrations suspended'),
];

export type Action = 'create' | 'register';

/** A component's settings in force, typed (readSettings filled in the defaults). */
export interface ComponentSettings {
  guestRegistrations: boolean;
  guestConfirmationMinutes: number;
  onlineLinkMinutesBefore: number;
  creationEnabled: boolean;
  registrationsBlocked: boolean;
}

export function settingsFrom(raw: Record<string, unknown>): ComponentSettings {
  return {
    guestRegistrations: raw.guest_registrations as boolean,
    guestConfirmationMinutes: raw.guest_confirmation_minutes as number,
    onlineLinkMinutesBefore: raw.online_link_minutes_before as number,
    creationEnabled: raw.creation_enabled as boolean,
    registrationsBlocked: raw.registrations_blocked as boolean,
  };
}

export const MEETINGS: ComponentTypeSpec<ComponentSettings> = {
  type: COMPONENT_TYPE,
  service: 'meetings',
  version: VERSION,
  name: { fr: 'Réunions', en: 'Meetings' },
  globalSettings: GLOBAL_SETTINGS,
  phaseSettings: PHASE_SETTINGS,
  actions: [
    {
      name: 'create',
      label: { fr: 'Organiser une réunion', en: 'Organize a meeting' },
      enabledBy: 'creation_enabled',
    },
    {
      name: 'register',
      label: { fr: 'S’inscrire à une réunion', en: 'Register for a meeting' },
      blockedBy: 'registrations_blocked',
    },
  ],
  settings: settingsFrom,
  // "register" has no opening switch: its answer says whether the person sees the component.
  visibilityAction: 'register',
  closedCode: 'ACTION_NOT_ALLOWED',
  noun: 'meetings component',
};
