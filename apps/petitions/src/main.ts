import './instrumentation';
import { runStandalone } from '@palabre/service-kit';
import { petitionsService } from './petitions.definition';

void runStandalone(petitionsService);
