import { integerSetting as int, type ComponentTypeSpec } from '@palabre/component-host';
import type { SettingDefinitionJson } from '@palabre/contracts';

/**
 * The `sortitions` component type as this service declares it to spaces
 * (spaces.component-type.registered.v1, at every start). Bump VERSION with
 * any change of settings or actions.
 */
export const COMPONENT_TYPE = 'sortitions';
export const VERSION = 1;

export const GLOBAL_SETTINGS: SettingDefinitionJson[] = [
  int(
    'pool_retention_days',
    180,
    1,
    3650,
    'Jours pendant lesquels le vivier d’un panel est gardé après le tirage',
    'Days a panel’s pool of volunteers is kept after the draw',
  ),
];

/** A component's settings in force, typed (readSettings filled in the defaults). */
export interface ComponentSettings {
  poolRetentionDays: number;
}

export function settingsFrom(raw: Record<string, unknown>): ComponentSettings {
  return { poolRetentionDays: raw.pool_retention_days as number };
}

export const SORTITIONS: ComponentTypeSpec<ComponentSettings> = {
  type: COMPONENT_TYPE,
  service: 'sortitions',
  version: VERSION,
  name: { fr: 'Tirages au sort', en: 'Draws by lot' },
  globalSettings: GLOBAL_SETTINGS,
  phaseSettings: [],
  // Draws are made by the space's administrators; everyone who sees the space sees them.
  actions: [{ name: 'view', label: { fr: 'Voir les tirages', en: 'See the draws' } }],
  settings: settingsFrom,
  visibilityAction: 'view',
  closedCode: 'SORTITIONS_CLOSED',
  noun: 'sortitions component',
};
