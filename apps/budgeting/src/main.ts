import { startTracing } from '@palabre/observability';
startTracing('budgeting');

import { runStandalone } from '@palabre/service-kit';
import { budgetingService } from './budgeting.definition';

void runStandalone(budgetingService);
