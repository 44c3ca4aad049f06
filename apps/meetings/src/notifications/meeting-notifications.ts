import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { NotificationKind } from '@palabre/contracts';
import { publishNotification } from '@palabre/service-kit';
import { ComponentAccess } from '../components/component-access';
import type { MeetingRow } from '../meetings/meeting.view';

/**
 * Tells a meeting's registrants with an account what concerns them (ADR
 * 0040), in the transaction of the change, besides the mails meetings sends
 * itself (ADR 0035, guests included): the recipients minus the person who
 * did it, the space's title, the meeting's page on the site.
 */
@Injectable()
export class MeetingNotifications {
  constructor(private readonly access: ComponentAccess) {}

  async tell(
    em: EntityManager,
    m: MeetingRow,
    kind: NotificationKind,
    told: {
      recipients: (string | null)[];
      /** Who made the change: never told of it. */
      actorId?: string | null;
      dedupeKey: string;
      params?: Record<string, string>;
    },
  ): Promise<void> {
    const recipientIds = told.recipients.filter(
      (r): r is string => r !== null && r !== told.actorId,
    );
    if (!recipientIds.length) return;
    const title: Record<string, string> = {};
    for (const [lang, text] of Object.entries(m.title)) if (text?.trim()) title[lang] = text;
    // Read in `em`: the embedded database's one session is held by this transaction.
    const space = await this.access.store.space(m.organization_id, m.space_id, em);
    await publishNotification(em, 'meetings', {
      organizationId: m.organization_id,
      kind,
      recipientIds,
      spaceId: m.space_id,
      spaceTitle: space?.title ?? {},
      subjectId: m.id,
      title,
      path: `/spaces/${space?.slug ?? m.space_id}/meetings/${m.component_id}/${m.id}`,
      params: told.params,
      dedupeKey: told.dedupeKey,
    });
  }
}
