import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import {
  DATA_SOURCE,
  intSetting,
  SERVICE_RUNTIME,
  type ServiceRuntime,
} from '@palabre/service-kit';
import type { DataSource } from 'typeorm';
import { RegistrationWriter } from './registration-writer';

/**
 * Registrations without an account whose address was not confirmed in
 * time: every MEETINGS_EXPIRY_INTERVAL_MS (30 s; 0: off) their seats go to
 * the people waiting. (Registering for a meeting releases its own expired
 * ones first, so a seat is never refused for a hold that ran out.)
 * The same turn erases the names and addresses of registrations without an
 * account MEETINGS_GUEST_RETENTION_DAYS (30) after their meeting ended: the
 * organizer had the list for the meeting and its follow-up; the counts stay.
 */
@Injectable()
export class ExpiryJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    private readonly writer: RegistrationWriter,
  ) {}

  onApplicationBootstrap(): void {
    const every = Number(this.runtime.env.MEETINGS_EXPIRY_INTERVAL_MS ?? 30_000);
    if (!Number.isFinite(every) || every <= 0) return;
    this.timer = setInterval(() => {
      this.running ??= this.runOnce()
        .then(() => undefined)
        .catch((error: unknown) =>
          this.runtime.logger.emit('error', 'Registration expiry failed', { error: String(error) }),
        )
        .finally(() => (this.running = undefined));
    }, every);
    this.timer.unref();
  }

  /** Expires what is due now; returns how many meetings had some. */
  async runOnce(): Promise<number> {
    const due: { organization_id: string; meeting_id: string }[] = await this.ds.query(
      `SELECT DISTINCT organization_id, meeting_id FROM meetings.registrations
        WHERE mail_confirmed_at IS NULL AND user_id IS NULL AND status IN ('confirmed', 'waiting')
          AND expires_at < now() LIMIT $1`,
      [intSetting(this.runtime, 'MEETINGS_EXPIRY_BATCH', 500)],
    );
    for (const d of due)
      await this.writer.submit({
        kind: 'expire',
        organizationId: d.organization_id,
        meetingId: d.meeting_id,
      });
    await this.ds.query(
      `UPDATE meetings.registrations r SET name = NULL, email = NULL, token_hash = NULL,
         person_key = 'erased:' || r.id::text
        WHERE r.id IN (
          SELECT x.id FROM meetings.registrations x
            JOIN meetings.meetings m ON m.id = x.meeting_id
           WHERE x.user_id IS NULL AND x.email IS NOT NULL
             AND m.ends_at < now() - make_interval(days => $1)
           LIMIT 1000)`,
      [intSetting(this.runtime, 'MEETINGS_GUEST_RETENTION_DAYS', 30)],
    );
    return due.length;
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
