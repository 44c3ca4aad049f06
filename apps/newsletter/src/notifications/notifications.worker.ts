import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { DateTime } from 'luxon';
import type { NewsletterLanguage, RecipientView } from '@palabre/contracts';
import { JsonLogger } from '@palabre/observability';
import { returnedRows } from '@palabre/persistence';
import {
  DATA_SOURCE,
  OrganizationDirectory,
  PollingLoop,
  SERVICE_RUNTIME,
  type OrganizationInfo,
  type ServiceRuntime,
} from '@palabre/service-kit';
import type { DataSource } from 'typeorm';
import { recipientsOf } from '../delivery/recipients';
import { Senders } from '../delivery/senders';
import {
  notificationMailTemplate,
  type MailGroup,
  type NotificationMailContent,
} from '../rendering/notification-mail';
import type { RenderedMail } from '../rendering/newsletter-mail';
import { BoundedCache } from '@palabre/cache';
import { inLanguage, sentence } from './notification-kinds';
import type { NotificationRow } from './notifications.repository';

const IDLE_MS = 1_000;
/** Digests are looked for once a minute (and at start). */
const DIGEST_CHECK_MS = 60_000;
/** People per batch: one identity question, one UPDATE. */
const BATCH = 500;
/** Lines per space in a digest; the rest is "and N more". */
const LINES_PER_GROUP = 5;

type Cadence = 'instant' | 'daily' | 'weekly';

const SUBJECTS: Record<NewsletterLanguage, Record<Cadence, (n: number) => string>> = {
  fr: {
    instant: (n) => `${n} nouvelles notifications`,
    daily: (n) => `Votre résumé du jour : ${n} nouveauté${n > 1 ? 's' : ''}`,
    weekly: (n) => `Votre résumé de la semaine : ${n} nouveauté${n > 1 ? 's' : ''}`,
  },
  en: {
    instant: (n) => `${n} new notifications`,
    daily: (n) => `Your daily summary: ${n} new`,
    weekly: (n) => `Your weekly summary: ${n} new`,
  },
};
const HELLO: Record<NewsletterLanguage, (name: string | null) => string> = {
  fr: (name) => (name ? `Bonjour ${name},` : 'Bonjour,'),
  en: (name) => (name ? `Hello ${name},` : 'Hello,'),
};
const OTHER: Record<NewsletterLanguage, string> = { fr: 'Ailleurs', en: 'Elsewhere' };

/**
 * Mails notifications (ADR 0040): those to send at once within a second of
 * their arrival, one mail per person and batch; digests once per period of
 * the organization's time zone (daily at NOTIFICATIONS_DIGEST_HOUR, weekly on
 * Mondays at that hour), streamed by person in batches of 500, so that a
 * digest to 100,000 people never holds more than one batch in memory.
 * A notification is marked mailed when claimed, before its mail goes: a
 * crash loses at most the mails of one batch (still on the page), never
 * sends one twice. Addresses come from identity per batch (ADR 0038): a
 * deleted, blocked or unconfirmed account gets no mail.
 */
