import { startTracing } from '@palabre/observability';
startTracing('petitions');

import { runStandalone } from '@palabre/service-kit';
import { petitionsService } from './petitions.definition';

void runStandalone(petitionsService);
