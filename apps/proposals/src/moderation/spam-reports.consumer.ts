import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { decodeEvent, Topics } from '@palabre/contracts';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@palabre/service-kit';
import { ModerationService } from './moderation.service';

/**
 * Puts what the antispam service found likely spam (`antispam.content.reported.v1`)
 * in the component's moderation queue, with its score and reasons.
 */
@Injectable()
export class SpamReportsConsumer implements OnModuleInit {
  constructor(
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
    private readonly moderation: ModerationService,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.runtime.bus.consume({
      ds: this.runtime.dataSource,
      schema: 'proposals',
      group: 'proposals.spam-reports',
      topics: [Topics.AntispamContentReportedV1],
      decode: (_topic, payload) => decodeEvent(Topics.AntispamContentReportedV1, payload),
      handle: async (event, m) => {
        const e = event.payload;
        if (e.targetType !== 'proposal' && e.targetType !== 'comment') return;
        await this.moderation.reportAsSpam(m, {
          organizationId: e.organizationId,
          type: e.targetType,
          id: e.targetId,
          score: e.score,
          reasons: e.reasons,
          model: e.model,
        });
      },
    });
  }
}
