/** The shapes of the petitions API that the pages read, declared once in @palabre/contracts. */
export type {
  PetitionSummaryView as PetitionSummary,
  PetitionDetailView as PetitionDetail,
  PetitionPageView as PetitionPage,
  PetitionTypeView as PetitionType,
  PetitionReceiptView as Receipt,
  PetitionReceiptOnView as ReceiptOn,
  PetitionSignatureView as MySignature,
  PetitionReceiptCheckView as ReceiptCheck,
} from '@palabre/contracts';
