import { Inject, Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import type { LocalizedText } from '@palabre/contracts';
import { DATA_SOURCE, type PersonalDataKeeper } from '@palabre/service-kit';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/**
 * Meetings' side of the GDPR rights (docs/adr/0018): an account's
 * registrations and the meetings it organized, and erasing who they were.
 * (Registrations without an account are erased by the retention job.)
 */
@Injectable()
export class PrivacyRepository implements PersonalDataKeeper {
  constructor(@Inject(DATA_SOURCE) private readonly ds: DataSource) {}

  /**
   * A deleted account's registrations lose its name and its link to the
   * account (the seat counts of past meetings stay true); the meetings it
   * organized stay, by "a participant" without a name.
   */
  async erase(m: EntityManager, organizationId: string, userId: string): Promise<void> {
    await m.query(
      `UPDATE meetings.registrations SET name = NULL, user_id = NULL, person_key = 'erased:' || id::text
        WHERE organization_id = $1 AND user_id = $2`,
      [organizationId, userId],
    );
    await m.query(
      `UPDATE meetings.meetings SET author_id = NULL, author_name = NULL
        WHERE organization_id = $1 AND author_id = $2`,
      [organizationId, userId],
    );
  }

  /** This person's registrations and the meetings they organized, in this organization. */
  async personalData(organizationId: string, userId: string) {
    const registrations: {
      id: string;
      meeting_id: string;
      title: LocalizedText;
      starts_at: Date;
      status: string;
      code: string | null;
      registered_at: Date;
      cancelled_at: Date | null;
      attended_at: Date | null;
    }[] = await this.ds.query(
      `SELECT r.id, r.meeting_id, m.title, m.starts_at, r.status, r.code, r.registered_at,
              r.cancelled_at, r.attended_at
         FROM meetings.registrations r
         JOIN meetings.meetings m ON m.id = r.meeting_id AND m.organization_id = r.organization_id
        WHERE r.organization_id = $1 AND r.user_id = $2
        ORDER BY r.registered_at, r.id`,
      [organizationId, userId],
    );
    const organized: { id: string; title: LocalizedText; starts_at: Date; state: string }[] =
      await this.ds.query(
        `SELECT id, title, starts_at, state FROM meetings.meetings
          WHERE organization_id = $1 AND author_id = $2 ORDER BY starts_at, id`,
        [organizationId, userId],
      );
    return {
      format: 'palabre.meetings.personal-data.v1',
      organizationId,
      registrations: registrations.map((r) => ({
        id: r.id,
        meetingId: r.meeting_id,
        meetingTitle: r.title,
        startsAt: iso(r.starts_at),
        status: r.status,
        code: r.code,
        registeredAt: iso(r.registered_at),
        cancelledAt: iso(r.cancelled_at),
        attendedAt: iso(r.attended_at),
      })),
      organizedMeetings: organized.map((o) => ({
        id: o.id,
        title: o.title,
        startsAt: iso(o.starts_at),
        state: o.state,
      })),
    };
  }
}
