import { startTracing } from '@palabre/observability';
startTracing('spaces');

import { runStandalone } from '@palabre/service-kit';
import { spacesService } from './spaces.definition';

void runStandalone(spacesService);
