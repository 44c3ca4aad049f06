import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite, types } from '@electric-sql/pglite';
import { Client, Pool } from 'pg';
import { DataSource, type MixedList, type EntitySchema } from 'typeorm';
import { PGliteSession, pgliteDriver } from './pglite-pool';

export interface DatabaseOptions {
  /** A real PostgreSQL server. When absent, the embedded PGlite is used. */
  url?: string;
  /** PGlite data directory (`memory://` for a throw-away database). */
  dataDir?: string;
  /** Connections per service pool on a real server. */
  poolSize?: number;
}

export interface ServiceDataSourceOptions {
  /** The service's own schema; its tables and migrations table live there. */
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities?: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations?: MixedList<Function | string>;
  poolSize?: number;
}

export type Notification = (payload: string) => void;
export type SqlFn = (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

/**
 * One physical database for a process: either an embedded PGlite (one file
 * tree under `.data/`) or a PostgreSQL server. Every service gets its own
 * TypeORM DataSource bound to its own schema; `listen` gives LISTEN/NOTIFY on
 * both, so the event bus wakes up on commit instead of polling hard.
 */
export class Database {
  private listener?: Client;
  private readonly handlers = new Map<string, Set<Notification>>();
  private readonly dataSources: DataSource[] = [];
  private closed = false;

  private constructor(
    readonly kind: 'pglite' | 'postgres',
    private readonly options: DatabaseOptions,
    private readonly session?: PGliteSession,
    private readonly adminPool?: Pool,
  ) {}

  static async open(options: DatabaseOptions): Promise<Database> {
    if (options.url) {
      const pool = new Pool({ connectionString: options.url, max: 4 });
      pool.on('error', () => undefined);
      await pool.query('select 1');
      return new Database('postgres', options, undefined, pool);
    }
    const dataDir = options.dataDir ?? '.data/pglite';
    if (!dataDir.startsWith('memory://')) mkdirSync(resolve(dataDir), { recursive: true });
    const db = await PGlite.create({
      dataDir: dataDir.startsWith('memory://') ? undefined : resolve(dataDir),
      // Same value shapes as node-postgres, so code behaves alike on both.
      parsers: {
        [types.INT8]: (v: string) => v,
        [types.NUMERIC]: (v: string) => v,
      },
    });
    return new Database('pglite', options, new PGliteSession(db));
  }

  /** A TypeORM DataSource for one service (not yet initialized). */
  dataSource(opts: ServiceDataSourceOptions): DataSource {
    const common = {
      type: 'postgres' as const,
      schema: opts.schema,
      entities: opts.entities ?? [],
      migrations: opts.migrations ?? [],
      migrationsTableName: 'migrations',
      migrationsTransactionMode: 'each' as const,
      synchronize: false,
      installExtensions: false,
      uuidExtension: 'pgcrypto' as const,
      logging: false,
    };
    const ds: DataSource = this.session
      ? new DataSource({ ...common, driver: pgliteDriver(this.session), poolSize: 1 })
      : new DataSource({
          ...common,
          url: this.options.url,
          poolSize: opts.poolSize ?? this.options.poolSize ?? 10,
        });
    this.dataSources.push(ds);
    return ds;
  }

  private pool(): Pool {
    if (!this.adminPool) throw new Error('No PostgreSQL pool: this database is embedded');
    return this.adminPool;
  }

  /** Runs a statement outside any service (bootstrap, bus tables, tests). */
  async query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]> {
    if (this.session) {
      const release = await this.session.acquire();
      try {
        const r = params?.length
          ? await this.session.db.query<T>(sql, params)
          : { rows: ((await this.session.db.exec(sql)).at(-1)?.rows ?? []) as T[] };
        return r.rows;
      } finally {
        release();
      }
    }
    const r = await this.pool().query(sql, params);
    return r.rows as T[];
  }

  /** Runs `fn` in one transaction on one connection (outside any service). */
  async transaction<T>(fn: (sql: SqlFn) => Promise<T>): Promise<T> {
    if (this.session) {
      const release = await this.session.acquire();
      const db = this.session.db;
      try {
        return await db.transaction((tx) =>
          fn(async (q, p) => (await tx.query<Record<string, unknown>>(q, p)).rows),
        );
      } finally {
        release();
      }
    }
    const client = await this.pool().connect();
    try {
      await client.query('BEGIN');
      const result = await fn(async (q, p) => (await client.query(q, p)).rows);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /**
   * Creates the schema if needed and runs the service's pending migrations.
   * On a real server an advisory lock makes concurrent replicas wait for one another.
   */
  async migrate(ds: DataSource, schema: string): Promise<void> {
    await this.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    if (!ds.isInitialized) await ds.initialize();
    if (this.session) {
      await ds.runMigrations({ transaction: 'each' });
      return;
    }
    const lock = await this.pool().connect();
    try {
      await lock.query('SELECT pg_advisory_lock(hashtext($1))', [`palabre:migrate:${schema}`]);
      await ds.runMigrations({ transaction: 'each' });
    } finally {
      await lock.query('SELECT pg_advisory_unlock(hashtext($1))', [`palabre:migrate:${schema}`]);
      lock.release();
    }
  }

  /** Subscribes to NOTIFY on `channel`; returns an unsubscribe function. */
  async listen(channel: string, handler: Notification): Promise<() => void> {
    let set = this.handlers.get(channel);
    if (!set) {
      set = new Set();
      this.handlers.set(channel, set);
      const dispatch = (payload: string) => this.handlers.get(channel)?.forEach((h) => h(payload));
      if (this.session) {
        await this.session.db.listen(channel, dispatch);
      } else {
        if (!this.listener) {
          this.listener = new Client({ connectionString: this.options.url });
          this.listener.on('error', () => undefined);
          this.listener.on('notification', (msg) => {
            this.handlers.get(msg.channel)?.forEach((h) => h(msg.payload ?? ''));
          });
          await this.listener.connect();
        }
        await this.listener.query(`LISTEN "${channel}"`);
      }
    }
    set.add(handler);
    const handlers = set;
    return () => handlers.delete(handler);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const ds of this.dataSources) if (ds.isInitialized) await ds.destroy();
    await this.listener?.end().catch(() => undefined);
    await this.adminPool?.end().catch(() => undefined);
    await this.session?.db.close();
  }
}
