import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { decodeEvent, Topics } from '@palabre/contracts';
import type { Subscription } from '@palabre/messaging';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@palabre/service-kit';
import { BlockAccountUseCase } from './block-account.use-case';

/** Enforces the antispam service's block decisions (`antispam.user.blocked.v1`), once each. */
@Injectable()
export class AntispamBlocksConsumer implements OnModuleInit {
  private subscription?: Subscription;

  constructor(
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
    private readonly useCase: BlockAccountUseCase,
  ) {}

  async onModuleInit(): Promise<void> {
    this.subscription = await this.runtime.bus.consume({
      ds: this.runtime.dataSource,
      schema: 'identity',
      group: 'identity.antispam-blocks',
      topics: [Topics.AntispamUserBlockedV1],
      decode: (_topic, payload) => decodeEvent(Topics.AntispamUserBlockedV1, payload),
      handle: async (event, m) => {
        const decision = event.payload;
        await this.useCase.blockIn(m, {
          organizationId: decision.organizationId,
          userId: decision.userId,
          source: 'antispam',
          reason: decision.reason,
        });
      },
    });
  }

  get isRunning(): boolean {
    return this.subscription !== undefined;
  }
}
