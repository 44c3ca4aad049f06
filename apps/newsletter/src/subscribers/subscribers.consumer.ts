import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { decodeEvent, Topics, type Topic } from '@palabre/contracts';
import type { Subscription } from '@palabre/messaging';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@palabre/service-kit';
import type { EntityManager } from 'typeorm';

const TOPICS = [
  Topics.IdentityNewsletterConsentChangedV1,
  Topics.IdentityUserBlockedV1,
  Topics.IdentityUserUnblockedV1,
  Topics.IdentityUserErasedV1,
] as const;

/**
 * Who may receive the newsletter, as identity announces it: consent changes
 * (kept only if newer than what is known: events of one account may arrive
 * out of order), blocks and erasures. No address is kept here (ADR 0038).
 * An erased account also leaves every delivery not yet made, and its
 * notifications and preferences are deleted; a blocked one is told nothing.
 */
@Injectable()
export class SubscribersConsumer implements OnModuleInit {
  private subscription?: Subscription;

  constructor(@Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime) {}

  async onModuleInit(): Promise<void> {
    this.subscription = await this.runtime.bus.consume({
      ds: this.runtime.dataSource,
      schema: 'newsletter',
      group: 'newsletter.subscribers',
      topics: [...TOPICS],
      decode: (topic, payload) => decodeEvent(topic, payload),
      handle: async (event, m) => this.apply(event.topic as Topic, event.payload, m),
    });
  }

  private async apply(topic: Topic, payload: unknown, m: EntityManager): Promise<void> {
    const e = payload as {
      organizationId: string;
      userId: string;
      state?: string;
      changedAt?: string;
    };
    switch (topic) {
      case Topics.IdentityNewsletterConsentChangedV1:
        if (!['pending', 'granted', 'withdrawn'].includes(e.state ?? '')) return;
        await m.query(
          `INSERT INTO newsletter.subscribers (organization_id, user_id, state, changed_at)
           SELECT $1::uuid, $2::uuid, $3, $4::timestamptz
            WHERE NOT EXISTS (SELECT 1 FROM newsletter.untold_accounts
                               WHERE organization_id = $1::uuid AND user_id = $2::uuid AND reason = 'erased')
           ON CONFLICT (organization_id, user_id) DO UPDATE
             SET state = EXCLUDED.state, changed_at = EXCLUDED.changed_at
             WHERE newsletter.subscribers.changed_at <= EXCLUDED.changed_at`,
          [e.organizationId, e.userId, e.state, e.changedAt || new Date().toISOString()],
        );
        return;
      case Topics.IdentityUserBlockedV1:
      case Topics.IdentityUserUnblockedV1:
        await m.query(
          `UPDATE newsletter.subscribers SET blocked = $3 WHERE organization_id = $1 AND user_id = $2`,
          [e.organizationId, e.userId, topic === Topics.IdentityUserBlockedV1],
        );
        // A blocked account is told nothing (the block notice is identity's own mail).
        await m.query(
          topic === Topics.IdentityUserBlockedV1
            ? `INSERT INTO newsletter.untold_accounts (organization_id, user_id, reason)
               VALUES ($1, $2, 'blocked') ON CONFLICT DO NOTHING`
            : `DELETE FROM newsletter.untold_accounts
                WHERE organization_id = $1 AND user_id = $2 AND reason = 'blocked'`,
          [e.organizationId, e.userId],
        );
        return;
      case Topics.IdentityUserErasedV1:
        await m.query(
          `DELETE FROM newsletter.subscribers WHERE organization_id = $1 AND user_id = $2`,
          [e.organizationId, e.userId],
        );
        await m.query(
          `UPDATE newsletter.deliveries SET state = 'skipped', error = 'erased', lease_until = NULL
            WHERE organization_id = $1 AND user_id = $2 AND state = 'pending'`,
          [e.organizationId, e.userId],
        );
        for (const table of ['notifications', 'notification_preferences'])
          await m.query(
            `DELETE FROM newsletter.${table} WHERE organization_id = $1 AND user_id = $2`,
            [e.organizationId, e.userId],
          );
        // A notification published later about the erased account's past (its petition
        // answered) must find nobody: the id alone is kept, as told nothing.
        await m.query(
          `INSERT INTO newsletter.untold_accounts (organization_id, user_id, reason)
           VALUES ($1, $2, 'erased')
           ON CONFLICT (organization_id, user_id) DO UPDATE SET reason = 'erased'`,
          [e.organizationId, e.userId],
        );
        return;
    }
  }

  get isRunning(): boolean {
    return this.subscription !== undefined;
  }
}
