import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { decodeEvent, Topics } from '@palabre/contracts';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@palabre/service-kit';
import { PrivacyRepository } from './privacy.repository';

/** A deleted account (`identity.user.erased.v1`) is no longer named in the paper-ballot audit, once. */
@Injectable()
export class UserErasedConsumer implements OnModuleInit {
  constructor(
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
    private readonly privacy: PrivacyRepository,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.runtime.bus.consume({
      ds: this.runtime.dataSource,
      schema: 'budgeting',
      group: 'budgeting.user-erased',
      topics: [Topics.IdentityUserErasedV1],
      decode: (_topic, payload) => decodeEvent(Topics.IdentityUserErasedV1, payload),
      handle: async (event, m) => {
        const { organizationId, userId } = event.payload;
        if (organizationId && userId) await this.privacy.erase(m, organizationId, userId);
      },
    });
  }
}
