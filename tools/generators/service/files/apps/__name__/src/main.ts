import './instrumentation';
import { runStandalone } from '@palabre/service-kit';
import { __nameCamel__Service } from './__name__.definition';

void runStandalone(__nameCamel__Service);
