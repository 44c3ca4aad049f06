import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { decodeEvent, Topics } from '@palabre/contracts';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@palabre/service-kit';
import { PetitionsService } from '../petitions/petitions.service';
import { PrivacyRepository } from './privacy.repository';

/** A deleted account (`identity.user.erased.v1`) loses its name on its petitions, once. */
@Injectable()
export class UserErasedConsumer implements OnModuleInit {
  constructor(
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
    private readonly privacy: PrivacyRepository,
    private readonly petitions: PetitionsService,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.runtime.bus.consume({
      ds: this.runtime.dataSource,
      schema: 'petitions',
      group: 'petitions.user-erased',
      topics: [Topics.IdentityUserErasedV1],
      decode: (_topic, payload) => decodeEvent(Topics.IdentityUserErasedV1, payload),
      handle: async (event, m) => {
        const { organizationId, userId } = event.payload;
        if (!organizationId || !userId) return;
        const ids = await this.privacy.erase(m, organizationId, userId);
        // Cached pages are a second old at most; dropping them shows the change sooner.
        ids.forEach((id) => this.petitions.invalidate(id));
      },
    });
  }
}
