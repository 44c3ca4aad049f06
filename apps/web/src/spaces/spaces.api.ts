/** The shapes of the spaces API that the pages read (the public contract, not the service's code). */
export type Text = { fr?: string; en?: string };
export const SPACE_KINDS = ['process', 'assembly'] as const;
export type SpaceKind = (typeof SPACE_KINDS)[number];

export interface PhaseRef {
  id: string;
  title: Text;
  startsOn: string | null;
  endsOn: string | null;
}

export interface SpaceSummary {
  id: string;
  kind: SpaceKind;
  slug: string;
  reference: string;
  state: 'draft' | 'published';
  private: boolean;
  transparent: boolean;
  title: Text;
  subtitle: Text;
  summary: Text;
  imageUrl: string | null;
  startsOn: string | null;
  endsOn: string | null;
  activePhase: PhaseRef | null;
}

export interface SpacePage {
  items: SpaceSummary[];
  nextCursor: string | null;
}

export interface PhaseView extends PhaseRef {
  position: number;
  description: Text;
  active: boolean;
  activatedAt: string | null;
}

export interface ComponentSummary {
  id: string;
  type: string;
  name: Text;
  position: number;
}

export interface SpaceLanding extends SpaceSummary {
  welcome: Text;
  /** The image's alternative text per language; empty: decorative. */
  imageAlt?: Text;
  videoUrl: string | null;
  autoPhases: boolean;
  facts: {
    objectives: Text;
    participants: Text;
    decisionRules: Text;
    area: Text;
    organizer: Text;
    startsOn: string | null;
    endsOn: string | null;
  };
  phases: PhaseView[];
  components: ComponentSummary[];
  publishedAt: string | null;
  updatedAt: string | null;
}

export interface SpaceCard {
  id: string;
  kind: SpaceKind;
  slug: string;
  reference: string;
  title: Text;
  subtitle: Text;
  summary: Text;
  imageUrl: string | null;
  startsOn: string | null;
  endsOn: string | null;
  activePhase: PhaseRef | null;
  path: string;
}

export type SettingValue = boolean | number | string;

export interface SettingDef {
  name: string;
  type: 'boolean' | 'integer' | 'string' | 'enum';
  default: SettingValue;
  choices?: string[];
  /** Words for each choice of an enum, by locale. */
  choiceLabels?: Record<string, Text>;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  label: Text;
}

export interface ActionDef {
  name: string;
  label: Text;
  enabledBy?: string;
  blockedBy?: string;
}

export interface ComponentType {
  type: string;
  service: string;
  version: number;
  name: Text;
  globalSettings: SettingDef[];
  phaseSettings: SettingDef[];
  actions: ActionDef[];
}

export interface Permission {
  verification: 'none' | 'franceconnect';
  minimumAge: number | null;
  membersOnly: boolean;
}

/** GET /api/spaces/:id/components/:componentId, as its admins see it. */
export interface ComponentDetail extends ComponentSummary {
  spaceId: string;
  typeAvailable: boolean;
  settings: Record<string, unknown>;
  defaultPhaseSettings: Record<string, unknown>;
  phaseSettings: Record<string, Record<string, unknown>>;
  permissions: Record<string, Permission>;
  effective: { activePhaseId: string | null; settings: Record<string, unknown> };
}

export interface Member {
  userId: string;
  invitedBy: string | null;
  invitedAt: string;
}

export const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const isSlug = (v: unknown): v is string =>
  typeof v === 'string' && v.length >= 3 && v.length <= 80 && SLUG.test(v);

/** The text in this language, else in the other one, else ''. */
export function textIn(text: Text | null | undefined, locale: string): string {
  const own = text?.[locale as keyof Text];
  if (typeof own === 'string' && own.trim()) return own;
  for (const v of Object.values(text ?? {})) if (typeof v === 'string' && v.trim()) return v;
  return '';
}

/**
 * The language a text is shown in, when it is not the page's: the `lang`
 * attribute screen readers need to pronounce it (WCAG 3.1.2).
 */
export function langOf(text: Text | null | undefined, locale: string): string | null {
  const own = text?.[locale as keyof Text];
  if (typeof own === 'string' && own.trim()) return null;
  for (const [lang, v] of Object.entries(text ?? {}))
    if (typeof v === 'string' && v.trim()) return lang;
  return null;
}

/** API paths under /api/spaces that are not a space (a slug may not take them either). */
const RESERVED = new Set(['settings', 'component-types', 'internal']);

/** A space's address on this site: its slug, never an API path. */
export const spaceSlug = (v: string): string | null => (isSlug(v) && !RESERVED.has(v) ? v : null);