@Injectable()
export class NotificationsWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly loop = new PollingLoop({
    idleMs: IDLE_MS,
    step: async () => {
      const busy = await this.instant();
      if (Date.now() - this.lastDigestCheck >= DIGEST_CHECK_MS) {
        this.lastDigestCheck = Date.now();
        await this.digests();
      }
      return busy;
    },
    onError: (error) =>
      this.logger.error({ event: 'notification mails failed', error: error.message }),
  });
  private lastDigestCheck = 0;
  private readonly digestHour: number;
  private readonly templates = new BoundedCache<(content: NotificationMailContent) => RenderedMail>(
    { max: 200, ttlMs: 60 * 60_000 },
  );

  constructor(
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
    private readonly organizations: OrganizationDirectory,
    private readonly senders: Senders,
    private readonly logger: JsonLogger,
  ) {
    const hour = Number(runtime.env.NOTIFICATIONS_DIGEST_HOUR ?? 7);
    this.digestHour = Number.isInteger(hour) && hour >= 0 && hour <= 23 ? hour : 7;
  }

  onApplicationBootstrap(): void {
    if (this.runtime.env.NEWSLETTER_WORKER === 'off') return;
    this.loop.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.loop.stop();
  }

  nudge(): void {
    this.loop.wake();
  }

  /** One batch of notifications to mail at once; true when there was one. */
  async instant(): Promise<boolean> {
    const rows = returnedRows<NotificationRow>(
      await this.ds.query(
        `WITH batch AS MATERIALIZED (
           SELECT id FROM newsletter.notifications
            WHERE cadence = 'instant' AND mailed_at IS NULL
            ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED)
         UPDATE newsletter.notifications n SET mailed_at = now()
           FROM batch WHERE n.id = batch.id
        RETURNING n.*`,
        [BATCH],
      ),
    );
    if (rows.length === 0) return false;
    await this.mailGrouped(rows, 'instant');
    return true;
  }

  /**
   * Runs the digests that are due, each organization and period once. A
   * daily digest covers what arrived until that day's digest hour in the
   * organization's zone, a weekly one until Monday's: what arrives later
   * waits for the next one, so that choosing "daily" never means a mail at
   * once because the day's digest had not run yet.
   */
  async digests(now = DateTime.utc()): Promise<void> {
    const orgs: { organization_id: string; cadence: Cadence }[] = await this.ds.query(
      `SELECT DISTINCT organization_id, cadence FROM newsletter.notifications
        WHERE mailed_at IS NULL AND cadence IN ('daily', 'weekly')`,
    );
    for (const { organization_id: org, cadence } of orgs) {
      if (this.loop.stopped) return;
      const info = await this.organizations.of(org);
      const local = now.setZone(info.timeZone);
      if (local.hour < this.digestHour) continue;
      if (cadence === 'weekly' && local.weekday !== 1) continue;
      const until = local.startOf('day').set({ hour: this.digestHour }).toJSDate();
      // A day (2026-12-07) or an ISO week (2026-W50); a valid zone always gives one.
      const period = String(
        cadence === 'daily' ? local.toISODate() : local.toISOWeekDate()?.slice(0, 8),
      );
      const [due] = await this.ds.query(
        `SELECT 1 FROM newsletter.notifications
          WHERE organization_id = $1 AND cadence = $2 AND mailed_at IS NULL AND created_at <= $3
          LIMIT 1`,
        [org, cadence, until],
      );
      if (!due) continue;
      const [run] = returnedRows<{ period: string }>(
        await this.ds.query(
          `INSERT INTO newsletter.digest_runs (organization_id, cadence, period, until)
           VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING period`,
          [org, cadence, period, until],
        ),
      );
      if (run) await this.digest(org, cadence as 'daily' | 'weekly', period, until);
    }
    // A run a crash interrupted goes on where it stopped.
    const unfinished: {
      organization_id: string;
      cadence: 'daily' | 'weekly';
      period: string;
      until: Date;
    }[] = await this.ds.query(
      `SELECT organization_id, cadence, period, until FROM newsletter.digest_runs
        WHERE finished_at IS NULL AND started_at < now() - interval '5 minutes'`,
    );
    for (const r of unfinished)
      if (!this.loop.stopped)
        await this.digest(r.organization_id, r.cadence, r.period, new Date(r.until));
  }

  /**
   * One organization's digest of a cadence for a period: everything not
   * mailed that arrived until `before` (the period's digest hour); the run
   * is finished by its key.
   */
  async digest(
    organizationId: string,
    cadence: 'daily' | 'weekly',
    period: string,
    before: Date,
  ): Promise<number> {
    let after = '00000000-0000-0000-0000-000000000000';
    let people = 0;
    for (;;) {
      if (this.loop.stopped) return people;
      const users: { user_id: string }[] = await this.ds.query(
        `SELECT DISTINCT user_id FROM newsletter.notifications
          WHERE organization_id = $1 AND cadence = $2 AND mailed_at IS NULL AND created_at <= $3
            AND user_id > $4
          ORDER BY user_id LIMIT $5`,
        [organizationId, cadence, before, after, BATCH],
      );
      if (users.length === 0) break;
      after = users[users.length - 1].user_id;
      const rows = returnedRows<NotificationRow>(
        await this.ds.query(
          `UPDATE newsletter.notifications SET mailed_at = now()
            WHERE organization_id = $1 AND cadence = $2 AND mailed_at IS NULL AND created_at <= $3
              AND user_id = ANY($4::uuid[])
          RETURNING *`,
          [organizationId, cadence, before, users.map((u) => u.user_id)],
        ),
      );
      await this.mailGrouped(rows, cadence);
      people += users.length;
    }
    await this.ds.query(
      `UPDATE newsletter.digest_runs SET finished_at = now()
        WHERE organization_id = $1 AND cadence = $2 AND period = $3`,
      [organizationId, cadence, period],
    );
    return people;
  }

  /** One mail per person of `rows` (grouped by space, newest first). */
  private async mailGrouped(rows: NotificationRow[], cadence: Cadence): Promise<void> {
    const byOrg = new Map<string, Map<string, NotificationRow[]>>();
    for (const r of rows) {
      const people = byOrg.get(r.organization_id) ?? new Map<string, NotificationRow[]>();
      byOrg.set(r.organization_id, people);
      people.set(r.user_id, [...(people.get(r.user_id) ?? []), r]);
    }
    for (const [org, people] of byOrg) {
      const info = await this.organizations.of(org);
      let recipients: RecipientView[];
      try {
        recipients = await recipientsOf(this.runtime, org, [...people.keys()], 'notification');
      } catch (error) {
        // Nobody's fault: mail them later rather than never.
        await this.ds.query(
          `UPDATE newsletter.notifications SET mailed_at = NULL WHERE id = ANY($1::uuid[])`,
          [[...people.values()].flat().map((r) => r.id)],
        );
        throw error;
      }
      const sender = await this.senders.of(org, info.name);
      await Promise.all(
        recipients.map(async (to) => {
          const items = people.get(to.userId) ?? [];
          const lang: NewsletterLanguage = to.locale.startsWith('en') ? 'en' : 'fr';
          const mail = await this.compose(info, lang, items, cadence, to.name);
          try {
            await sender.transport.sendMail({
              from: sender.from,
              to: { name: to.name ?? '', address: to.email },
              replyTo: sender.replyTo ?? undefined,
              subject: mail.subject,
              html: mail.html,
              text: mail.text,
              headers: { 'Content-Language': lang, 'Auto-Submitted': 'auto-generated' },
            });
          } catch (error) {
            this.logger.warn({
              event: 'notification mail refused',
              code: (error as { responseCode?: number }).responseCode ?? 'connection',
            });
          }
        }),
      );
    }
  }

  private async compose(
    org: OrganizationInfo,
    lang: NewsletterLanguage,
    items: NotificationRow[],
    cadence: Cadence,
    name: string | null,
  ): Promise<RenderedMail & { subject: string }> {
    const template = await this.templates.fetch(`${org.id}:${org.name}:${lang}`, () =>
      notificationMailTemplate(lang, { name: org.name || org.origin }),
    );
    const sorted = [...items].sort(
      (a, b) => new Date(b.occurred_at).getTime() - new Date(a.occurred_at).getTime(),
    );
    const groups = new Map<string, MailGroup>();
    for (const r of sorted) {
      const key = r.space_id ?? '';
      let group = groups.get(key);
      if (!group) {
        group = {
          title: r.space_id ? inLanguage(r.space_title, lang) : OTHER[lang],
          lines: [],
          more: 0,
        };
        groups.set(key, group);
      }
      if (group.lines.length < LINES_PER_GROUP)
        group.lines.push({
          text: sentence(lang, r.kind, r.title, r.params),
          url: `${org.origin}${r.path}`,
        });
      else group.more += 1;
    }
    const subject =
      cadence === 'instant' && sorted.length === 1
        ? sentence(lang, sorted[0].kind, sorted[0].title, sorted[0].params)
        : SUBJECTS[lang][cadence](sorted.length);
    const single = groups.size === 1 && sorted.length === 1;
    const content: NotificationMailContent = {
      subject,
      intro: HELLO[lang](name),
      groups: single ? [{ ...[...groups.values()][0], title: null }] : [...groups.values()],
      allUrl: `${org.origin}/notifications`,
      preferencesUrl: `${org.origin}/account/notifications`,
    };
    return { subject, ...template(content) };
  }
}
