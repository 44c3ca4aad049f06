import type { ComponentSettingsChangedJson } from '@palabre/contracts';
import { Topics } from '@palabre/contracts';
import type { OutgoingEvent } from '@palabre/messaging';
import { effective, type ComponentTypeDef, type Settings } from '../component-types/component-type';
import type { PhaseTiming } from '../phases/phase-calendar';
import type { ComponentRow, PhaseRow } from '../spaces/space.view';
import type { PermissionRule } from './components.repository';

export interface EffectiveSettings {
  /** Global and phase settings merged: what is in force now. */
  settings: Settings;
  global: Settings;
  phase: Settings;
}

/**
 * What a component's settings are while `active` is the space's phase: the
 * type's defaults, overridden by the global values, and by the values of the
 * active phase (or the "default" phase values when the space has no active
 * phase, as assemblies never do). Nothing is copied when a phase switches:
 * this is computed from the rows each time.
 *
 * An active phase outside its dates (`timing` other than `current`) stays
 * the administrator's choice, but opens no action: the settings that enable
 * the type's actions (`enabledBy`) are off, whatever the phase says; what it
 * shows (results, counts) holds (ADR 0032).
 */
export function effectiveOf(
  type: ComponentTypeDef | null,
  c: Pick<ComponentRow, 'settings' | 'default_phase_settings'>,
  active: (Pick<PhaseRow, 'id'> & { timing?: PhaseTiming }) | null,
  phaseValues: Record<string, unknown> | null,
): EffectiveSettings {
  const stored = active ? (phaseValues ?? {}) : c.default_phase_settings;
  if (!type) {
    // The owning service has not registered its type (yet): what was stored, unchecked.
    const global = { ...(c.settings as Settings) };
    const phase = { ...(stored as Settings) };
    return { global, phase, settings: { ...global, ...phase } };
  }
  const global = effective(type.globalSettings, c.settings);
  const phase = effective(type.phaseSettings, stored);
  if (active && active.timing && active.timing !== 'current')
    for (const a of type.actions)
      if (a.enabledBy && a.enabledBy in phase) phase[a.enabledBy] = false;
  return { global, phase, settings: { ...global, ...phase } };
}

/** `phase-dates`: today crossed a date of the active phase (or its dates were edited). */
/** Why settings were announced; "demo": created by the embedded demo content (its services seed it). */
export type SettingsCause =
  'created' | 'demo' | 'global' | 'phase' | 'permissions' | 'phase-activated' | 'phase-dates';

export function settingsChanged(
  c: Pick<ComponentRow, 'id' | 'space_id' | 'organization_id' | 'type'>,
  active: Pick<PhaseRow, 'id'> | null,
  cause: SettingsCause,
  settings: Settings,
  permissions: Record<string, PermissionRule>,
): OutgoingEvent<ComponentSettingsChangedJson> {
  return {
    topic: Topics.SpacesComponentSettingsChangedV1,
    key: c.id,
    tenantId: c.organization_id,
    schema: 'palabre.spaces.v1.ComponentSettingsChanged',
    payload: {
      componentId: c.id,
      spaceId: c.space_id,
      organizationId: c.organization_id,
      componentType: c.type,
      activePhaseId: active?.id ?? '',
      cause,
      settings,
      permissions: Object.fromEntries(
        Object.entries(permissions).map(([action, rule]) => [
          action,
          {
            verification: rule.verification,
            minimumAge: rule.minimumAge ?? 0,
            membersOnly: rule.membersOnly,
          },
        ]),
      ),
    },
  };
}
