import type { ServiceDefinition } from '@palabre/service-kit';
import { CreateAntispam1796645522179 } from './database/migrations/1796645522179-CreateAntispam';
import { Settings1796800000000 } from './database/migrations/1796800000000-Settings';
import { Reviews1796900000000 } from './database/migrations/1796900000000-Reviews';
import { Contests1796900001000 } from './database/migrations/1796900001000-Contests';
import { RefusedDomains1796900002000 } from './database/migrations/1796900002000-RefusedDomains';
import { PetitionsAndMeetings1796900003000 } from './database/migrations/1796900003000-PetitionsAndMeetings';
import { ModerationDecisions1796900004000 } from './database/migrations/1796900004000-ModerationDecisions';
import { AntispamModule } from './antispam.module';

/**
 * Found by the gateway at apps/antispam/src/antispam.definition.ts (embedded
 * mode, served at /api/antispam) and run alone by main.ts (distributed mode).
 */
export const antispamService: ServiceDefinition = {
  name: 'antispam',
  schema: 'antispam',
  description:
    'Spam scores of contributions and accounts (a trained model, thresholds per organization), the flags they raise and what administrators decide.',
  module: AntispamModule,
  entities: [],
  migrations: [
    CreateAntispam1796645522179,
    Settings1796800000000,
    Reviews1796900000000,
    Contests1796900001000,
    RefusedDomains1796900002000,
    PetitionsAndMeetings1796900003000,
    ModerationDecisions1796900004000,
  ],
};
