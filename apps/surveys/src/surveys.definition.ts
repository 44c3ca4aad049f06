import type { ServiceDefinition } from '@palabre/service-kit';
import { CreateSurveys1796662804103 } from './database/migrations/1796662804103-CreateSurveys';
import { SurveysModule } from './surveys.module';

/**
 * Found by the gateway at apps/surveys/src/surveys.definition.ts (embedded
 * mode, served at /api/surveys) and run alone by main.ts (distributed mode).
 */
export const surveysService: ServiceDefinition = {
  name: 'surveys',
  schema: 'surveys',
  description:
    'Surveys of a space: questions of every kind with conditions, majority-judgment grids, one answer per account or session, results published with charts, streamed exports.',
  module: SurveysModule,
  entities: [],
  migrations: [CreateSurveys1796662804103],
};
