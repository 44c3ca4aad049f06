import { startTracing } from '@palabre/observability';
startTracing('web');

import { runWebStandalone } from './web.standalone';

void runWebStandalone();
