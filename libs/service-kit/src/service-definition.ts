import type { ServiceTokenIssuer } from '@palabre/auth';
import type { InternalServices } from './internal-services';
import type { Type } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { EventBus } from '@palabre/messaging';
import type { Database } from '@palabre/persistence';
import type { Mailer } from '@palabre/mail';
import type { JsonLogger } from '@palabre/observability';

/** What the platform needs to know to run a service, embedded or alone. */
export interface ServiceDefinition {
  /** Route prefix at the gateway (`/api/<name>`) and default schema name. */
  name: string;
  /** PostgreSQL schema owned by the service. */
  schema: string;
  /** Root Nest module of the service's domain. */
  module: Type<unknown>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: Function[];
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: Function[];
  /** Human description for the aggregated OpenAPI document. */
  description: string;
  /**
   * A service that owns no tables (the web site): no schema is created, no
   * migrations run, no outbox relay starts. `entities` and `migrations` stay empty.
   */
  stateless?: boolean;
  /** The largest request body the service takes (Fastify's size, e.g. '4mb'); default 100 kB. */
  bodyLimit?: string;
  /** Demo content for embedded mode; must be idempotent (runs at every start). */
  seed?: (ctx: ServiceRuntime) => Promise<void>;
}

/** Runtime handles a service gets, through Nest DI or in `seed`. */
export interface ServiceRuntime {
  definition: ServiceDefinition;
  db: Database;
  dataSource: DataSource;
  bus: EventBus;
  logger: JsonLogger;
  dataDir?: string;
  mailer?: Mailer;
  embedded: boolean;
  env: NodeJS.ProcessEnv;
  /** The other services' internal APIs (in this process, or at SERVICE_URL_<NAME>). */
  internal: InternalServices;
  /** Tokens to call other services as this service (ADR 0038); absent for most services. */
  serviceTokens?: ServiceTokenIssuer;
}

export const SERVICE_RUNTIME = Symbol('SERVICE_RUNTIME');
export const DATA_SOURCE = Symbol('DATA_SOURCE');
export const EVENT_BUS = Symbol('EVENT_BUS');
