import './instrumentation';
import { runStandalone } from '@palabre/service-kit';
import { identityService } from './identity.definition';

void runStandalone(identityService);
