import { Inject, Injectable } from '@nestjs/common';
import type { NotificationCadence, NotificationKind } from '@palabre/contracts';
import { DATA_SOURCE } from '@palabre/service-kit';
import type { DataSource } from 'typeorm';

export interface NotificationRow {
  id: string;
  organization_id: string;
  user_id: string;
  kind: NotificationKind;
  cadence: 'instant' | 'daily' | 'weekly';
  space_id: string | null;
  space_title: Record<string, string>;
  subject_id: string;
  title: Record<string, string>;
  path: string;
  params: Record<string, string>;
  occurred_at: Date;
  read_at: Date | null;
  mailed_at: Date | null;
}

/** SQL of people's notifications and preferences. Every query names the organization and the person. */
@Injectable()
export class NotificationsRepository {
  constructor(@Inject(DATA_SOURCE) private readonly ds: DataSource) {}

  async page(
    organizationId: string,
    userId: string,
    limit: number,
    after: { at: Date; id: string } | null,
  ): Promise<NotificationRow[]> {
    return this.ds.query(
      `SELECT * FROM newsletter.notifications
        WHERE organization_id = $1 AND user_id = $2
          AND ($3::timestamptz IS NULL OR (occurred_at, id) < ($3, $4::uuid))
        ORDER BY occurred_at DESC, id DESC LIMIT $5`,
      [organizationId, userId, after?.at ?? null, after?.id ?? null, limit],
    );
  }

  async unread(organizationId: string, userId: string): Promise<number> {
    const [row] = await this.ds.query(
      `SELECT count(*)::int AS n FROM newsletter.notifications
        WHERE organization_id = $1 AND user_id = $2 AND read_at IS NULL`,
      [organizationId, userId],
    );
    return row.n;
  }

  async markRead(organizationId: string, userId: string, ids: string[] | null): Promise<void> {
    await this.ds.query(
      `UPDATE newsletter.notifications SET read_at = now()
        WHERE organization_id = $1 AND user_id = $2 AND read_at IS NULL
          AND ($3::uuid[] IS NULL OR id = ANY($3::uuid[]))`,
      [organizationId, userId, ids],
    );
  }

  async preferences(
    organizationId: string,
    userId: string,
  ): Promise<{ kind: NotificationKind; cadence: NotificationCadence }[]> {
    return this.ds.query(
      `SELECT kind, cadence FROM newsletter.notification_preferences
        WHERE organization_id = $1 AND user_id = $2`,
      [organizationId, userId],
    );
  }

  /**
   * Saves choices; notifications not mailed yet follow the new cadence
   * (never: they stay on the page, unmailed).
   */
  async savePreferences(
    organizationId: string,
    userId: string,
    choices: [NotificationKind, NotificationCadence][],
  ): Promise<void> {
    if (choices.length === 0) return;
    await this.ds.transaction(async (m) => {
      await m.query(
        `INSERT INTO newsletter.notification_preferences (organization_id, user_id, kind, cadence)
         SELECT $1, $2, c.kind, c.cadence FROM unnest($3::text[], $4::text[]) AS c(kind, cadence)
         ON CONFLICT (organization_id, user_id, kind) DO UPDATE SET cadence = EXCLUDED.cadence`,
        [organizationId, userId, choices.map((c) => c[0]), choices.map((c) => c[1])],
      );
      await m.query(
        `UPDATE newsletter.notifications n
            SET cadence = CASE WHEN c.cadence = 'never' THEN n.cadence ELSE c.cadence END,
                mailed_at = CASE WHEN c.cadence = 'never' THEN now() ELSE n.mailed_at END
           FROM unnest($3::text[], $4::text[]) AS c(kind, cadence)
          WHERE n.organization_id = $1 AND n.user_id = $2 AND n.kind = c.kind
            AND n.mailed_at IS NULL`,
        [organizationId, userId, choices.map((c) => c[0]), choices.map((c) => c[1])],
      );
    });
  }
}
