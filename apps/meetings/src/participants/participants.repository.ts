import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE } from '@palabre/service-kit';

/** Who registered for spaces' meetings: the SQL of POST /internal/participants. */
@Injectable()
export class ParticipantsRepository {
  constructor(@Inject(DATA_SOURCE) private readonly ds: DataSource) {}

  /**
   * The accounts with a live registration (confirmed, or on the waiting list)
   * for a meeting of these spaces of the organization. A cancelled or expired
   * registration does not count, whoever ended it. Guests (registered with a
   * name and an address, no account) have no user_id and are left out: their
   * address was given for that meeting only.
   */
  async participants(organizationId: string, spaceIds: string[]): Promise<string[]> {
    const rows: { user_id: string }[] = await this.ds.query(
      `SELECT DISTINCT r.user_id FROM meetings.registrations r
         JOIN meetings.meetings m ON m.id = r.meeting_id AND m.organization_id = r.organization_id
        WHERE r.organization_id = $1 AND m.space_id = ANY($2::uuid[])
          AND r.user_id IS NOT NULL AND r.status IN ('confirmed', 'waiting')
        ORDER BY r.user_id`,
      [organizationId, spaceIds],
    );
    return rows.map((r) => r.user_id);
  }
}
