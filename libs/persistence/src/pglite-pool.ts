import { EventEmitter } from 'node:events';
import type { PGlite } from '@electric-sql/pglite';

/**
 * A `pg`-compatible pool over one embedded PGlite instance, so TypeORM's
 * ordinary postgres driver (and our raw SQL) run unchanged in embedded mode.
 *
 * PGlite has exactly one session. A connection handed out by `connect()` owns
 * that session until it is released, so a transaction opened on it is never
 * interleaved with another caller's statements (unlike a naive shim that
 * forwards every query to the shared session). Waiters are served in order.
 */
export class PGliteSession {
  private tail: Promise<void> = Promise.resolve();
  private waiting = 0;

  constructor(
    readonly db: PGlite,
    private readonly acquireTimeoutMs = 30_000,
  ) {}

  get pending(): number {
    return this.waiting;
  }

  /** Resolves with a release function once the caller owns the session. */
  acquire(): Promise<() => void> {
    let release!: () => void;
    const owned = new Promise<void>((resolve) => (release = resolve));
    const previous = this.tail;
    this.tail = previous.then(() => owned);
    this.waiting++;
    return new Promise((resolve, reject) => {
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        reject(
          new Error(
            `Waited ${this.acquireTimeoutMs} ms for the embedded database session: ` +
              'a transaction is probably waiting on a second connection (use the transaction manager).',
          ),
        );
      }, this.acquireTimeoutMs);
      timer.unref();
      void previous.then(() => {
        clearTimeout(timer);
        this.waiting--;
        // A caller that gave up must not keep the queue blocked behind it.
        if (timedOut) return release();
        let released = false;
        resolve(() => {
          if (!released) {
            released = true;
            release();
          }
        });
      });
    });
  }
}

export interface PgLikeResult {
  rows: Record<string, unknown>[];
  rowCount: number;
  command: string;
  fields: { name: string; dataTypeID: number }[];
}

function commandOf(sql: string): string {
  const match = /^\s*(?:--[^\n]*\n\s*)*([a-zA-Z]+)/.exec(sql);
  return match ? match[1].toUpperCase() : '';
}

async function run(db: PGlite, sql: string, params?: unknown[]): Promise<PgLikeResult> {
  if (params && params.length > 0) {
    const r = await db.query<Record<string, unknown>>(sql, params);
    return {
      rows: r.rows,
      rowCount: r.affectedRows ?? r.rows.length,
      command: commandOf(sql),
      fields: r.fields,
    };
  }
  // exec accepts several statements (migrations); TypeORM expects the last result.
  const results = await db.exec(sql);
  const last = results[results.length - 1];
  return {
    rows: (last?.rows ?? []) as Record<string, unknown>[],
    rowCount: last?.affectedRows ?? last?.rows.length ?? 0,
    command: commandOf(sql),
    fields: last?.fields ?? [],
  };
}

/** One checked-out connection: owns the PGlite session until released. */
export class PGliteClient extends EventEmitter {
  constructor(private readonly db: PGlite) {
    super();
  }

  async query(sql: string | { text: string; values?: unknown[] }, params?: unknown[]) {
    if (typeof sql === 'object') return run(this.db, sql.text, sql.values ?? params);
    return run(this.db, sql, params);
  }
}

type ConnectCallback = (
  err: Error | null,
  client?: PGliteClient,
  release?: (err?: unknown) => void,
) => void;

/** The subset of `pg.Pool` that TypeORM's postgres driver uses. */
export class PGlitePool extends EventEmitter {
  constructor(private readonly session: PGliteSession) {
    super();
  }

  connect(callback?: ConnectCallback): Promise<PGliteClient & { release: () => void }> | void {
    const promise = this.session.acquire().then((release) => {
      const client = new PGliteClient(this.session.db) as PGliteClient & { release: () => void };
      client.release = release;
      return client;
    });
    if (!callback) return promise;
    promise.then(
      (client) => callback(null, client, client.release),
      (err: Error) => callback(err),
    );
  }

  async query(sql: string, params?: unknown[]): Promise<PgLikeResult> {
    const release = await this.session.acquire();
    try {
      return await run(this.session.db, sql, params);
    } finally {
      release();
    }
  }

  end(callback?: (err?: Error | null) => void): Promise<void> | void {
    // The PGlite instance belongs to the Database, which closes it.
    if (callback) callback(null);
    else return Promise.resolve();
  }
}

/** A `pg`-module lookalike to pass as TypeORM's `driver` option. */
export function pgliteDriver(session: PGliteSession) {
  return {
    Pool: class extends PGlitePool {
      constructor() {
        super(session);
      }
    },
    defaults: {},
  };
}
