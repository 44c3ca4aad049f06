import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Mailer } from '@palabre/mail';
import {
  generateIdentityKeys,
  IDENTITY_HEADER,
  SERVICE_HEADER,
  type InternalIdentity,
  type ServiceTokenIssuer,
} from '@palabre/auth';
import { EventBus, PostgresTransport } from '@palabre/messaging';
import { JsonLogger } from '@palabre/observability';
import { Database, testDatabaseTargets } from '@palabre/persistence';
import { createServiceApp, type ServiceApp, type ServiceDefinition } from '@palabre/service-kit';

export interface BootedService {
  service: ServiceApp;
  db: Database;
  bus: EventBus;
  /**
   * Mints an internal identity token for this service as the gateway would;
   * with `routedTo`, the token the gateway minted for a request to that
   * service, which reaches this one passed on by it (accepted here only if
   * TOKEN_RELAYS says so).
   */
  token(identity: InternalIdentity, routedTo?: string): Promise<string>;
  /** Header pair for supertest: `.set(...await booted.as(identity))`. */
  as(identity: InternalIdentity, routedTo?: string): Promise<[string, string]>;
  /**
   * Header pair of a service token with which `caller` calls this service (or
   * `callee`) as itself for `organizationId` (ADR 0038), as it would mint it
   * with its INTERNAL_CALLER_KEYS of this deployment.
   */
  asService(caller: string, organizationId: string, callee?: string): [string, string];
  /** The tokens `caller` would call this deployment's services with (for its clients). */
  serviceTokens(caller: string): ServiceTokenIssuer;
  close(): Promise<void>;
}

/** Quiet logs in tests unless LOG_LEVEL asks for them. */
export const testLogger = () =>
  new JsonLogger('test', (process.env.LOG_LEVEL as 'debug') ?? 'error', (line) =>
    process.stderr.write(line + '\n'),
  );

/**
 * Boots one service against a fresh database (its schema dropped first),
 * with the postgres transport polling fast, for `*.int-spec.ts` through HTTP.
 */
export async function bootService(
  def: ServiceDefinition,
  options: { database?: () => Promise<Database>; seed?: boolean; mailer?: Mailer } = {},
): Promise<BootedService> {
  const db = await (options.database ?? testDatabaseTargets()[0].open)();
  await db.query(`DROP SCHEMA IF EXISTS "${def.schema}" CASCADE`);
  const bus = new EventBus(db, new PostgresTransport(db, { pollIntervalMs: 50 }), {
    pollIntervalMs: 50,
  });
  const keys = generateIdentityKeys();
  const dataDir = mkdtempSync(join(tmpdir(), `palabre-${def.name}-`));
  const service = await createServiceApp(def, {
    db,
    bus,
    verifier: keys.verifierFor(def.name),
    logger: testLogger(),
    seed: options.seed,
    mailer: options.mailer,
    embedded: true,
    dataDir,
  });
  return {
    service,
    db,
    bus,
    token: async (identity, routedTo = def.name) => keys.issuer.issue(identity, routedTo),
    as: async (identity, routedTo = def.name) => [
      IDENTITY_HEADER,
      keys.issuer.issue(identity, routedTo),
    ],
    asService: (caller, organizationId, callee = def.name) => [
      SERVICE_HEADER,
      keys.serviceTokensFor(caller).issue(callee, organizationId),
    ],
    serviceTokens: (caller) => keys.serviceTokensFor(caller),
    close: async () => {
      await service.close();
      await bus.stop();
      await db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
