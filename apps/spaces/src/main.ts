import './instrumentation';
import { runStandalone } from '@palabre/service-kit';
import { spacesService } from './spaces.definition';

void runStandalone(spacesService);
