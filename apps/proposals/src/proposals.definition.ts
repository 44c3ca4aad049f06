import type { ServiceDefinition } from '@palabre/service-kit';
import { CreateProposals1795336816582 } from './database/migrations/1795336816582-CreateProposals';
import { ErasedAuthors1796000004100 } from './database/migrations/1796000004100-ErasedAuthors';
import { DismissedReports1796000018400 } from './database/migrations/1796000018400-DismissedReports';
import { ComponentHostTables1796000019000 } from './database/migrations/1796000019000-ComponentHostTables';
import { SpacesCopy1796000020000 } from './database/migrations/1796000020000-SpacesCopy';
import { MeetingLinks1796000021000 } from './database/migrations/1796000021000-MeetingLinks';
import { ThresholdReached1796000022000 } from './database/migrations/1796000022000-ThresholdReached';
import { ProposalsModule } from './proposals.module';

/**
 * Found by the gateway at apps/proposals/src/proposals.definition.ts (embedded
 * mode, served at /api/proposals) and run alone by main.ts (distributed mode).
 */
export const proposalsService: ServiceDefinition = {
  name: 'proposals',
  schema: 'proposals',
  description:
    'Proposals components: ideas submitted within per-person limits, official entries, supports with per-person maximum and minimum and thresholds, comments with stances and history, evaluation and answers, reports and moderation, full-text search, open data, sending accepted proposals to a budget, the meetings proposals were born in or linked to.',
  module: ProposalsModule,
  entities: [],
  migrations: [
    CreateProposals1795336816582,
    ErasedAuthors1796000004100,
    DismissedReports1796000018400,
    ComponentHostTables1796000019000,
    SpacesCopy1796000020000,
    MeetingLinks1796000021000,
    ThresholdReached1796000022000,
  ],
};
