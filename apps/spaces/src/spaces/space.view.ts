import { hasRole, type InternalIdentity } from '@palabre/auth';
import type {
  SpaceCardView,
  SpaceComponentSummaryView,
  SpaceKind,
  SpaceLandingView,
  SpacePhaseRefView,
  SpacePhaseView,
  SpaceSummaryView,
  SpaceText,
} from '@palabre/contracts';
import { timingOn } from '../phases/phase-calendar';

export type Text = SpaceText;

export interface SpaceRow {
  id: string;
  organization_id: string;
  kind: SpaceKind;
  slug: string;
  reference: string;
  state: 'draft' | 'published';
  private: boolean;
  transparent: boolean;
  auto_phases: boolean;
  title: Text;
  subtitle: Text;
  welcome: Text;
  summary: Text;
  image_url: string | null;
  image_alt: Text;
  video_url: string | null;
  objectives: Text;
  participants: Text;
  decision_rules: Text;
  area: Text;
  organizer: Text;
  starts_on: string | null;
  ends_on: string | null;
  created_at: Date;
  updated_at: Date;
  published_at: Date | null;
}

export interface PhaseRow {
  id: string;
  organization_id: string;
  space_id: string;
  position: number;
  title: Text;
  description: Text;
  starts_on: string | null;
  ends_on: string | null;
  active: boolean;
  activated_at: Date | null;
}

export interface ComponentRow {
  id: string;
  organization_id: string;
  space_id: string;
  type: string;
  name: Text;
  position: number;
  settings: Record<string, unknown>;
  default_phase_settings: Record<string, unknown>;
  created_at: Date;
  updated_at: Date;
}

/** Administers the space: its space admins, and the organization's admins. */
export const isSpaceAdmin = (identity: InternalIdentity, spaceId: string) =>
  hasRole(identity, 'space-admin', spaceId);

/** The space's staff: its admins, moderators and evaluators (organization-wide ones included). */
export const isStaff = (identity: InternalIdentity, spaceId: string) =>
  isSpaceAdmin(identity, spaceId) ||
  hasRole(identity, 'moderator', spaceId) ||
  hasRole(identity, 'evaluator', spaceId);

/** Spaces the identity holds a space-scoped role in (for listing their drafts and private spaces). */
export const grantedSpaces = (identity: InternalIdentity, roles: string[]) =>
  identity.grants
    .filter((g) => g.spaceId && roles.includes(g.role))
    .map((g) => g.spaceId as string);

/** Readable by anyone, signed in or not: the same answer for every caller, so cacheable publicly. */
export const isPublic = (s: Pick<SpaceRow, 'state' | 'private' | 'transparent'>) =>
  s.state === 'published' && (!s.private || s.transparent);

/**
 * Drafts are for the space's admins; a private space for its members and
 * staff, unless transparent. Anyone else is told it does not exist (404).
 */
export function maySee(identity: InternalIdentity, s: SpaceRow, member: boolean): boolean {
  if (isSpaceAdmin(identity, s.id)) return true;
  if (s.state !== 'published') return false;
  return !s.private || s.transparent || member || isStaff(identity, s.id);
}

const day = (d: string | null) => d ?? null;
function iso(d: Date): string;
function iso(d: Date | null): string | null;
function iso(d: Date | null) {
  return d ? new Date(d).toISOString() : null;
}

/** A phase as the API shows it; `today` (YYYY-MM-DD, the organization's zone) places its dates. */
export const phaseView = (p: PhaseRow, today: string): SpacePhaseView => ({
  id: p.id,
  position: p.position,
  title: p.title,
  description: p.description,
  startsOn: day(p.starts_on),
  endsOn: day(p.ends_on),
  timing: timingOn(p, today),
  active: p.active,
  activatedAt: iso(p.activated_at),
});

export const componentSummary = (c: ComponentRow): SpaceComponentSummaryView => ({
  id: c.id,
  type: c.type,
  name: c.name,
  position: c.position,
});

const activeRef = (p: PhaseRow | undefined | null, today: string): SpacePhaseRefView | null =>
  p
    ? {
        id: p.id,
        title: p.title,
        startsOn: day(p.starts_on),
        endsOn: day(p.ends_on),
        timing: timingOn(p, today),
      }
    : null;

export const summaryView = (
  s: SpaceRow,
  active: PhaseRow | null | undefined,
  today: string,
): SpaceSummaryView => ({
  id: s.id,
  kind: s.kind,
  slug: s.slug,
  reference: s.reference,
  state: s.state,
  private: s.private,
  transparent: s.transparent,
  title: s.title,
  subtitle: s.subtitle,
  summary: s.summary,
  imageUrl: s.image_url,
  startsOn: day(s.starts_on),
  endsOn: day(s.ends_on),
  activePhase: s.kind === 'process' ? activeRef(active, today) : null,
});

/** Everything the landing page of a space shows. */
export const landingView = (
  s: SpaceRow,
  phases: PhaseRow[],
  components: ComponentRow[],
  today: string,
): SpaceLandingView => ({
  ...summaryView(
    s,
    phases.find((p) => p.active),
    today,
  ),
  welcome: s.welcome,
  imageAlt: s.image_alt,
  videoUrl: s.video_url,
  autoPhases: s.auto_phases,
  facts: {
    objectives: s.objectives,
    participants: s.participants,
    decisionRules: s.decision_rules,
    area: s.area,
    organizer: s.organizer,
    startsOn: day(s.starts_on),
    endsOn: day(s.ends_on),
  },
  phases: s.kind === 'process' ? phases.map((p) => phaseView(p, today)) : [],
  components: components.map(componentSummary),
  publishedAt: iso(s.published_at),
  updatedAt: iso(s.updated_at),
});

/** What another site needs to show a space in a card (iframe or server-side include). */
export const cardView = (
  s: SpaceRow,
  active: PhaseRow | null | undefined,
  today: string,
): SpaceCardView => ({
  id: s.id,
  kind: s.kind,
  slug: s.slug,
  reference: s.reference,
  title: s.title,
  subtitle: s.subtitle,
  summary: s.summary,
  imageUrl: s.image_url,
  startsOn: day(s.starts_on),
  endsOn: day(s.ends_on),
  activePhase: s.kind === 'process' ? activeRef(active, today) : null,
  path: `/spaces/${s.slug}`,
});
