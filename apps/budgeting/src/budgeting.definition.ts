import type { ServiceDefinition } from '@palabre/service-kit';
import { CreateBudgeting1795337143945 } from './database/migrations/1795337143945-CreateBudgeting';
import { ComponentPermissions1795345000000 } from './database/migrations/1795345000000-ComponentPermissions';
import { PaperBallotVoids1795400000000 } from './database/migrations/1795400000000-PaperBallotVoids';
import { SignerKeysPerOrganization1796000001000 } from './database/migrations/1796000001000-SignerKeysPerOrganization';
import { ErasedRecorders1796000004300 } from './database/migrations/1796000004300-ErasedRecorders';
import { BudgetTextPerLanguage1796000005100 } from './database/migrations/1796000005100-BudgetTextPerLanguage';
import { ComponentHostTables1796000019000 } from './database/migrations/1796000019000-ComponentHostTables';
import { SpacesCopy1796000020000 } from './database/migrations/1796000020000-SpacesCopy';
import { BudgetingModule } from './budgeting.module';

/**
 * Found by the gateway at apps/budgeting/src/budgeting.definition.ts (embedded
 * mode, served at /api/budgeting) and run alone by main.ts (distributed mode).
 */
export const budgetingService: ServiceDefinition = {
  name: 'budgeting',
  schema: 'budgeting',
  description:
    'Participatory budgets: budgets (envelopes) with a vote rule each, projects (also from accepted proposals), one vote per voter per budget as an atomic checkout of a cart, workflows across budgets, paper ballots, results by the rule and their confirmation, implementation tracking with progress and timeline, open data.',
  module: BudgetingModule,
  entities: [],
  migrations: [
    CreateBudgeting1795337143945,
    ComponentPermissions1795345000000,
    PaperBallotVoids1795400000000,
    SignerKeysPerOrganization1796000001000,
    ErasedRecorders1796000004300,
    BudgetTextPerLanguage1796000005100,
    ComponentHostTables1796000019000,
    SpacesCopy1796000020000,
  ],
};
