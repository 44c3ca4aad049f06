import { startTracing } from '@palabre/observability';
startTracing('newsletter');

import { runStandalone } from '@palabre/service-kit';
import { newsletterService } from './newsletter.definition';

void runStandalone(newsletterService);
