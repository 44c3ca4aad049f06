import { mkdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { PGlite, types } from '@electric-sql/pglite';
import { Client, Pool } from 'pg';
import { DataSource, type MixedList, type EntitySchema } from 'typeorm';
import { watchPool } from '@palabre/observability';
import { PGliteSession, pgliteDriver } from './pglite-pool';
import { copyTemplate, defaultTemplateDir, ensureTemplate, isNewDataDir } from './pglite-template';

/**
 * PGlite's start parameters, with memory sized for one embedded platform
 * (ADR 0025): PostgreSQL's shared buffers live in the WebAssembly heap, which
 * never shrinks, and the embedded data is a few megabytes.
 */
const PGLITE_START_PARAMS = [
  ...PGlite.defaultStartParams,
  ...['shared_buffers=16MB', 'maintenance_work_mem=16MB', 'temp_buffers=2MB'].flatMap((s) => [
    '-c',
    s,
  ]),
];

function createPGlite(dataDir: string | undefined): Promise<PGlite> {
  return PGlite.create({
    dataDir,
    startParams: PGLITE_START_PARAMS,
    // Same value shapes as node-postgres, so code behaves alike on both.
    parsers: {
      [types.INT8]: (v: string) => v,
      [types.NUMERIC]: (v: string) => v,
    },
  });
}

export interface DatabaseOptions {
  /** A real PostgreSQL server. When absent, the embedded PGlite is used. */
  url?: string;
  /** PGlite data directory (`memory://` for a throw-away database). */
  dataDir?: string;
  /** Connections per service pool on a real server. */
  poolSize?: number;
  /**
   * Where the initdb template of this PGlite version lives, copied into a new
   * data directory (default node_modules/.cache/palabre/pglite-template-<version>);
   * false runs initdb in the data directory itself.
   */
  pgliteTemplate?: string | false;
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
    /** How an on-disk PGlite database began: already there, copied from the template, or initdb. */
    readonly origin?: 'existing' | 'template' | 'initdb',
  ) {}

  static async open(options: DatabaseOptions): Promise<Database> {
    if (options.url) {
      const pool = new Pool({ connectionString: options.url, max: 4 });
      pool.on('error', () => undefined);
      await pool.query('select 1');
      return new Database('postgres', options, undefined, pool);
    }
    const dataDir = options.dataDir ?? '.data/pglite';
    if (dataDir.startsWith('memory://'))
      return new Database('pglite', options, new PGliteSession(await createPGlite(undefined)));
    const dir = resolve(dataDir);
    const template = options.pgliteTemplate ?? defaultTemplateDir();
    let origin: Database['origin'] = isNewDataDir(dir) ? 'initdb' : 'existing';
    if (origin === 'initdb' && template !== false) {
      try {
        await copyTemplate(await ensureTemplate(template), dir);
        origin = 'template';
      } catch {
        // A shortcut only (node_modules may be read-only): PGlite runs initdb in the data dir.
      }
    }
    mkdirSync(dir, { recursive: true });
    let db: PGlite;
    try {
      db = await createPGlite(dir);
    } catch (error) {
      if (origin !== 'template' || template === false) throw error;
      // The copy did not open although the template's files looked whole: rebuild the
      // template next time, and initialize this new, still empty database in place.
      await rm(template, { recursive: true, force: true });
      await rm(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      origin = 'initdb';
      db = await createPGlite(dir);
    }
    return new Database('pglite', options, new PGliteSession(db), undefined, origin);
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
          // Only named statements are cached plans (ADR 0028): the hot paths' batches, whose
          // generic plan is the custom one without the replanning.
          extra: { options: '-c plan_cache_mode=force_generic_plan' },
        });
    this.dataSources.push(ds);
    // palabre_db_pool_connections: node-postgres' pool counters (PGlite has one session, no pool).
    watchPool(opts.schema, () => {
      const pool = ds.isInitialized
        ? (
            ds.driver as {
              master?: Partial<Record<'totalCount' | 'idleCount' | 'waitingCount', number>>;
            }
          ).master
        : undefined;
      if (typeof pool?.totalCount !== 'number') return undefined;
      return { total: pool.totalCount, idle: pool.idleCount ?? 0, waiting: pool.waitingCount ?? 0 };
    });
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
