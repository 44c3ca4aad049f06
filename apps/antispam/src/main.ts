import './instrumentation';
import { runStandalone } from '@palabre/service-kit';
import { antispamService } from './antispam.definition';

void runStandalone(antispamService);
