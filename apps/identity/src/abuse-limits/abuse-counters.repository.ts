import { Inject, Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { returnedRows } from '@palabre/persistence';
import { DATA_SOURCE } from '@palabre/service-kit';

export type CounterScope = 'sign-in-account' | 'sign-in-address' | 'mail';

export interface CounterKey {
  scope: CounterScope;
  /** Keyed hash of what is counted (an email, an address): never the value itself. */
  keyHash: string;
}

export interface CounterRow {
  scope: CounterScope;
  key_hash: string;
  hits: number;
  last_hit_at: Date;
  locks: number;
  locked_until: Date | null;
}

/** SQL of identity.abuse_counters. Every query names its organization. */
@Injectable()
export class AbuseCountersRepository {
  constructor(@Inject(DATA_SOURCE) private readonly ds: DataSource) {}

  transaction<T>(fn: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(fn);
  }

  /**
   * The counters of `keys`, created empty when missing, locked until the end of
   * the transaction: concurrent attempts on one account are counted one after
   * the other, so a burst cannot slip in between a count and its check.
   */
  async lockCounters(
    m: EntityManager,
    organizationId: string,
    keys: CounterKey[],
    now: Date,
  ): Promise<{ rows: CounterRow[]; created: boolean }> {
    const values = keys.map((_, i) => `($1, $${2 * i + 3}, $${2 * i + 4}, 0, $2, $2, $2)`);
    const created = returnedRows(
      await m.query(
        `INSERT INTO identity.abuse_counters
           (organization_id, scope, key_hash, hits, window_started_at, last_hit_at, expires_at)
         VALUES ${values.join(', ')}
         ON CONFLICT (organization_id, scope, key_hash) DO NOTHING
         RETURNING key_hash`,
        [organizationId, now, ...keys.flatMap((k) => [k.scope, k.keyHash])],
      ),
    );
    const rows: CounterRow[] = await m.query(
      `SELECT scope, key_hash, hits, last_hit_at, locks, locked_until
         FROM identity.abuse_counters
        WHERE organization_id = $1 AND (scope, key_hash) IN (SELECT * FROM unnest($2::text[], $3::text[]))
        ORDER BY scope, key_hash
        FOR UPDATE`,
      [organizationId, keys.map((k) => k.scope), keys.map((k) => k.keyHash)],
    );
    return { rows, created: created.length > 0 };
  }

  async saveCounter(
    m: EntityManager,
    organizationId: string,
    key: CounterKey,
    c: { hits: number; lastHitAt: Date; locks: number; lockedUntil: Date | null; expiresAt: Date },
  ): Promise<void> {
    await m.query(
      `UPDATE identity.abuse_counters
          SET hits = $4, last_hit_at = $5, locks = $6, locked_until = $7, expires_at = $8
        WHERE organization_id = $1 AND scope = $2 AND key_hash = $3`,
      [
        organizationId,
        key.scope,
        key.keyHash,
        c.hits,
        c.lastHitAt,
        c.locks,
        c.lockedUntil,
        c.expiresAt,
      ],
    );
  }

  async forget(organizationId: string, key: CounterKey, m?: EntityManager): Promise<void> {
    await (m ?? this.ds.manager).query(
      `DELETE FROM identity.abuse_counters WHERE organization_id = $1 AND scope = $2 AND key_hash = $3`,
      [organizationId, key.scope, key.keyHash],
    );
  }

  /** Takes back one hit (an attempt that turned out right). */
  async takeBack(organizationId: string, key: CounterKey): Promise<void> {
    await this.ds.query(
      `UPDATE identity.abuse_counters SET hits = greatest(hits - 1, 0)
        WHERE organization_id = $1 AND scope = $2 AND key_hash = $3`,
      [organizationId, key.scope, key.keyHash],
    );
  }

  /**
   * Counts one hit in a fixed window that starts with the first hit; the
   * count within the current window, this hit included.
   */
  async hitWindow(
    organizationId: string,
    key: CounterKey,
    windowSeconds: number,
    now: Date,
  ): Promise<number> {
    const [row] = returnedRows<{ hits: number; created: boolean }>(
      await this.ds.query(
        `INSERT INTO identity.abuse_counters AS c
           (organization_id, scope, key_hash, hits, window_started_at, last_hit_at, expires_at)
         VALUES ($1, $2, $3, 1, $4, $4, $4::timestamptz + make_interval(secs => $5))
         ON CONFLICT (organization_id, scope, key_hash) DO UPDATE SET
           hits = CASE WHEN c.expires_at <= $4 THEN 1 ELSE c.hits + 1 END,
           window_started_at = CASE WHEN c.expires_at <= $4 THEN $4 ELSE c.window_started_at END,
           expires_at = CASE WHEN c.expires_at <= $4 THEN EXCLUDED.expires_at ELSE c.expires_at END,
           last_hit_at = $4
         RETURNING hits, (xmax = 0) AS created`,
        [organizationId, key.scope, key.keyHash, now, windowSeconds],
      ),
    );
    if (row.created) await this.purgeExpired(organizationId, now);
    return Number(row.hits);
  }

  /**
   * Forgets the organization's expired counters (called when one is created).
   * Rows another attempt holds are skipped: no waiting, no deadlock.
   */
  async purgeExpired(organizationId: string, now: Date): Promise<void> {
    await this.ds.query(
      `DELETE FROM identity.abuse_counters
        WHERE (organization_id, scope, key_hash) IN (
          SELECT organization_id, scope, key_hash FROM identity.abuse_counters
           WHERE organization_id = $1 AND expires_at < $2
             AND (locked_until IS NULL OR locked_until < $2)
           FOR UPDATE SKIP LOCKED)`,
      [organizationId, now],
    );
  }
}
