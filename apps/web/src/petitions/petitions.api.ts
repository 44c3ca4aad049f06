/** The shapes of the petitions API that the pages read (the public contract, not the service's code). */
export interface PetitionSummary {
  id: string;
  title: string;
  state: string;
  type: { id: string; name: string };
  /** `deleted`: the author deleted their account ("deleted participant"). */
  author: { name: string; deleted?: boolean };
  publishedAt: string | null;
  closesAt: string | null;
  counts: { online: number; offline: number; total: number };
}

export interface PetitionDetail extends PetitionSummary {
  body: string;
  /** The type's rules that the page acts on (a signer may withdraw where the type allows it). */
  type: PetitionSummary['type'] & { withdrawalAllowed?: boolean };
  open: boolean;
  secondsLeft: number;
  milestones: { threshold: number; label: string; progress: number; reachedAt: string | null }[];
  timeline: { kind: string; state: string | null; at: string }[];
  answer: { text: string; date: string | null; url: string | null } | null;
  closeReason: string | null;
}

export interface PetitionPage {
  items: PetitionSummary[];
  nextCursor: string | null;
}

export interface PetitionType {
  id: string;
  name: string;
}

export interface Receipt {
  petitionId: string;
  receipt: string;
  signedAt: string;
}

/** My receipt on one petition, with the petition's counts as they are now. */
export interface ReceiptOn extends Receipt {
  counts: PetitionSummary['counts'];
}

export interface MySignature extends Receipt {
  title: string;
  state: string;
}
