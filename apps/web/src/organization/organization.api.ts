/** The shapes of identity's organization and grants API that the back-office reads, declared once in @palabre/contracts. */
export type {
  IdentityOrganizationSettingsView as OrganizationSettings,
  IdentityGrantView as Grant,
} from '@palabre/contracts';
export {
  IDENTITY_REGISTRATION_MODES as REGISTRATION_MODES,
  IDENTITY_PROVIDERS as PROVIDERS,
} from '@palabre/contracts';

export const LANGUAGES = ['fr', 'en'] as const;
/** The roles an organization's administrator gives from the users page. */
export const GRANTABLE = ['org-admin', 'moderator', 'space-admin', 'evaluator'] as const;
/** Roles given for one space, which the form then asks for. */
export const SPACE_ROLES: readonly string[] = ['space-admin', 'evaluator'];
export const WELCOME_MAX = 2000;
export const ANNOUNCEMENT_MAX = 300;
export const LOGO_MAX = 2000;
/**
 * The time zones the settings page offers, metropolitan France first, then
 * France overseas and French-speaking neighbours; identity accepts any IANA
 * zone, and a zone set otherwise is offered as it is.
 */
export const TIME_ZONES = [
  'Europe/Paris',
  'America/Guadeloupe',
  'America/Martinique',
  'America/Cayenne',
  'Indian/Reunion',
  'Indian/Mayotte',
  'America/Miquelon',
  'Pacific/Noumea',
  'Pacific/Tahiti',
  'Pacific/Wallis',
  'Europe/Brussels',
  'Europe/Luxembourg',
  'Europe/Zurich',
  'Europe/Monaco',
  'America/Toronto',
  'UTC',
] as const;
export const MAP_TILE_URL_MAX = 2000;
export const MAP_ATTRIBUTION_MAX = 300;
