import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { DateTime } from 'luxon';
import { SERVICE_HEADER } from '@palabre/auth';
import {
  Topics,
  type AccountBlockDecidedJson,
  type AccountSignalsView,
  type AdministratorsView,
  type ContentReportedJson,
} from '@palabre/contracts';
import { publish } from '@palabre/messaging';
import { JsonLogger } from '@palabre/observability';
import { returnedRows } from '@palabre/persistence';
import {
  DATA_SOURCE,
  OrganizationDirectory,
  PollingLoop,
  publishNotification,
  SERVICE_RUNTIME,
  type ServiceRuntime,
} from '@palabre/service-kit';
import type { DataSource, EntityManager } from 'typeorm';
import type { Scored } from '../scoring/model';
import { Models } from '../scoring/model.provider';
import { textFeatures } from '../scoring/text-features';
import {
  SettingsRepository,
  verdictOf,
  withRefusedDomains,
  type SpamSettings,
} from '../settings/settings.repository';
import { alreadyCleared, signalsOf, withAuthor, withRepetition } from './signals';

const IDLE_MS = 1_000;
const BATCH = 100;
const DIGEST_CHECK_MS = 60_000;
/** A contribution waits this long for its author's score (identity may be slow), then goes without. */
const AUTHOR_WAIT_MS = 60_000;
const DAY_MS = 86_400_000;

/** What is scored: contributions of these kinds, and accounts. */
export type ContentKind = 'proposal' | 'comment' | 'petition' | 'meeting';
export type SubjectType = 'account' | ContentKind;

interface Subject {
  organizationId: string;
  type: SubjectType;
  id: string;
  userId: string;
  title: string;
  body: string;
  path: string;
}

interface AccountState {
  stamped_signals: string[];
  blocked_at: Date | null;
}

/**
 * Scores what the intake received and decides as the organization's settings
 * say (ADR 0041): above the flag threshold a flag (a content one goes to its
 * service's moderation queue by `antispam.content.reported.v1`); above the
 * block threshold, where automatic blocking is on, the author's account is
 * blocked (`antispam.user.blocked.v1`, enforced by identity, whose block
 * hides the contributions). Each subject is scored once: the row is claimed
 * in the transaction that writes the decision and its events. Identity is
 * asked for the account's name and address domain outside any transaction;
 * when it cannot answer, the account waits and is retried, and its
 * contributions are scored without it after a minute. Once a day, after
 * ANTISPAM_DIGEST_HOUR in the organization's zone, the administrators get a
 * digest of what was reported and blocked since the last one.
 */
