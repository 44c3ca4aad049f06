import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TEXT_LANGUAGES, type NotificationKind } from '@palabre/contracts';
import { publishNotification } from '@palabre/service-kit';
import { ComponentAccess } from '../components/component-access';

/** What a notification needs of a proposal. */
export interface NotifiedProposal {
  id: string;
  organization_id: string;
  space_id: string;
  component_id: string;
  title: string;
  author_id: string | null;
  /** Null once the author deleted their account. */
  author_name: string | null;
  origin: string;
}

/** The account to tell about its proposal: a participant's, still there (official entries have none). */
export const authorOf = (p: NotifiedProposal): string | null =>
  p.origin === 'participant' && p.author_name !== null ? p.author_id : null;

/**
 * Tells people what became of a proposal or of their comment on it (ADR
 * 0040), in the transaction of the change: the recipients minus the person
 * who did it, the space's title and the proposal's page on the site.
 */
@Injectable()
export class ProposalNotifications {
  constructor(private readonly access: ComponentAccess) {}

  async tell(
    m: EntityManager,
    p: NotifiedProposal,
    kind: NotificationKind,
    told: {
      recipients: (string | null)[];
      /** Who made the change: never told of it. */
      actorId: string | null | undefined;
      dedupeKey: string;
      params?: Record<string, string>;
      /** A comment of the proposal's page. */
      commentId?: string;
    },
  ): Promise<void> {
    const recipientIds = told.recipients.filter(
      (r): r is string => r !== null && r !== told.actorId,
    );
    if (!recipientIds.length) return;
    // Read in `m`: the embedded database's one session is held by this transaction.
    const space = await this.access.store.space(p.organization_id, p.space_id, m);
    const page = `/spaces/${space?.slug ?? p.space_id}/proposals/${p.component_id}/${p.id}`;
    await publishNotification(m, 'proposals', {
      organizationId: p.organization_id,
      kind,
      recipientIds,
      spaceId: p.space_id,
      spaceTitle: space?.title ?? {},
      subjectId: p.id,
      // A proposal is written once, in its author's language: the same title whatever the reader's.
      title: Object.fromEntries(TEXT_LANGUAGES.map((lang) => [lang, p.title])),
      path: told.commentId ? `${page}#comment-${told.commentId}` : page,
      params: told.params,
      dedupeKey: told.dedupeKey,
    });
  }
}
