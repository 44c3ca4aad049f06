import './instrumentation';
import { runStandalone } from '@palabre/service-kit';
import { sortitionsService } from './sortitions.definition';

void runStandalone(sortitionsService);
