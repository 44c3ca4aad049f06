import type { EntityManager } from 'typeorm';
import { TEXT_LANGUAGES, type NotificationKind } from '@palabre/contracts';
import { publishNotification } from '@palabre/service-kit';
import type { PetitionRow } from './petition.view';

/** What telling a petition's author needs of its row. */
export type NotifiedPetition = Pick<
  PetitionRow,
  'id' | 'organization_id' | 'author_id' | 'author_name' | 'title'
>;

/** The petition's page on the site (apps/web: GET /petitions/:id), its author's too. */
export const petitionPath = (id: string) => `/petitions/${id}`;

/**
 * Tells a petition's author what became of it (ADR 0040), in the caller's
 * transaction. The author is always an account (`author_id`: a local account,
 * or the account identity links a FranceConnect-identified author to; signers
 * are pseudonyms and are never told anything). A petition whose author
 * deleted their account (its name erased) tells nobody. Petitions live in no
 * space. The title is written in one language the service does not know: it
 * is given for every language a recipient may read.
 */
export async function notifyAuthor(
  m: EntityManager,
  p: NotifiedPetition,
  kind: Extract<NotificationKind, `petition.${string}`>,
  change: { dedupeKey: string; params?: Record<string, string>; occurredAt?: Date | null },
): Promise<void> {
  if (p.author_name === null) return;
  await publishNotification(m, 'petitions', {
    organizationId: p.organization_id,
    kind,
    recipientIds: [p.author_id],
    subjectId: p.id,
    title: Object.fromEntries(TEXT_LANGUAGES.map((lang) => [lang, p.title])),
    path: petitionPath(p.id),
    params: change.params,
    occurredAt: change.occurredAt ? new Date(change.occurredAt) : undefined,
    dedupeKey: change.dedupeKey,
  });
}
