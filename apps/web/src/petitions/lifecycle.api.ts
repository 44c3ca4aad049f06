/**
 * The shapes of the petitions API that authors and admins read and write,
 * declared once in @palabre/contracts: what the citizen pages do not need —
 * drafts, reasons, types in full, offline counts.
 */
import { PETITION_PUBLIC_STATES } from '@palabre/contracts';

export {
  PETITION_STATES as ALL_STATES,
  PETITION_SIGNER_POLICIES as SIGNER_POLICIES,
  PETITION_AUTHOR_POLICIES as AUTHOR_POLICIES,
} from '@palabre/contracts';
export type {
  PetitionState,
  PetitionListItemView as ManagedSummary,
  PetitionTimelineEntryView as TimelineEvent,
  PetitionDetailView as ManagedPetition,
  PetitionTypeView,
  PetitionOfflineCountView as OfflineCountEntry,
} from '@palabre/contracts';

/** States in which a petition is public: it may get offline counts and an answer. */
export const PUBLIC_STATES: readonly string[] = PETITION_PUBLIC_STATES;
