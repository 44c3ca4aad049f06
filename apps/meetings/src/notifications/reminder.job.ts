import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { returnedRows } from '@palabre/persistence';
import {
  DATA_SOURCE,
  intSetting,
  SERVICE_RUNTIME,
  type ServiceRuntime,
} from '@palabre/service-kit';
import type { MeetingRow } from '../meetings/meeting.view';
import { MeetingNotifications } from './meeting-notifications';

/** Registrants are reminded of a meeting within this time before it starts. */
export const REMINDER_WINDOW_MS = 24 * 3600_000;

/**
 * The day before: every MEETINGS_REMINDER_INTERVAL_MS (5 min; 0: off),
 * published meetings starting within a day whose registrants were not
 * reminded yet get one `meeting.reminder` notification to their seated
 * registrants with an account (ADR 0040), and are stamped `reminded_at` in
 * the same transaction. Every replica runs it: the stamp is a conditional
 * update, so the second one to come finds it set (after waiting for the
 * first's row lock) and tells no one.
 */
@Injectable()
export class ReminderJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    private readonly notifications: MeetingNotifications,
  ) {}

  onApplicationBootstrap(): void {
    const every = Number(this.runtime.env.MEETINGS_REMINDER_INTERVAL_MS ?? 300_000);
    if (!Number.isFinite(every) || every <= 0) return;
    this.timer = setInterval(() => {
      this.running ??= this.runOnce()
        .then(() => undefined)
        .catch((error: unknown) =>
          this.runtime.logger.emit('error', 'Meeting reminders failed', { error: String(error) }),
        )
        .finally(() => (this.running = undefined));
    }, every);
    this.timer.unref();
  }

  /** Reminds what is due now; returns how many meetings this run reminded. */
  async runOnce(): Promise<number> {
    const due: { organization_id: string; id: string }[] = await this.ds.query(
      `SELECT organization_id, id FROM meetings.meetings
        WHERE state = 'published' AND reminded_at IS NULL
          AND starts_at > now() AND starts_at <= now() + make_interval(secs => $1)
        ORDER BY starts_at LIMIT $2`,
      [REMINDER_WINDOW_MS / 1000, intSetting(this.runtime, 'MEETINGS_REMINDER_BATCH', 200)],
    );
    let reminded = 0;
    for (const d of due) if (await this.remind(d.organization_id, d.id)) reminded++;
    return reminded;
  }

  /** One meeting: stamped if still due, its seated account registrants told; false if not ours. */
  private remind(organizationId: string, id: string): Promise<boolean> {
    return this.ds.transaction(async (em) => {
      // Conditional: a replica that stamped it first (or a cancellation) leaves nothing to update.
      const [m] = returnedRows<MeetingRow>(
        await em.query(
          `UPDATE meetings.meetings SET reminded_at = now()
            WHERE organization_id = $1 AND id = $2 AND state = 'published' AND reminded_at IS NULL
              AND starts_at > now() AND starts_at <= now() + make_interval(secs => $3)
            RETURNING *`,
          [organizationId, id, REMINDER_WINDOW_MS / 1000],
        ),
      );
      if (!m) return false;
      const seated: { user_id: string }[] = await em.query(
        `SELECT user_id FROM meetings.registrations WHERE organization_id = $1 AND meeting_id = $2
            AND status = 'confirmed' AND user_id IS NOT NULL`,
        [m.organization_id, m.id],
      );
      // Moved later and due again: a new start, a new reminder.
      await this.notifications.tell(em, m, 'meeting.reminder', {
        recipients: seated.map((r) => r.user_id),
        dedupeKey: `meeting.reminder:${m.id}:${new Date(m.starts_at).toISOString()}`,
      });
      return true;
    });
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
