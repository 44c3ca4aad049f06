/**
 * What apps/spaces answers on /api/spaces (JSON bodies): its views return
 * these types and the site reads them, so a change that breaks one side
 * fails to compile. Dates are ISO 8601 strings; days are YYYY-MM-DD.
 */

import type { LocalizedText } from './text';

/** A text an administrator writes, per language. */
export type SpaceText = LocalizedText;
/** Words a component type's service declares, by locale. */
export type SpaceLabels = Record<string, string>;

/** Processes have phases; assemblies do not. */
export const SPACE_KINDS = ['process', 'assembly'] as const;
export type SpaceKind = (typeof SPACE_KINDS)[number];

/**
 * Where today falls against a phase's dates, in the organization's time
 * zone: only a `current` phase is in force. An active phase that is
 * `upcoming` or `ended` stays the administrator's choice, but opens no
 * action (ADR 0032).
 */
export const SPACE_PHASE_TIMINGS = ['upcoming', 'current', 'ended'] as const;
export type SpacePhaseTiming = (typeof SPACE_PHASE_TIMINGS)[number];

export interface SpacePhaseRefView {
  id: string;
  title: SpaceText;
  startsOn: string | null;
  endsOn: string | null;
  timing: SpacePhaseTiming;
}

/** A space in lists. */
export interface SpaceSummaryView {
  id: string;
  kind: SpaceKind;
  slug: string;
  reference: string;
  state: 'draft' | 'published';
  private: boolean;
  transparent: boolean;
  title: SpaceText;
  subtitle: SpaceText;
  summary: SpaceText;
  imageUrl: string | null;
  startsOn: string | null;
  endsOn: string | null;
  /** Processes only: null for an assembly or when no phase is active. */
  activePhase: SpacePhaseRefView | null;
}

/** GET /api/spaces */
export interface SpacePageView {
  items: SpaceSummaryView[];
  nextCursor: string | null;
}

export interface SpacePhaseView extends SpacePhaseRefView {
  position: number;
  description: SpaceText;
  active: boolean;
  activatedAt: string | null;
}

export interface SpaceComponentSummaryView {
  id: string;
  type: string;
  name: SpaceText;
  position: number;
}

/** GET /api/spaces/:idOrSlug: everything the landing page of a space shows. */
export interface SpaceLandingView extends SpaceSummaryView {
  welcome: SpaceText;
  /** The image's alternative text per language; empty: decorative. */
  imageAlt: SpaceText;
  videoUrl: string | null;
  autoPhases: boolean;
  facts: {
    objectives: SpaceText;
    participants: SpaceText;
    decisionRules: SpaceText;
    area: SpaceText;
    organizer: SpaceText;
    startsOn: string | null;
    endsOn: string | null;
  };
  /** Empty for an assembly. */
  phases: SpacePhaseView[];
  components: SpaceComponentSummaryView[];
  publishedAt: string | null;
  updatedAt: string;
}

/** GET /api/spaces/:idOrSlug/card: what another site needs to show a space in a card. */
export interface SpaceCardView {
  id: string;
  kind: SpaceKind;
  slug: string;
  reference: string;
  title: SpaceText;
  subtitle: SpaceText;
  summary: SpaceText;
  imageUrl: string | null;
  startsOn: string | null;
  endsOn: string | null;
  activePhase: SpacePhaseRefView | null;
  path: string;
}

export type SpaceSettingValue = boolean | number | string;

/** A setting a component type declares, global or per phase. */
export interface SpaceSettingDefView {
  name: string;
  type: 'boolean' | 'integer' | 'string' | 'enum';
  default: SpaceSettingValue;
  choices?: string[];
  /** Words for the choices of an enum, by choice then locale (a choice without any shows as it is). */
  choiceLabels?: Record<string, SpaceLabels>;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  label: SpaceLabels;
}

/** An action people take in a component of the type. */
export interface SpaceActionDefView {
  name: string;
  label: SpaceLabels;
  /** Boolean phase setting that must be true for the action to be open. */
  enabledBy?: string;
  /** Boolean phase setting that closes the action when true. */
  blockedBy?: string;
}

/** A component type (GET /api/spaces/component-types gives `{ items }`). */
export interface SpaceComponentTypeView {
  type: string;
  service: string;
  version: number;
  /** Null: registered for every organization. */
  organizationId: string | null;
  name: SpaceLabels;
  globalSettings: SpaceSettingDefView[];
  phaseSettings: SpaceSettingDefView[];
  actions: SpaceActionDefView[];
}

/** Who may take an action in a component. */
export interface SpacePermissionView {
  /** "none": any signed-in participant; "franceconnect": identity proven by FranceConnect. */
  verification: 'none' | 'franceconnect';
  minimumAge: number | null;
  membersOnly: boolean;
}

/** GET /api/spaces/:id/components/:componentId, as its admins see it. */
export interface SpaceComponentDetailView extends SpaceComponentSummaryView {
  spaceId: string;
  typeAvailable: boolean;
  settings: Record<string, unknown>;
  defaultPhaseSettings: Record<string, unknown>;
  /** Per phase id. */
  phaseSettings: Record<string, Record<string, unknown>>;
  /** Per action. */
  permissions: Record<string, SpacePermissionView>;
  effective: { activePhaseId: string | null; settings: Record<string, unknown> };
}

/** GET /api/spaces/:id/components/:componentId/effective: what is in force in a component now. */
export interface SpaceEffectiveView {
  componentId: string;
  spaceId: string;
  type: string;
  typeAvailable: boolean;
  name: SpaceText;
  activePhase: {
    id: string;
    title: SpaceLabels;
    position: number;
    startsOn: string | null;
    endsOn: string | null;
    timing: SpacePhaseTiming;
  } | null;
  /** The global settings overlaid by the active phase's (its actions closed outside its dates). */
  settings: Record<string, unknown>;
  global: Record<string, unknown>;
  phase: Record<string, unknown>;
  actions: {
    name: string;
    label: SpaceLabels;
    open: boolean;
    /** Why it is closed. */
    reason?: string;
    permission: SpacePermissionView;
  }[];
}

/** An item of GET /api/spaces/:id/members. */
export interface SpaceMemberView {
  userId: string;
  invitedBy: string | null;
  invitedAt: string;
}
