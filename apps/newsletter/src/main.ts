import './instrumentation';
import { runStandalone } from '@palabre/service-kit';
import { newsletterService } from './newsletter.definition';

void runStandalone(newsletterService);