@Injectable()
export class ReviewWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly loop = new PollingLoop({
    idleMs: IDLE_MS,
    step: () => this.tick(),
    onError: (error) =>
      this.logger.error({ event: 'antispam review failed', error: error.message }),
  });
  private lastDigestCheck = 0;
  /** A flag was raised since the last digest check: the day's digest may be due now. */
  private raised = false;
  private readonly digestHour: number;

  constructor(
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
    private readonly models: Models,
    private readonly settings: SettingsRepository,
    private readonly organizations: OrganizationDirectory,
    private readonly logger: JsonLogger,
  ) {
    const hour = Number(runtime.env.ANTISPAM_DIGEST_HOUR ?? 8);
    this.digestHour = Number.isInteger(hour) && hour >= 0 && hour <= 23 ? hour : 8;
  }

  onApplicationBootstrap(): void {
    if (this.runtime.env.ANTISPAM_WORKER === 'off') return;
    this.loop.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.loop.stop();
  }

  wake(): void {
    this.loop.wake();
  }

  /** One round: due accounts, waiting contributions, and the digests once a minute. True when busy. */
  async tick(now = DateTime.utc()): Promise<boolean> {
    const accounts = await this.scoreAccounts();
    const contents = await this.scoreContents();
    if (this.raised || Date.now() - this.lastDigestCheck >= DIGEST_CHECK_MS) {
      this.lastDigestCheck = Date.now();
      this.raised = false;
      await this.digests(now);
    }
    return accounts + contents >= BATCH;
  }

  private async ask<T>(
    organizationId: string,
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
  ) {
    const tokens = this.runtime.serviceTokens;
    if (!tokens) throw new Error('The antispam service holds no service token keys (ADR 0038)');
    const r = await this.runtime.internal.call<T>('identity', method, path, {
      headers: { [SERVICE_HEADER]: tokens.issue('identity', organizationId) },
      body,
      timeoutMs: 10_000,
    });
    if (r.status !== 200) throw new Error(`identity answered ${r.status} to ${path}`);
    return r.body;
  }

  /** Accounts due for a score, by organization: one question to identity each. */
  async scoreAccounts(): Promise<number> {
    const rows: {
      organization_id: string;
      user_id: string;
      contributions: number;
      links: number;
      due: string;
    }[] = await this.ds.query(
      `SELECT organization_id, user_id, contributions, links, due_at::text AS due
         FROM antispam.accounts WHERE due_at <= now() ORDER BY due_at LIMIT ${BATCH}`,
    );
    const byOrg = new Map<string, typeof rows>();
    for (const r of rows) {
      const list = byOrg.get(r.organization_id);
      if (list) list.push(r);
      else byOrg.set(r.organization_id, [r]);
    }
    for (const [org, list] of byOrg) {
      let signals: AccountSignalsView;
      try {
        signals = await this.ask<AccountSignalsView>(org, 'POST', '/internal/account-signals', {
          userIds: list.map((r) => r.user_id),
        });
      } catch (error) {
        // Identity cannot answer: these accounts wait, later and later (at most 10 minutes).
        await this.ds.query(
          `UPDATE antispam.accounts
              SET attempts = attempts + 1,
                  due_at = now() + least(600, 5 * power(2, attempts)) * interval '1 second'
            WHERE organization_id = $1 AND user_id = ANY($2::uuid[]) AND due_at IS NOT NULL`,
          [org, list.map((r) => r.user_id)],
        );
        this.logger.warn({
          event: 'antispam account signals unavailable',
          accounts: list.length,
          error: (error as Error).message,
        });
        continue;
      }
      const byId = new Map(signals.accounts.map((a) => [a.userId, a]));
      const worst = new Map<string, number>(
        (
          (await this.ds.query(
            `SELECT author_id, max(score) AS score FROM antispam.contents
              WHERE organization_id = $1 AND author_id = ANY($2::uuid[]) AND scored_at IS NOT NULL
              GROUP BY author_id`,
            [org, list.map((r) => r.user_id)],
          )) as { author_id: string; score: number | null }[]
        ).map((w) => [w.author_id, Number(w.score ?? 0)]),
      );
      const settings = await this.settings.of(org);
      const model = this.models.current;
      for (const r of list) {
        const s = byId.get(r.user_id);
        if (!s || s.status === 'deleted' || s.staff) {
          // Unknown here, gone, or one of the organization's staff: never scored.
          await this.ds.query(
            `UPDATE antispam.accounts SET due_at = NULL, staff = $3
              WHERE organization_id = $1 AND user_id = $2 AND due_at = $4::timestamptz`,
            [org, r.user_id, s?.staff === true, r.due],
          );
          continue;
        }
        const scored = model.account({
          nickname: s.displayName,
          emailDomain: s.emailDomain,
          contributions: r.contributions,
          accountAgeDays: Math.floor((Date.now() - Date.parse(s.createdAt)) / DAY_MS),
        });
        // What it posted counts too: an account whose contributions look like spam is suspect.
        const contributed = worst.get(r.user_id) ?? 0;
        if (contributed > settings.flagThreshold) {
          scored.score = withAuthor(scored.score, contributed);
          scored.reasons.push('spam-contributions');
        }
        await this.ds.transaction(async (m) => {
          const [claimed] = returnedRows<AccountState>(
            await m.query(
              `UPDATE antispam.accounts
                  SET score = $3, reasons = $4, model = $5, scored_at = now(), due_at = NULL, attempts = 0
                WHERE organization_id = $1 AND user_id = $2 AND due_at = $6::timestamptz
                RETURNING stamped_signals, blocked_at`,
              [org, r.user_id, scored.score, scored.reasons, model.version, r.due],
            ),
          );
          // Made due again meanwhile (a new contribution), or scored by another replica.
          if (!claimed || s.status !== 'active') return;
          await this.decide(m, settings, claimed, scored, {
            organizationId: org,
            type: 'account',
            id: r.user_id,
            userId: r.user_id,
            title: s.displayName,
            body: s.emailDomain ? `@${s.emailDomain}` : '',
            path: '/admin/spam',
          });
        });
      }
    }
    return rows.length;
  }

  /** Contributions waiting for their score, with their author's. */
  async scoreContents(): Promise<number> {
    const rows: {
      organization_id: string;
      target_type: ContentKind;
      target_id: string;
      author_id: string;
      title: string;
      body: string;
      text_hash: string;
      path: string;
      author_score: number | null;
      author_due: boolean;
      staff: boolean;
      waited_ms: number;
    }[] = await this.ds.query(
      `SELECT c.organization_id, c.target_type, c.target_id, c.author_id, c.title, c.body, c.text_hash,
              c.path, a.score AS author_score, a.due_at IS NOT NULL AS author_due,
              coalesce(a.staff, false) AS staff,
              (extract(epoch FROM now() - c.received_at) * 1000)::float8 AS waited_ms
         FROM antispam.contents c
         LEFT JOIN antispam.accounts a ON a.organization_id = c.organization_id AND a.user_id = c.author_id
        WHERE c.scored_at IS NULL ORDER BY c.received_at LIMIT ${BATCH}`,
    );
    const model = this.models.current;
    // One read of each organization's settings per batch, not one per contribution.
    const settingsOf = new Map<string, Promise<SpamSettings>>();
    let done = 0;
    for (const c of rows) {
      if (c.author_due && c.waited_ms < AUTHOR_WAIT_MS) continue;
      done++;
      let pending = settingsOf.get(c.organization_id);
      if (!pending) {
        pending = this.settings.of(c.organization_id);
        settingsOf.set(c.organization_id, pending);
      }
      const settings = await pending;
      let scored: Scored = { score: 0, reasons: [] };
      if (!c.staff) {
        scored = model.content({ type: c.target_type, title: c.title, text: c.body ?? '' });
        const authorScore = c.author_score === null ? null : Number(c.author_score);
        scored.score = withAuthor(scored.score, authorScore);
        if (authorScore !== null && authorScore > settings.flagThreshold)
          scored.reasons.push('suspect-author');
        const features = textFeatures(c.body ?? '', c.title);
        withRefusedDomains(scored, features.domains, settings);
        if (features.words >= 12) {
          const [copies] = await this.ds.query(
            `SELECT count(*)::int AS n FROM antispam.contents WHERE organization_id = $1 AND text_hash = $2`,
            [c.organization_id, c.text_hash],
          );
          const before = scored.score;
          scored.score = withRepetition(scored.score, copies.n);
          if (scored.score > before) scored.reasons.push('repeated-text');
        }
      }
      await this.ds.transaction(async (m) => {
        const flagged = !c.staff && scored.score > settings.flagThreshold;
        const claimed = returnedRows(
          await m.query(
            `UPDATE antispam.contents
                SET score = $4, scored_at = now(), body = CASE WHEN $5 THEN body END
              WHERE organization_id = $1 AND target_type = $2 AND target_id = $3 AND scored_at IS NULL
              RETURNING target_id`,
            [c.organization_id, c.target_type, c.target_id, scored.score, flagged],
          ),
        );
        if (!claimed.length || !flagged) return;
        const [author] = await m.query(
          `SELECT stamped_signals, blocked_at FROM antispam.accounts
            WHERE organization_id = $1 AND user_id = $2`,
          [c.organization_id, c.author_id],
        );
        await this.decide(
          m,
          settings,
          author ?? { stamped_signals: [], blocked_at: null },
          scored,
          {
            organizationId: c.organization_id,
            type: c.target_type,
            id: c.target_id,
            userId: c.author_id,
            title: c.title,
            body: c.body ?? '',
            path: c.path,
          },
        );
      });
    }
    return done;
  }

  /** Flags (once per open subject), reports content to its queue, blocks where the settings say. */
  private async decide(
    m: EntityManager,
    settings: SpamSettings,
    account: AccountState,
    scored: Scored,
    s: Subject,
  ): Promise<void> {
    const verdict = verdictOf(scored.score, settings);
    if (verdict === 'ok') return;
    // An administrator already found these very signals innocent.
    if (alreadyCleared(scored.reasons, account.stamped_signals ?? [])) return;
    const block = verdict === 'block' && account.blocked_at === null;
    const model = this.models.current.version;
    const [flag] = returnedRows<{ id: string }>(
      await m.query(
        `INSERT INTO antispam.flags (organization_id, subject_type, subject_id, user_id, score, reasons, model,
           title, body, path, status, decided_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, CASE WHEN $11 = 'blocked' THEN now() END)
         ON CONFLICT (organization_id, subject_type, subject_id) WHERE status = 'open' DO NOTHING
         RETURNING id`,
        [
          s.organizationId,
          s.type,
          s.id,
          s.userId,
          scored.score,
          scored.reasons,
          model,
          s.title.slice(0, 300),
          s.body.slice(0, 5000),
          s.path,
          block ? 'blocked' : 'open',
        ],
      ),
    );
    if (!flag) return;
    this.raised = true;
    // A contribution flagged: its author's account is scored again with it.
    if (s.type !== 'account')
      await m.query(
        `UPDATE antispam.accounts SET due_at = coalesce(due_at, now())
          WHERE organization_id = $1 AND user_id = $2 AND NOT staff`,
        [s.organizationId, s.userId],
      );
    if (s.type !== 'account') {
      const payload: ContentReportedJson = {
        organizationId: s.organizationId,
        targetType: s.type,
        targetId: s.id,
        score: Math.round(scored.score * 10_000) / 10_000,
        reasons: scored.reasons,
        model,
      };
      await publish(m, 'antispam', {
        topic: Topics.AntispamContentReportedV1,
        key: s.id,
        tenantId: s.organizationId,
        schema: 'palabre.antispam.v1.ContentReported',
        payload,
      });
    }
    if (block) await this.block(m, s.organizationId, s.userId, 'spam-score');
  }

  private async block(m: EntityManager, organizationId: string, userId: string, reason: string) {
    await m.query(
      `UPDATE antispam.accounts SET blocked_at = now() WHERE organization_id = $1 AND user_id = $2`,
      [organizationId, userId],
    );
    const payload: AccountBlockDecidedJson = { userId, organizationId, reason };
    await publish(m, 'antispam', {
      topic: Topics.AntispamUserBlockedV1,
      key: userId,
      tenantId: organizationId,
      schema: 'palabre.antispam.v1.AccountBlockDecided',
      payload,
    });
  }

  /** Learns a decision: the flag's text with its label, for the next training. */
  private async label(
    m: EntityManager,
    f: {
      organization_id: string;
      subject_type: string;
      subject_id: string;
      user_id: string | null;
      title: string;
      body: string;
    },
    label: 'spam' | 'ham',
    decision: string,
  ) {
    await m.query(
      `INSERT INTO antispam.labels (organization_id, subject_type, subject_id, user_id, label, decision, title, body)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        f.organization_id,
        f.subject_type,
        f.subject_id,
        f.user_id,
        label,
        decision,
        f.title,
        f.body,
      ],
    );
  }

  /** Adds these reasons' signals to the account's stamp. */
  private async stamp(m: EntityManager, organizationId: string, userId: string, reasons: string[]) {
    await m.query(
      `UPDATE antispam.accounts
          SET stamped_signals = ARRAY(SELECT DISTINCT x FROM unnest(stamped_signals || $3::text[]) x ORDER BY x)
        WHERE organization_id = $1 AND user_id = $2`,
      [organizationId, userId, signalsOf(reasons)],
    );
  }

  /**
   * An administrator found a flag unfounded: it leaves the list, its author
   * is stamped with its signals (not flagged again for them), its text is a
   * "ham" label. False when there is no such open flag.
   */
  async dismiss(organizationId: string, flagId: string, actorId: string | null): Promise<boolean> {
    return this.ds.transaction(async (m) => {
      const [f] = returnedRows<FlagRow>(
        await m.query(
          `UPDATE antispam.flags SET status = 'dismissed', decided_at = now(), decided_by = $3
            WHERE organization_id = $1 AND id = $2 AND status = 'open' RETURNING *`,
          [organizationId, flagId, actorId],
        ),
      );
      if (!f) return false;
      if (f.user_id) {
        // What the administrator saw: the flag's reasons and the account's as scored now.
        const [a] = await m.query(
          `SELECT reasons FROM antispam.accounts WHERE organization_id = $1 AND user_id = $2`,
          [organizationId, f.user_id],
        );
        const now = f.subject_type === 'account' ? ((a?.reasons as string[]) ?? []) : [];
        // An account found innocent with its reported contributions in view: they are no new signal.
        const [posted] =
          f.subject_type === 'account'
            ? await m.query(
                `SELECT 1 FROM antispam.flags WHERE organization_id = $1 AND user_id = $2
                    AND subject_type <> 'account' LIMIT 1`,
                [organizationId, f.user_id],
              )
            : [];
        await this.stamp(m, organizationId, f.user_id, [
          ...f.reasons,
          ...now,
          ...(posted ? ['spam-contributions'] : []),
        ]);
      }
      await this.label(m, f, 'ham', 'dismiss');
      return true;
    });
  }

  /** An administrator confirms a flag: the author's account is blocked; the text is a "spam" label. */
  async confirm(organizationId: string, flagId: string, actorId: string | null): Promise<boolean> {
    return this.ds.transaction(async (m) => {
      const [f] = returnedRows<FlagRow>(
        await m.query(
          `UPDATE antispam.flags SET status = 'blocked', decided_at = now(), decided_by = $3
            WHERE organization_id = $1 AND id = $2 AND status = 'open' RETURNING *`,
          [organizationId, flagId, actorId],
        ),
      );
      if (!f) return false;
      await this.label(m, f, 'spam', 'block');
      if (f.user_id) await this.block(m, organizationId, f.user_id, 'confirmed-spam');
      return true;
    });
  }

  /** Identity blocked an account (a moderator, or this service): its open flags are decided, as spam. */
  async blockedBy(m: EntityManager, organizationId: string, userId: string, source: string) {
    await m.query(
      `UPDATE antispam.accounts SET blocked_at = coalesce(blocked_at, now())
        WHERE organization_id = $1 AND user_id = $2`,
      [organizationId, userId],
    );
    if (source !== 'moderator') return;
    const flags = returnedRows<FlagRow>(
      await m.query(
        `UPDATE antispam.flags SET status = 'blocked', decided_at = now()
          WHERE organization_id = $1 AND user_id = $2 AND status = 'open' RETURNING *`,
        [organizationId, userId],
      ),
    );
    for (const f of flags) await this.label(m, f, 'spam', 'block');
  }

  /**
   * Identity restored an account: whatever flagged or blocked it was wrong.
   * Its flags are closed as such, their texts "ham" labels, and the account
   * stamped with their signals.
   */
  async unblocked(m: EntityManager, organizationId: string, userId: string) {
    const flags = returnedRows<FlagRow>(
      await m.query(
        `UPDATE antispam.flags SET status = 'unblocked', decided_at = now()
          WHERE organization_id = $1 AND user_id = $2 AND status IN ('open', 'blocked') RETURNING *`,
        [organizationId, userId],
      ),
    );
    await m.query(
      `UPDATE antispam.accounts SET blocked_at = NULL WHERE organization_id = $1 AND user_id = $2`,
      [organizationId, userId],
    );
    await this.stamp(
      m,
      organizationId,
      userId,
      flags.flatMap((f) => f.reasons),
    );
    for (const f of flags) await this.label(m, f, 'ham', 'unblock');
  }

  /**
   * A moderator decided on a proposal or a comment (proposals' queue): a
   * label either way — hidden is spam, shown again or its reports dismissed
   * is not — and its open flag, if any, closed the same way; "not spam"
   * stamps its author with the flag's signals, as on this service's page.
   */
  async moderated(
    m: EntityManager,
    d: {
      organizationId: string;
      targetType: 'proposal' | 'comment';
      targetId: string;
      authorId: string;
      action: 'hide' | 'restore' | 'dismiss';
      title: string;
      body: string;
    },
  ) {
    const spam = d.action === 'hide';
    await this.label(
      m,
      {
        organization_id: d.organizationId,
        subject_type: d.targetType,
        subject_id: d.targetId,
        user_id: d.authorId || null,
        title: d.title.slice(0, 300),
        body: d.body.slice(0, 5000),
      },
      spam ? 'spam' : 'ham',
      d.action,
    );
    const closed = returnedRows<FlagRow>(
      await m.query(
        `UPDATE antispam.flags SET status = $4, decided_at = now()
          WHERE organization_id = $1 AND subject_type = $2 AND subject_id = $3
            AND status IN ('open', ${spam ? "'open'" : "'hidden'"}) RETURNING *`,
        [d.organizationId, d.targetType, d.targetId, spam ? 'hidden' : 'dismissed'],
      ),
    );
    if (!spam)
      for (const f of closed)
        if (f.user_id) await this.stamp(m, d.organizationId, f.user_id, f.reasons);
  }

  /** The person contests the block: their message goes beside its flag, for the administrators. */
  async contested(m: EntityManager, organizationId: string, userId: string, message: string) {
    await m.query(
      `UPDATE antispam.flags SET contest = $3, contested_at = now()
        WHERE id = (SELECT id FROM antispam.flags
                     WHERE organization_id = $1 AND user_id = $2 AND status = 'blocked'
                     ORDER BY decided_at DESC NULLS LAST LIMIT 1)`,
      [organizationId, userId, message.slice(0, 2000)],
    );
  }

  /** An erased account leaves nothing here. */
  async erase(m: EntityManager, organizationId: string, userId: string) {
    for (const [table, column] of [
      ['accounts', 'user_id'],
      ['contents', 'author_id'],
      ['flags', 'user_id'],
      ['labels', 'user_id'],
    ])
      await m.query(`DELETE FROM antispam.${table} WHERE organization_id = $1 AND ${column} = $2`, [
        organizationId,
        userId,
      ]);
  }

  /**
   * The day's digest of each organization with something new, after the
   * digest hour in its zone, to its administrators (a notification at once:
   * the newsletter service mails it).
   */
  async digests(now = DateTime.utc()): Promise<number> {
    const orgs: { organization_id: string; reported: number; blocked: number }[] =
      await this.ds.query(
        `SELECT organization_id, count(*)::int AS reported,
                count(*) FILTER (WHERE status = 'blocked')::int AS blocked
           FROM antispam.flags WHERE digested_at IS NULL GROUP BY organization_id`,
      );
    let sent = 0;
    for (const o of orgs) {
      const info = await this.organizations.of(o.organization_id);
      const local = now.setZone(info.timeZone);
      if (local.hour < this.digestHour) continue;
      const day = String(local.toISODate());
      let admins: string[];
      try {
        admins = (
          await this.ask<AdministratorsView>(o.organization_id, 'GET', '/internal/administrators')
        ).userIds;
      } catch (error) {
        this.logger.warn({ event: 'antispam digest postponed', error: (error as Error).message });
        continue;
      }
      await this.ds.transaction(async (m) => {
        const [run] = returnedRows(
          await m.query(
            `INSERT INTO antispam.digests (organization_id, day, reported, blocked) VALUES ($1, $2, $3, $4)
             ON CONFLICT DO NOTHING RETURNING day`,
            [o.organization_id, day, o.reported, o.blocked],
          ),
        );
        if (!run) return;
        await m.query(
          `UPDATE antispam.flags SET digested_at = now() WHERE organization_id = $1 AND digested_at IS NULL`,
          [o.organization_id],
        );
        await publishNotification(m, 'antispam', {
          organizationId: o.organization_id,
          kind: 'spam.digest',
          recipientIds: admins,
          subjectId: o.organization_id,
          title: { fr: 'Anti-spam', en: 'Anti-spam' },
          path: '/admin/spam',
          params: { reported: String(o.reported), blocked: String(o.blocked) },
          dedupeKey: `spam.digest:${o.organization_id}:${day}`,
        });
        sent++;
      });
    }
    return sent;
  }
}

export interface FlagRow {
  id: string;
  organization_id: string;
  subject_type: SubjectType;
  subject_id: string;
  user_id: string | null;
  score: number;
  reasons: string[];
  model: string;
  title: string;
  body: string;
  path: string;
  status: 'open' | 'dismissed' | 'blocked' | 'unblocked' | 'hidden';
  created_at: Date;
  decided_at: Date | null;
  decided_by: string | null;
  contest: string | null;
  contested_at: Date | null;
}
