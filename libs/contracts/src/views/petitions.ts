/**
 * What apps/petitions answers on /api/petitions (JSON bodies): its views
 * return these types and the site reads them, so a change that breaks one
 * side fails to compile. Dates are ISO 8601 strings; days are YYYY-MM-DD.
 */
import type { LocalizedText } from './text';

/** A petition's states, in the order of its life. */
export const PETITION_STATES = [
  'draft',
  'submitted',
  'published',
  'rejected',
  'closed',
  'answered',
] as const;
export type PetitionState = (typeof PETITION_STATES)[number];
/** States anyone may see; the others only the author and the organization's admins. */
export const PETITION_PUBLIC_STATES: readonly PetitionState[] = ['published', 'closed', 'answered'];

/** Who may sign petitions of a type. */
export const PETITION_SIGNER_POLICIES = ['franceconnect', 'franceconnect-or-account'] as const;
export type PetitionSignerPolicy = (typeof PETITION_SIGNER_POLICIES)[number];
/** Who may author petitions of a type. */
export const PETITION_AUTHOR_POLICIES = ['franceconnect', 'account'] as const;
export type PetitionAuthorPolicy = (typeof PETITION_AUTHOR_POLICIES)[number];

export interface PetitionCountsView {
  online: number;
  offline: number;
  total: number;
}

/** A petition in lists and open data. */
export interface PetitionSummaryView {
  id: string;
  title: string;
  state: PetitionState;
  type: { id: string; name: LocalizedText };
  /** `deleted`: the author deleted their account ("deleted participant"), `name` is then ''. */
  author: { name: string; deleted: boolean };
  createdAt: string;
  publishedAt: string | null;
  closesAt: string | null;
  closedAt: string | null;
  answeredAt: string | null;
  counts: PetitionCountsView;
}

/** An item of GET /api/petitions. */
export interface PetitionListItemView extends PetitionSummaryView {
  /** In the author's own list (author=me) only: why it was rejected, null otherwise. */
  rejectionReason?: string | null;
}

/** GET /api/petitions */
/** How many petitions an organization has in each state (GET /api/petitions/counts, admins). */
export interface PetitionCountsByStateView {
  states: Record<PetitionState, number>;
}

export interface PetitionPageView {
  items: PetitionListItemView[];
  nextCursor: string | null;
}

export interface PetitionTimelineEntryView {
  kind: string;
  state: string | null;
  detail: Record<string, unknown>;
  at: string;
}

/** GET /api/petitions/:id: everything public about one petition (and, to its author and admins, the rest). */
export interface PetitionDetailView extends Omit<PetitionSummaryView, 'type'> {
  body: string;
  /** The type's rules that the page acts on. */
  type: {
    id: string;
    name: LocalizedText;
    signers: PetitionSignerPolicy;
    withdrawalAllowed: boolean;
    areaBreakdown: boolean;
  };
  submittedAt: string | null;
  open: boolean;
  secondsLeft: number;
  milestones: {
    threshold: number;
    label: LocalizedText;
    progress: number;
    reachedAt: string | null;
  }[];
  areaRule: { signatures: number; areas: number; areasWithSignatures: number; met: boolean } | null;
  /** Signatures per area, where the type asks signers for theirs. */
  areas: { area: string; count: number }[] | null;
  /** Given only while the petition is rejected. */
  rejectionReason: string | null;
  closeReason: string | null;
  answer: { text: string; date: string | null; url: string | null } | null;
  timeline: PetitionTimelineEntryView[];
}

/** A petition type (GET /api/petitions/types gives `{ items }`). */
export interface PetitionTypeView {
  id: string;
  name: LocalizedText;
  description: LocalizedText;
  signatureDays: number;
  signers: PetitionSignerPolicy;
  authors: PetitionAuthorPolicy;
  withdrawalAllowed: boolean;
  milestones: { threshold: number; label: LocalizedText }[];
  areaBreakdown: boolean;
  areaRule: { signatures: number; areas: number } | null;
  active: boolean;
}

export interface PetitionReceiptView {
  petitionId: string;
  receipt: string;
  signedAt: string;
}

/** POST /api/petitions/:id/signatures */
export interface PetitionSignedView extends PetitionReceiptView {
  message: string;
}

/** GET /api/petitions/:id/signatures/mine: my receipt, with the petition's counts as they are now. */
export interface PetitionReceiptOnView extends PetitionReceiptView {
  counts: PetitionCountsView;
}

/** An item of GET /api/petitions/signatures/mine. */
export interface PetitionSignatureView extends PetitionReceiptView {
  title: string;
  state: PetitionState;
}

/** GET /api/petitions/receipts/:receipt: what anyone holding a receipt may learn (no time, no signer). */
export interface PetitionReceiptCheckView {
  receipt: string;
  petition: { id: string; title: string; state: PetitionState };
  /** The day of the signature, Europe/Paris (YYYY-MM-DD). */
  signedOn: string;
}

/** An item of GET /api/petitions/:id/offline-counts. */
export interface PetitionOfflineCountView {
  id: string;
  count: number;
  source: string;
  note: string;
  recordedBy: string;
  recordedAt: string;
}
