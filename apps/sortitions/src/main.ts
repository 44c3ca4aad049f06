import { startTracing } from '@palabre/observability';
startTracing('sortitions');

import { runStandalone } from '@palabre/service-kit';
import { sortitionsService } from './sortitions.definition';

void runStandalone(sortitionsService);
