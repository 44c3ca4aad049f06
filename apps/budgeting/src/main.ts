import './instrumentation';
import { runStandalone } from '@palabre/service-kit';
import { budgetingService } from './budgeting.definition';

void runStandalone(budgetingService);
