import type { DatabaseTarget } from '@palabre/testing';
import { testLogger } from '@palabre/testing';
import {
  startEmbeddedPlatform,
  type EmbeddedOptions,
  type EmbeddedPlatform,
} from '../src/embedded/embedded-platform';

/** The embedded platform for one database target: in-memory PGlite, or this file's own PostgreSQL database. */
export async function startTestPlatform(
  target: DatabaseTarget,
  overrides: Partial<EmbeddedOptions> = {},
): Promise<EmbeddedPlatform> {
  const databaseUrl = target.url ? await target.url() : undefined;
  return startEmbeddedPlatform({
    logger: testLogger(),
    databaseUrl,
    dataDir: 'memory://',
    seed: true,
    rateLimitPerMinute: 10_000,
    maxBodyBytes: 256 * 1024,
    busPollIntervalMs: 50,
    ...overrides,
  });
}
