import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { returnedRows } from '@palabre/persistence';
import { DATA_SOURCE, SERVICE_RUNTIME, type ServiceRuntime } from '@palabre/service-kit';
import type { OutgoingMail } from '@palabre/mail';
import { accountMails } from '../accounts/account-mails';
import { IdentityConfig } from '../config/identity.config';
import { PublicOrigin } from '../organizations/public-origin';
import { PrivacyUseCase } from './privacy.use-case';

const BATCH = 100;

/** When the account was last used: its newest session, or its creation. */
const LAST_ACTIVE = `greatest(u.created_at, (SELECT max(s.last_seen_at) FROM identity.sessions s
  WHERE s.organization_id = u.organization_id AND s.user_id = u.id))`;

/** Staff accounts are never deleted for inactivity: their role is revoked first (docs/adr/0018). */
const NOT_STAFF = `NOT EXISTS (SELECT 1 FROM identity.grants g
  WHERE g.organization_id = u.organization_id AND g.user_id = u.id
    AND g.role IN ('platform-operator', 'org-admin', 'space-admin', 'moderator', 'evaluator'))`;

/**
 * Deleted `$3` days after the warning, unless the account was used since.
 * Params: $1 organization, $2 now, $3 warning days.
 */
const DUE_FOR_DELETION = `u.organization_id = $1 AND u.status = 'active'
  AND u.inactivity_warned_at <= $2::timestamptz - make_interval(days => $3::int)
  AND ${LAST_ACTIVE} < u.inactivity_warned_at AND ${NOT_STAFF}`;

export interface InactivityReport {
  warned: number;
  deleted: number;
}

/**
 * Accounts nobody signed in to for IDENTITY_INACTIVE_ACCOUNT_MONTHS are
 * warned by mail IDENTITY_INACTIVE_WARNING_DAYS before, then deleted through
 * the same erasure as a person's own request (so every service hears of it).
 * Safe with several replicas: a warning is claimed with SKIP LOCKED and
 * recorded in the same transaction; a deletion re-checks its account under
 * the organization's lock, so it happens once. `run(now)` is the whole job,
 * callable with any "now" (tests, a one-off run).
 */
@Injectable()
export class InactiveAccountsJob implements OnApplicationBootstrap, OnModuleDestroy {
  private timer?: NodeJS.Timeout;

  constructor(
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
    private readonly config: IdentityConfig,
    private readonly privacy: PrivacyUseCase,
    private readonly origins: PublicOrigin,
  ) {}

  onApplicationBootstrap(): void {
    const { months, checkEveryMs } = this.config.inactivity;
    if (months === 0 || checkEveryMs === 0) return;
    let running = false;
    this.timer = setInterval(() => {
      if (running) return;
      running = true;
      this.run()
        .then((r) => {
          if (r.warned || r.deleted)
            this.runtime.logger.emit('info', 'Inactive accounts handled', { ...r });
        })
        .catch((error) =>
          this.runtime.logger.emit('error', 'Inactive accounts job failed', {
            error: String(error),
          }),
        )
        .finally(() => (running = false));
    }, checkEveryMs);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  async run(now = new Date()): Promise<InactivityReport> {
    const report: InactivityReport = { warned: 0, deleted: 0 };
    if (this.config.inactivity.months === 0) return report;
    const organizations: { id: string; name: string }[] = await this.ds.query(
      `SELECT id, name FROM identity.organizations ORDER BY id`,
    );
    for (const org of organizations) {
      report.deleted += await this.deleteWarned(org.id, now);
      report.warned += await this.warn(org, now);
    }
    return report;
  }

  /** Claims and marks the accounts due for a warning, then mails them (after commit). */
  private async warn(org: { id: string; name: string }, now: Date): Promise<number> {
    const { months, warningDays } = this.config.inactivity;
    const deleteOn = new Date(now.getTime() + warningDays * 86_400_000);
    const link = `${await this.origin(org.id)}/sign-in`;
    let warned = 0;
    for (;;) {
      const batch = await this.ds.transaction(async (m) =>
        returnedRows<{ id: string; email: string | null }>(
          await m.query(
            `WITH due AS (
             SELECT u.id FROM identity.users u
              WHERE u.organization_id = $1 AND u.status = 'active'
                AND ${LAST_ACTIVE} <= $2::timestamptz - make_interval(months => $3::int)
                                                      + make_interval(days => $4::int)
                AND (u.inactivity_warned_at IS NULL OR u.inactivity_warned_at < ${LAST_ACTIVE})
                AND ${NOT_STAFF}
              ORDER BY u.id LIMIT ${BATCH} FOR UPDATE OF u SKIP LOCKED)
           UPDATE identity.users u SET inactivity_warned_at = $2::timestamptz
             FROM due WHERE u.organization_id = $1 AND u.id = due.id
           RETURNING u.id, u.email`,
            [org.id, now.toISOString(), months, warningDays],
          ),
        ),
      );
      // An account without an address cannot be told; it is deleted as late as the others.
      for (const u of batch)
        if (u.email)
          await this.mail(accountMails.inactiveAccount(u.email, org.name, link, deleteOn));
      warned += batch.length;
      if (batch.length < BATCH) return warned;
    }
  }

  /** Erases, one transaction each, the warned accounts still unused after the warning period. */
  private async deleteWarned(organizationId: string, now: Date): Promise<number> {
    const params = [organizationId, now.toISOString(), this.config.inactivity.warningDays];
    let deleted = 0;
    for (;;) {
      const due: { id: string }[] = await this.ds.query(
        `SELECT u.id FROM identity.users u WHERE ${DUE_FOR_DELETION} ORDER BY u.id LIMIT ${BATCH}`,
        params,
      );
      let done = 0;
      for (const { id } of due) {
        const erased = await this.ds.transaction(async (m) => {
          // The organization's lock (as every erasure takes first) makes two replicas take turns;
          // the second finds the account no longer due.
          await m.query(`SELECT id FROM identity.organizations WHERE id = $1 FOR UPDATE`, [
            organizationId,
          ]);
          const still = await m.query(
            `SELECT u.id FROM identity.users u WHERE ${DUE_FOR_DELETION} AND u.id = $4 FOR UPDATE OF u`,
            [...params, id],
          );
          return still.length === 1 && this.privacy.eraseIn(m, organizationId, id, 'inactivity');
        });
        if (erased) done += 1;
      }
      deleted += done;
      if (due.length < BATCH || done === 0) return deleted;
    }
  }

  /** One warning per account and period: sent after the warning is recorded; a failure is logged. */
  private async mail(mail: OutgoingMail): Promise<void> {
    if (!this.runtime.mailer) {
      this.runtime.logger.emit(
        'warn',
        'No mailer configured (SMTP_URL); inactivity warning not sent',
      );
      return;
    }
    try {
      await this.runtime.mailer.send(mail);
    } catch (error) {
      this.runtime.logger.emit('error', 'Inactivity warning could not be sent', {
        error: String(error),
      });
    }
  }

  /** Where the organization's links lead: its primary host (PublicOrigin), never a request's. */
  private async origin(organizationId: string): Promise<string> {
    const [row] = await this.ds.query(
      `SELECT host FROM identity.organization_hosts WHERE organization_id = $1
        ORDER BY is_primary DESC, host LIMIT 1`,
      [organizationId],
    );
    return this.origins.of(row?.host ?? 'localhost');
  }
}
