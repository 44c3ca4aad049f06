/**
 * The shapes of the petitions API that authors and admins read and write
 * (the public contract of apps/petitions, not its code): what the citizen
 * pages do not need — drafts, reasons, types in full, offline counts.
 */
import type { PetitionDetail, PetitionSummary } from './petitions.api';

export const ALL_STATES = [
  'draft',
  'submitted',
  'published',
  'rejected',
  'closed',
  'answered',
] as const;
export type PetitionState = (typeof ALL_STATES)[number];
/** States in which a petition is public: it may get offline counts and an answer. */
export const PUBLIC_STATES: readonly string[] = ['published', 'closed', 'answered'];

export interface ManagedSummary extends PetitionSummary {
  createdAt: string | null;
  closedAt: string | null;
  answeredAt: string | null;
  /** In the author's own list (author=me) only. */
  rejectionReason?: string | null;
}

export interface TimelineEvent {
  kind: string;
  state: string | null;
  detail?: Record<string, unknown>;
  at: string;
}

export interface ManagedPetition extends Omit<PetitionDetail, 'timeline'> {
  createdAt: string | null;
  submittedAt: string | null;
  rejectionReason: string | null;
  timeline: TimelineEvent[];
}

export const SIGNER_POLICIES = ['franceconnect', 'franceconnect-or-account'] as const;
export const AUTHOR_POLICIES = ['franceconnect', 'account'] as const;

export interface PetitionTypeView {
  id: string;
  name: string;
  description: string;
  signatureDays: number;
  signers: (typeof SIGNER_POLICIES)[number];
  authors: (typeof AUTHOR_POLICIES)[number];
  withdrawalAllowed: boolean;
  milestones: { threshold: number; label: string }[];
  areaBreakdown: boolean;
  areaRule: { signatures: number; areas: number } | null;
  active: boolean;
}

export interface OfflineCountEntry {
  id: string;
  count: number;
  source: string;
  note: string;
  recordedBy: string;
  recordedAt: string;
}
