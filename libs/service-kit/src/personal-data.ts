import {
  Controller,
  Get,
  Header,
  Inject,
  Injectable,
  UnauthorizedException,
  type OnModuleInit,
  type Provider,
  type Type,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { EntityManager } from 'typeorm';
import { CurrentIdentity, type InternalIdentity } from '@palabre/auth';
import { decodeEvent, Topics } from '@palabre/contracts';
import { SERVICE_RUNTIME, type ServiceRuntime } from './service-definition';

/**
 * What a service that keeps something a person did answers for their rights
 * (ADR 0018): the erasure of their name when they delete their account, and
 * their part of "download my data". One implementation per service; the
 * event consumer and the internal route around it are the same everywhere.
 */
export interface PersonalDataKeeper {
  /**
   * In the consumer's transaction (effectively once): the person's name, and
   * what else names them, leaves everything they wrote in this organization.
   */
  erase(m: EntityManager, organizationId: string, userId: string): Promise<void>;
  /** What the person did here, in this organization, as a JSON-ready object. */
  personalData(organizationId: string, userId: string): Promise<unknown>;
}

const KEEPER = Symbol('PERSONAL_DATA_KEEPER');

@Injectable()
class UserErasedConsumer implements OnModuleInit {
  constructor(
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
    @Inject(KEEPER) private readonly keeper: PersonalDataKeeper,
  ) {}

  async onModuleInit(): Promise<void> {
    const { schema, name } = this.runtime.definition;
    await this.runtime.bus.consume({
      ds: this.runtime.dataSource,
      schema,
      group: `${name}.user-erased`,
      topics: [Topics.IdentityUserErasedV1],
      decode: (_topic, payload) => decodeEvent(Topics.IdentityUserErasedV1, payload),
      handle: async (event, m) => {
        const { organizationId, userId } = event.payload;
        if (organizationId && userId) await this.keeper.erase(m, organizationId, userId);
      },
    });
  }
}

/**
 * The providers and the controller to add to a service's module: the
 * `identity.user.erased.v1` consumer, and `GET /internal/<service>/personal-data`
 * for identity's archive (never routed by the gateway), both served by `keeper`.
 */
export function personalDataParts(
  service: string,
  keeper: Type<PersonalDataKeeper>,
): { controllers: Type<unknown>[]; providers: Provider[] } {
  @ApiExcludeController()
  @Controller(`internal/${service}`)
  class PersonalDataController {
    constructor(@Inject(KEEPER) private readonly keeper: PersonalDataKeeper) {}

    @Get('personal-data')
    @Header('Cache-Control', 'no-store')
    personalData(@CurrentIdentity() identity: InternalIdentity) {
      if (!identity.userId)
        throw new UnauthorizedException('Only an account has personal data here');
      return this.keeper.personalData(identity.organizationId, identity.userId);
    }
  }
  return {
    controllers: [PersonalDataController],
    providers: [keeper, { provide: KEEPER, useExisting: keeper }, UserErasedConsumer],
  };
}
