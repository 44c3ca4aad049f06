import type { DatabaseTarget } from '@palabre/testing';
import { testLogger } from '@palabre/testing';
import {
  startEmbeddedPlatform,
  type EmbeddedOptions,
  type EmbeddedPlatform,
} from '../src/embedded/embedded-platform';
import { discoverServices } from '../src/embedded/service-discovery';

/**
 * The embedded platform for one database target: in-memory PGlite, or this
 * file's own PostgreSQL database. `only`: just these apps (a test of sign-in
 * needs identity, not every service polling the one PGlite session).
 */
export async function startTestPlatform(
  target: DatabaseTarget,
  overrides: Partial<EmbeddedOptions> & { only?: string[] } = {},
): Promise<EmbeddedPlatform> {
  const { only, ...rest } = overrides;
  const databaseUrl = target.url ? await target.url() : undefined;
  return startEmbeddedPlatform({
    logger: testLogger(),
    databaseUrl,
    dataDir: 'memory://',
    seed: true,
    rateLimitPerMinute: 10_000,
    maxBodyBytes: 256 * 1024,
    // Publishing wakes relays and consumers at once; polling is only the fallback, and
    // seven services polling one PGlite session every 50 ms starved it.
    busPollIntervalMs: 250,
    ...(only ? { services: discoverServices(undefined, only) } : {}),
    ...rest,
  });
}

/** The environment that points identity at a local FranceConnect, for `client`. */
export function franceConnectEnv(
  fc: { issuer: string },
  client: { clientId: string; clientSecret: string },
): NodeJS.ProcessEnv {
  return {
    ...process.env,
    FC_ISSUER: fc.issuer,
    FC_CLIENT_ID: client.clientId,
    FC_CLIENT_SECRET: client.clientSecret,
  };
}
