import './instrumentation';
import { runStandalone } from '@palabre/service-kit';
import { proposalsService } from './proposals.definition';

void runStandalone(proposalsService);
