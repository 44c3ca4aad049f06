import type { LocalizedText } from './text';

/** A draw by lot (ADR 0042): among proposals, or a citizens' panel from a pool of volunteers. */
export type DrawKind = 'proposals' | 'panel';
/** prepared: its commitment is published, the numbers not yet; drawn; cancelled (with a reason). */
export type DrawState = 'prepared' | 'drawn' | 'cancelled';

export interface DrawSummaryView {
  id: string;
  componentId: string;
  spaceId: string;
  kind: DrawKind;
  title: LocalizedText;
  state: DrawState;
  /** How many are drawn: proposals, or panel members. */
  count: number;
  /** Candidates or volunteers drawn among. */
  among: number;
  commitment: string;
  /** When the list was fixed and committed (the draw's timestamp). */
  preparedAt: string;
  /** When the public numbers will be revealed, as announced. */
  revealAt: string | null;
  drawnAt: string | null;
}

/** What each group of a panel's pool gets: its members' chance of being selected. */
export interface PanelGroupView {
  category: string;
  value: string;
  volunteers: number;
  min: number;
  max: number;
  /** Selection probability of each volunteer of the group (lowest and highest among its types). */
  probabilityMin: number;
  probabilityMax: number;
}

export interface DrawView extends DrawSummaryView {
  description: LocalizedText;
  algorithm: string;
  version: number;
  /** proposals: the component drawn from, the area if one. */
  source: { componentId: string; area: string | null } | null;
  publicNumbers: string | null;
  witnesses: string | null;
  cancelReason: string | null;
  cancelledAt: string | null;
  /** proposals drawn, in draw order, with their titles. */
  selectedProposals: { id: string; title: string }[] | null;
  /** panel: members drawn, type after type; replacements per type, in order. */
  panel: {
    selected: string[];
    replacements: Record<string, string[]>;
    categories: string[];
    groups: PanelGroupView[];
    /** The lowest selection probability of any volunteer, and N / pool size. */
    minProbability: number;
    uniform: number;
    /** When the pool (identifiers and categories) was deleted, or will be. */
    poolDeletedAt: string | null;
    poolDeletesAt: string | null;
  } | null;
  isAdmin: boolean;
}

export interface DrawListView {
  items: DrawSummaryView[];
}
