import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { decodeEvent, Topics } from '@palabre/contracts';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@palabre/service-kit';
import { ModerationService } from './moderation.service';

/**
 * An account identity blocked (by a moderator, or antispam's decision) has
 * its proposals and comments hidden here too, and back when it is restored
 * (only what the block hid).
 */
@Injectable()
export class AccountBlocksConsumer implements OnModuleInit {
  constructor(
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
    private readonly moderation: ModerationService,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.runtime.bus.consume({
      ds: this.runtime.dataSource,
      schema: 'proposals',
      group: 'proposals.account-blocks',
      topics: [Topics.IdentityUserBlockedV1, Topics.IdentityUserUnblockedV1],
      decode: (topic, payload) =>
        topic === Topics.IdentityUserBlockedV1
          ? { blocked: true, ...decodeEvent(Topics.IdentityUserBlockedV1, payload) }
          : { blocked: false, ...decodeEvent(Topics.IdentityUserUnblockedV1, payload) },
      handle: async (event, m) => {
        const e = event.payload;
        if (!e.organizationId || !e.userId) return;
        if (e.blocked)
          await this.moderation.block(
            m,
            e.organizationId,
            e.userId,
            'identity',
            null,
            'account blocked',
          );
        else {
          const [row] = await m.query(
            `SELECT source FROM proposals.blocked_authors WHERE organization_id = $1 AND user_id = $2`,
            [e.organizationId, e.userId],
          );
          // A block decided here by a moderator outlives the account's restoration.
          if (row?.source === 'identity')
            await this.moderation.unblock(m, e.organizationId, e.userId, null, 'account restored');
        }
      },
    });
  }
}
