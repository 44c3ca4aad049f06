import { startTracing } from '@palabre/observability';
startTracing('identity');

import { runStandalone } from '@palabre/service-kit';
import { identityService } from './identity.definition';

void runStandalone(identityService);
