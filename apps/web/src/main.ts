import './instrumentation';
import { runWebStandalone } from './web.standalone';

void runWebStandalone();
