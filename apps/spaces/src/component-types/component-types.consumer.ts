import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { decodeEvent, Topics } from '@palabre/contracts';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@palabre/service-kit';
import { componentTypeFrom, type ComponentTypeDef } from './component-type';
import { ComponentTypesRepository } from './component-types.repository';

/**
 * Keeps the registry: every service that offers a component type publishes
 * `spaces.component-type.registered.v1` when it starts. A registration that
 * does not make sense (an action switched by an unknown setting, a default
 * of the wrong type…) is refused at decoding and goes to the dead-letter
 * topic, so a broken deploy of one service cannot break existing components.
 */
@Injectable()
export class ComponentTypesConsumer implements OnModuleInit {
  constructor(
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
    private readonly types: ComponentTypesRepository,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.runtime.bus.consume<ComponentTypeDef>({
      ds: this.runtime.dataSource,
      schema: 'spaces',
      group: 'spaces.component-types',
      topics: [Topics.SpacesComponentTypeRegisteredV1],
      decode: (_topic, payload) =>
        componentTypeFrom(decodeEvent(Topics.SpacesComponentTypeRegisteredV1, payload)),
      handle: async (event, m) => {
        const def = event.payload;
        const stored = await this.types.upsert(m, def);
        this.runtime.logger.emit('info', 'Component type registration', {
          type: def.type,
          service: def.service,
          version: def.version,
          stored,
        });
      },
    });
  }
}
