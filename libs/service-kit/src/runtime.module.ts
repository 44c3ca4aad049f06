import { Controller, Get, Global, Module, Res, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { IdentityTokenVerifier, InternalIdentityGuard, Public } from '@palabre/auth';
import { Health, JsonLogger, metricsRegistry } from '@palabre/observability';
import type { FastifyReply } from 'fastify';
import { DATA_SOURCE, EVENT_BUS, SERVICE_RUNTIME, type ServiceRuntime } from './service-definition';

@Controller()
@Public()
export class HealthController {
  constructor(private readonly health: Health) {}

  @Get('health/live')
  live() {
    return { status: 'ok' };
  }

  @Get('health/ready')
  async ready(@Res({ passthrough: true }) res: FastifyReply) {
    const r = await this.health.readiness();
    res.status(r.ready ? 200 : 503);
    return { status: r.ready ? 'ok' : 'unavailable', checks: r.checks };
  }

  @Get('metrics')
  async metrics(@Res() res: FastifyReply) {
    res.header('Content-Type', metricsRegistry.contentType);
    res.send(await metricsRegistry.metrics());
  }
}

/** Gives a service's domain module its runtime: data source, bus, logger, identity guard. */
@Global()
@Module({})
export class RuntimeModule {
  static forService(
    runtime: ServiceRuntime,
    verifier: IdentityTokenVerifier,
    health: Health,
  ): DynamicModule {
    return {
      module: RuntimeModule,
      controllers: [HealthController],
      providers: [
        { provide: SERVICE_RUNTIME, useValue: runtime },
        { provide: DATA_SOURCE, useValue: runtime.dataSource },
        { provide: EVENT_BUS, useValue: runtime.bus },
        { provide: JsonLogger, useValue: runtime.logger },
        { provide: IdentityTokenVerifier, useValue: verifier },
        { provide: Health, useValue: health },
        { provide: APP_GUARD, useClass: InternalIdentityGuard },
      ],
      exports: [SERVICE_RUNTIME, DATA_SOURCE, EVENT_BUS, JsonLogger, IdentityTokenVerifier, Health],
    };
  }
}
