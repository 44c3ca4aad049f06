import './instrumentation';
import { runStandalone } from '@palabre/service-kit';
import { meetingsService } from './meetings.definition';

void runStandalone(meetingsService);
