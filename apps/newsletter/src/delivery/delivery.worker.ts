import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { Topics, type DeliveryCompletedJson, type RecipientView } from '@palabre/contracts';
import { publish } from '@palabre/messaging';
import { JsonLogger } from '@palabre/observability';
import { returnedRows } from '@palabre/persistence';
import {
  DATA_SOURCE,
  PollingLoop,
  SERVICE_RUNTIME,
  ServiceUnreachableError,
  type ServiceRuntime,
} from '@palabre/service-kit';
import type { DataSource } from 'typeorm';
import { Audiences } from '../audiences/audiences';
import { NewsletterConfig } from '../config/newsletter.config';
import type { NewsletterRow } from '../newsletters/newsletters.repository';
import { newsletterMessageId, NewsletterMails } from './newsletter-mails';
import { recipientsOf } from './recipients';
import { NoSmtpServerError, Senders, type Sender } from './senders';

/** How long the worker sleeps when nothing is due (a send or a schedule wakes it earlier). */
const IDLE_MS = 1_000;
/** Sent marks are written in groups, at most this long after the server accepted the mail. */
const MARK_EVERY_MS = 50;

interface Claimed {
  user_id: string;
  attempts: number;
}

/** What the mail server answered, for the ledger: codes only, never an address. */
function smtpFailure(error: unknown): { permanent: boolean; reason: string } {
  const e = error as { responseCode?: number; response?: string; code?: string };
  const enhanced = /\b([245]\.\d{1,3}\.\d{1,3})\b/.exec(e.response ?? '')?.[1];
  if (typeof e.responseCode === 'number')
    return {
      permanent: e.responseCode >= 500,
      reason: `smtp ${e.responseCode}${enhanced ? ` ${enhanced}` : ''}`,
    };
  return { permanent: false, reason: `smtp ${e.code ?? 'connection failed'}` };
}

