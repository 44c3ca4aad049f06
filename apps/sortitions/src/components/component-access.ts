import { Inject, Injectable } from '@nestjs/common';
import { ComponentHost, type HostedComponent } from '@palabre/component-host';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@palabre/service-kit';
import { SORTITIONS, type ComponentSettings } from './component-type';

export { CurrentCaller, UUID, type Caller } from '@palabre/component-host';

/** A sortitions component as this service keeps it (libs/component-host). */
export type Component = HostedComponent<ComponentSettings>;

/** Which sortitions component a request is about, and who may do what in it (the component host). */
@Injectable()
export class ComponentAccess extends ComponentHost<ComponentSettings> {
  constructor(@Inject(SERVICE_RUNTIME) runtime: ServiceRuntime) {
    super(runtime, SORTITIONS);
  }
}
