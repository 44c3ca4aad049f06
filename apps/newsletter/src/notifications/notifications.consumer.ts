import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { decodeEvent, Topics, type NotificationJson } from '@palabre/contracts';
import type { Subscription } from '@palabre/messaging';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@palabre/service-kit';
import type { EntityManager } from 'typeorm';
import { NotificationsWorker } from './notifications.worker';
import { DEFAULT_CADENCE, isNotificationKind, MAILED_BY_PRODUCER } from './notification-kinds';

const TOPICS = [
  Topics.PetitionsNotificationRequestedV1,
  Topics.ProposalsNotificationRequestedV1,
  Topics.MeetingsNotificationRequestedV1,
  Topics.BudgetingNotificationRequestedV1,
  Topics.AntispamNotificationRequestedV1,
];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Turns each `<service>.notification.requested.v1` into one row per
 * recipient, in one statement (a fan-out to 10,000 people is one INSERT …
 * SELECT over the ids), with the cadence each chose for that kind (or its
 * default); nothing for those who chose never, nor for blocked or erased accounts.
 * The same notification told twice (same dedupe key) is kept once. A kind
 * its producer already mailed at once is not mailed again at once.
 */
@Injectable()
export class NotificationsConsumer implements OnModuleInit {
  private subscription?: Subscription;

  constructor(
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
    private readonly worker: NotificationsWorker,
  ) {}

  async onModuleInit(): Promise<void> {
    this.subscription = await this.runtime.bus.consume({
      ds: this.runtime.dataSource,
      schema: 'newsletter',
      group: 'newsletter.notifications',
      topics: TOPICS,
      decode: (topic, payload) => decodeEvent(topic, payload),
      handle: async (event, m) => {
        const n = (event.payload as { notification?: NotificationJson }).notification;
        if (n) await this.store(m, n);
        this.worker.nudge();
      },
    });
  }

  private async store(m: EntityManager, n: NotificationJson): Promise<void> {
    const ids = (n.recipientIds ?? []).filter((id) => UUID.test(id));
    if (!n.kind || !isNotificationKind(n.kind) || ids.length === 0 || !n.organizationId) return;
    await m.query(
      `INSERT INTO newsletter.notifications
         (organization_id, user_id, kind, cadence, space_id, space_title, subject_id, title, path,
          params, occurred_at, dedupe_key, mailed_at)
       SELECT $1::uuid, r.id, $2::text, COALESCE(p.cadence, $3::text), $4::uuid, $5::jsonb,
              $6::text, $7::jsonb, $8::text, $9::jsonb, $10::timestamptz, $11::text,
              CASE WHEN $13::boolean AND COALESCE(p.cadence, $3::text) = 'instant' THEN now() END
         FROM unnest($12::uuid[]) AS r(id)
         LEFT JOIN newsletter.notification_preferences p
           ON p.organization_id = $1 AND p.user_id = r.id AND p.kind = $2
        WHERE COALESCE(p.cadence, $3) <> 'never'
          AND NOT EXISTS (SELECT 1 FROM newsletter.untold_accounts b
                           WHERE b.organization_id = $1 AND b.user_id = r.id)
       ON CONFLICT (organization_id, user_id, dedupe_key) DO NOTHING`,
      [
        n.organizationId,
        n.kind,
        DEFAULT_CADENCE[n.kind],
        n.spaceId && UUID.test(n.spaceId) ? n.spaceId : null,
        JSON.stringify(n.spaceTitle ?? {}),
        n.subjectId ?? '',
        JSON.stringify(n.title ?? {}),
        n.path?.startsWith('/') ? n.path : '/',
        JSON.stringify(n.params ?? {}),
        n.occurredAt || new Date().toISOString(),
        n.dedupeKey || `${n.kind}:${n.subjectId}:${n.occurredAt}`,
        ids,
        MAILED_BY_PRODUCER.has(n.kind),
      ],
    );
  }

  get isRunning(): boolean {
    return this.subscription !== undefined;
  }
}