/**
 * Sends newsletters from their delivery ledger (ADR 0039). One row per
 * newsletter and recipient is written before the first mail goes; a batch
 * is claimed (state `sending`, leased), its addresses asked of identity,
 * each mail handed to the organization's paced SMTP pool, and each accepted
 * mail marked `sent` within 50 ms. A temporary failure is retried later
 * with a doubling delay; a permanent one, or the last attempt, is `failed`
 * with the server's codes. After a crash, rows still `sending` when their
 * lease ends are sent again with the same Message-ID (their mail may or may
 * not have left: the only mails that can arrive twice are those the server
 * accepted in the last 50 ms before the crash, and they carry the same
 * Message-ID); no row is ever forgotten.
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly loop = new PollingLoop({
    idleMs: IDLE_MS,
    step: () => this.tick(),
    onError: (error) =>
      this.logger.error({ event: 'newsletter delivery tick failed', error: error.message }),
  });

  constructor(
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
    private readonly config: NewsletterConfig,
    private readonly audiences: Audiences,
    private readonly mails: NewsletterMails,
    private readonly senders: Senders,
    private readonly logger: JsonLogger,
  ) {}

  onApplicationBootstrap(): void {
    if (this.runtime.env.NEWSLETTER_WORKER === 'off') return;
    this.loop.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.loop.stop();
  }

  /** Something became due now (a newsletter sent or scheduled): look at once. */
  nudge(): void {
    this.loop.wake();
  }

  /** One round: start what is due, take back expired leases, send one batch per newsletter. */
  async tick(): Promise<boolean> {
    await this.startDue();
    await this.ds.query(
      `UPDATE newsletter.deliveries SET state = 'pending', lease_until = NULL
        WHERE state = 'sending' AND lease_until < now()`,
    );
    const sending: NewsletterRow[] = await this.ds.query(
      `SELECT * FROM newsletter.newsletters WHERE state = 'sending' ORDER BY started_at LIMIT 20`,
    );
    let busy = false;
    for (const n of sending) {
      if (this.loop.stopped) break;
      if (await this.sendBatch(n)) busy = true;
    }
    return busy;
  }

  private async startDue(): Promise<void> {
    const due: NewsletterRow[] = await this.ds.query(
      `SELECT * FROM newsletter.newsletters
        WHERE state = 'scheduled' AND scheduled_at <= now() ORDER BY scheduled_at LIMIT 5`,
    );
    for (const n of due) {
      let candidates: string[] | null;
      try {
        candidates = await this.audiences.candidates(n.organization_id, n.audience);
      } catch (error) {
        this.logger.warn({
          event: 'newsletter audience unavailable, retrying',
          newsletterId: n.id,
          error: (error as Error).message,
        });
        continue;
      }
      await this.ds.transaction(async (m) => {
        const [row] = await m.query(
          `SELECT state FROM newsletter.newsletters WHERE id = $1 FOR UPDATE`,
          [n.id],
        );
        if (row?.state !== 'scheduled') return;
        const recipients = await this.audiences.materialize(m, n.organization_id, n.id, candidates);
        await m.query(
          `UPDATE newsletter.newsletters SET state = 'sending', started_at = now(), recipients = $2,
                  updated_at = now() WHERE id = $1`,
          [n.id, recipients],
        );
      });
    }
  }

  /** Claims and sends one batch of `n`; false when nothing was due. */
  private async sendBatch(n: NewsletterRow): Promise<boolean> {
    const claimed = returnedRows<Claimed>(
      await this.ds.query(
        // The batch chosen once (a materialized CTE: never re-run per row, whatever the
        // statistics say after the ledger's bulk insert), in the due index's order.
        `WITH batch AS MATERIALIZED (
           SELECT user_id FROM newsletter.deliveries
            WHERE newsletter_id = $1 AND state = 'pending' AND next_attempt_at <= now()
            ORDER BY next_attempt_at, user_id LIMIT $2 FOR UPDATE SKIP LOCKED)
         UPDATE newsletter.deliveries d
            SET state = 'sending', lease_until = now() + make_interval(secs => $3)
           FROM batch WHERE d.newsletter_id = $1 AND d.user_id = batch.user_id
        RETURNING d.user_id, d.attempts`,
        [n.id, this.config.batch, this.config.leaseSeconds],
      ),
    );
    if (claimed.length === 0) {
      await this.finishIfDone(n);
      return false;
    }
    const ids = claimed.map((c) => c.user_id);
    const org = await this.mails.organization(n.organization_id);
    let recipients: RecipientView[];
    let sender: Sender;
    try {
      recipients = await recipientsOf(this.runtime, n.organization_id, ids, 'newsletter');
      sender = await this.senders.of(n.organization_id, org.name);
    } catch (error) {
      if (!(error instanceof ServiceUnreachableError) && !(error instanceof NoSmtpServerError))
        throw error;
      // Nobody's fault: give the batch back, a little later, without counting an attempt.
      await this.ds.query(
        `UPDATE newsletter.deliveries SET state = 'pending', lease_until = NULL,
                next_attempt_at = now() + interval '15 seconds'
          WHERE newsletter_id = $1 AND user_id = ANY($2::uuid[]) AND state = 'sending'`,
        [n.id, ids],
      );
      this.logger.warn({
        event: 'newsletter batch postponed',
        newsletterId: n.id,
        error: (error as Error).message,
      });
      return false;
    }
    const known = new Set(recipients.map((r) => r.userId));
    const gone = ids.filter((id) => !known.has(id));
    if (gone.length)
      await this.ds.query(
        `UPDATE newsletter.deliveries SET state = 'skipped', lease_until = NULL,
                error = 'not a recipient any more'
          WHERE newsletter_id = $1 AND user_id = ANY($2::uuid[]) AND state = 'sending'`,
        [n.id, gone],
      );
    const attempts = new Map(claimed.map((c) => [c.user_id, c.attempts]));
    const marks = new SentMarks(this.ds, n.id);
    await Promise.all(
      recipients.map(async (r) => {
        try {
          await this.sendOne(n, sender, r);
          marks.add(r.userId);
        } catch (error) {
          await this.failed(n.id, r.userId, attempts.get(r.userId) ?? 0, error);
        }
      }),
    );
    await marks.close();
    return true;
  }

  private async sendOne(n: NewsletterRow, sender: Sender, r: RecipientView): Promise<void> {
    const unsubscribe = r.unsubscribeUrl;
    if (!unsubscribe) throw new Error('identity gave no unsubscribe link for a newsletter');
    const mail = await this.mails.mailFor(n, r.locale, unsubscribe);
    await sender.transport.sendMail({
      from: sender.from,
      to: { name: r.name ?? '', address: r.email },
      replyTo: sender.replyTo ?? undefined,
      subject: mail.subject,
      html: mail.html,
      text: mail.text,
      messageId: newsletterMessageId(n.id, r.userId, sender.domain),
      headers: {
        'List-Unsubscribe': `<${unsubscribe}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        'List-Id': `<newsletter.${sender.domain}>`,
        'Content-Language': mail.lang,
      },
    });
  }

  private async failed(
    newsletterId: string,
    userId: string,
    attempts: number,
    error: unknown,
  ): Promise<void> {
    const { permanent, reason } = smtpFailure(error);
    const tries = attempts + 1;
    if (permanent || tries >= this.config.maxAttempts)
      await this.ds.query(
        `UPDATE newsletter.deliveries SET state = 'failed', attempts = $3, error = $4, lease_until = NULL
          WHERE newsletter_id = $1 AND user_id = $2 AND state = 'sending'`,
        [newsletterId, userId, tries, permanent ? reason : `gave up after ${tries}: ${reason}`],
      );
    else
      await this.ds.query(
        `UPDATE newsletter.deliveries SET state = 'pending', attempts = $3, error = $4, lease_until = NULL,
                next_attempt_at = now() + make_interval(secs => $5)
          WHERE newsletter_id = $1 AND user_id = $2 AND state = 'sending'`,
        [newsletterId, userId, tries, reason, this.config.retryDelaySeconds(tries)],
      );
  }

  /** Marks `n` sent once no delivery is left to make, and says so on the bus. */
  private async finishIfDone(n: NewsletterRow): Promise<void> {
    await this.ds.transaction(async (m) => {
      const [row] = await m.query(
        `SELECT state FROM newsletter.newsletters WHERE id = $1 FOR UPDATE`,
        [n.id],
      );
      if (row?.state !== 'sending') return;
      const [counts] = await m.query(
        `SELECT count(*) FILTER (WHERE state IN ('pending', 'sending'))::int AS open,
                count(*) FILTER (WHERE state = 'sent')::int AS sent,
                count(*) FILTER (WHERE state = 'failed')::int AS failed,
                count(*) FILTER (WHERE state IN ('skipped', 'stopped'))::int AS skipped
           FROM newsletter.deliveries WHERE newsletter_id = $1`,
        [n.id],
      );
      if (counts.open > 0) return;
      const [done] = await m
        .query(
          `UPDATE newsletter.newsletters SET state = 'sent', finished_at = now(), updated_at = now()
          WHERE id = $1 RETURNING finished_at`,
          [n.id],
        )
        .then(returnedRows<{ finished_at: Date }>);
      const payload: DeliveryCompletedJson = {
        newsletterId: n.id,
        organizationId: n.organization_id,
        recipients: String(n.recipients),
        sent: String(counts.sent),
        failed: String(counts.failed),
        skipped: String(counts.skipped),
        completedAt: new Date(done.finished_at).toISOString(),
      };
      await publish(m, 'newsletter', {
        topic: Topics.NewsletterDeliveryCompletedV1,
        key: n.id,
        tenantId: n.organization_id,
        schema: 'palabre.newsletter.v1.DeliveryCompleted',
        payload,
      });
    });
  }
}

/**
 * Accepted mails marked `sent` in groups: every 50 ms, one UPDATE for those
 * accepted since. The group is the only window in which a crash leaves an
 * accepted mail unmarked (ADR 0039).
 */
class SentMarks {
  private waiting: string[] = [];
  private writing: Promise<void> = Promise.resolve();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly ds: DataSource,
    private readonly newsletterId: string,
  ) {
    this.timer = setInterval(() => this.flush(), MARK_EVERY_MS);
  }

  add(userId: string): void {
    this.waiting.push(userId);
  }

  private flush(): Promise<void> {
    if (this.waiting.length === 0) return this.writing;
    const ids = this.waiting;
    this.waiting = [];
    this.writing = this.writing.then(() =>
      this.ds.query(
        `UPDATE newsletter.deliveries SET state = 'sent', sent_at = now(), lease_until = NULL
          WHERE newsletter_id = $1 AND user_id = ANY($2::uuid[]) AND state = 'sending'`,
        [this.newsletterId, ids],
      ),
    );
    return this.writing;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}
