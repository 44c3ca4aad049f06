import { startTracing } from '@palabre/observability';
startTracing('gateway');

import { start } from './gateway.main';

void start();
