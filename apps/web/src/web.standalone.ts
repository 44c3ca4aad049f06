import { Controller, Get, Module } from '@nestjs/common';
import { loadEnv } from '@palabre/config';
import { JsonLogger, listenOperations, metricsRegistry } from '@palabre/observability';
import { AcceptableTextGuard, createFastifyApp, onShutdown } from '@palabre/service-kit';
import { webEnvSchema } from './shared/config/web.config';
import { WebModule } from './web.module';

@Controller()
class WebHealthController {
  @Get('health/live')
  live() {
    return { status: 'ok' };
  }

  @Get('health/ready')
  ready() {
    return { status: 'ok', checks: {} };
  }

  @Get('metrics')
  async metrics() {
    return metricsRegistry.metrics();
  }
}

/**
 * Distributed mode: the site alone, behind the gateway (SERVICE_URL_WEB),
 * calling it back at GATEWAY_URL. No database, no event bus, no identity
 * key: it acts for the visitor with the visitor's own cookie.
 */
export async function runWebStandalone(): Promise<void> {
  let env;
  try {
    env = loadEnv('web', webEnvSchema);
    if (!env.GATEWAY_URL) throw new Error('web: GATEWAY_URL is required when web runs alone');
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(78); // EX_CONFIG
  }
  const logger = new JsonLogger('web', env.LOG_LEVEL);

  @Module({
    imports: [WebModule.standalone(logger, { gatewayUrl: env.GATEWAY_URL })],
    controllers: [WebHealthController],
  })
  class WebStandaloneModule {}

  // On Fastify as in embedded mode (createServiceApp): form bodies up to 100 KB, cookies, ETags.
  const { app } = await createFastifyApp(WebStandaloneModule, { name: 'web', logger });
  // As in embedded mode: a form field no service can store is a 400 page naming it.
  app.useGlobalGuards(new AcceptableTextGuard());
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  // On every interface, as Node listens by default (Fastify's own default is localhost only).
  await new Promise<void>((resolve) => app.getHttpServer().listen(env.PORT, resolve));
  // Probes and Prometheus (the Helm chart) on a port of their own, like the gateway's.
  const ops =
    env.METRICS_PORT === undefined
      ? undefined
      : await listenOperations({
          port: env.METRICS_PORT,
          host: env.METRICS_HOST,
          readiness: async () => ({ ready: true, checks: {} }),
        });
  logger.emit('info', `web listening on port ${env.PORT}`, { gateway: env.GATEWAY_URL });
  onShutdown(async () => {
    await app.close();
    await ops?.close();
  }, logger);
}
