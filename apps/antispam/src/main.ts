import { startTracing } from '@palabre/observability';
startTracing('antispam');

import { runStandalone } from '@palabre/service-kit';
import { antispamService } from './antispam.definition';

void runStandalone(antispamService);
