import './instrumentation';
import { start } from './gateway.main';

void start();
