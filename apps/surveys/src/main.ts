import './instrumentation';
import { runStandalone } from '@palabre/service-kit';
import { surveysService } from './surveys.definition';

void runStandalone(surveysService);
