import { startTracing } from '@palabre/observability';
startTracing('proposals');

import { runStandalone } from '@palabre/service-kit';
import { proposalsService } from './proposals.definition';

void runStandalone(proposalsService);
