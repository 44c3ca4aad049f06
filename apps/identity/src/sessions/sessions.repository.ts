import { Inject, Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { returnedRows } from '@palabre/persistence';
import { DATA_SOURCE } from '@palabre/service-kit';

export interface SessionRow {
  id: string;
  token_hash: string;
  organization_id: string;
  user_id: string | null;
  signer_key: string | null;
  kind: 'account' | 'signer';
  user_agent: string | null;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  /** A FranceConnect signer's age in years at sign-in, capped at 18; null otherwise. */
  age: number | null;
}

/** A live session with what the gateway passes on about its account. */
export interface LiveSessionRow extends SessionRow {
  display_name: string | null;
  /** When the session's account was created (null for a signer). */
  account_created_at: Date | null;
  identified: boolean | null;
}

const TOUCH_AFTER_MS = 5 * 60_000;

/** SQL for sessions. A session is found by the keyed hash of its cookie token, never the token. */
@Injectable()
export class SessionsRepository {
  constructor(@Inject(DATA_SOURCE) private readonly ds: DataSource) {}

  /**
   * A signer's row keeps no User-Agent and times only to the minute (the
   * table's CHECK insists): nothing in it matches the same browser's
   * identified session, opened moments before (ADR 0007).
   */
  async insert(s: {
    tokenHash: string;
    organizationId: string;
    userId?: string;
    signerKey?: string;
    kind: 'account' | 'signer';
    userAgent?: string;
    ttlHours: number;
    age?: number;
  }): Promise<SessionRow> {
    const signer = s.kind === 'signer';
    const [row] = await this.ds.query(
      `INSERT INTO identity.sessions
         (token_hash, organization_id, user_id, signer_key, kind, user_agent, age, created_at, last_seen_at, expires_at)
       SELECT $1, $2, $3, $4, $5, $6, $8, t.at, t.at, t.at + make_interval(hours => $7)
         FROM (SELECT CASE WHEN $5 = 'signer' THEN date_trunc('minute', now()) ELSE now() END AS at) t
       RETURNING *`,
      [
        s.tokenHash,
        s.organizationId,
        s.userId ?? null,
        s.signerKey ?? null,
        s.kind,
        signer ? null : (s.userAgent?.slice(0, 200) ?? null),
        s.ttlHours,
        s.age ?? null,
      ],
    );
    return row;
  }

  /** The row's token becomes the cookie sealed from it (ADR 0027); the first one was never handed out. */
  async rekey(id: string, tokenHash: string): Promise<void> {
    await this.ds.query(`UPDATE identity.sessions SET token_hash = $2 WHERE id = $1`, [
      id,
      tokenHash,
    ]);
  }

  /**
   * Signer sessions revoked from the minute `since` on (all those still
   * unexpired when `since` is null) and not yet expired: the gateway keeps
   * them to refuse their sealed cookies (ADR 0027). Revocation times of
   * signers are to the minute (ADR 0007), so the gateway asks again for the
   * minute before its last answer: nothing here orders one revocation
   * before another.
   */
  async revokedSigners(since: Date | null): Promise<{
    nextSince: Date;
    sessions: { id: string; organizationId: string; expiresAt: string }[];
  }> {
    const [row] = await this.ds.query(
      `SELECT date_trunc('minute', now()) - interval '1 minute' AS next_since,
              coalesce(json_agg(json_build_object('id', s.id, 'organizationId', s.organization_id,
                                                  'expiresAt', s.expires_at))
                         FILTER (WHERE s.id IS NOT NULL), '[]') AS sessions
         FROM (SELECT 1) one
         LEFT JOIN identity.sessions s
           ON s.kind = 'signer' AND s.revoked_at IS NOT NULL AND s.expires_at > now()
          AND ($1::timestamptz IS NULL OR s.revoked_at >= $1::timestamptz)`,
      [since],
    );
    const sessions = typeof row.sessions === 'string' ? JSON.parse(row.sessions) : row.sessions;
    return { nextSince: new Date(row.next_since), sessions };
  }

  /**
   * Live sessions (not revoked, not expired, account active if any) for many
   * token hashes at once: the gateway batches its lookups.
   */
  async findLiveMany(tokenHashes: string[], organizationId?: string): Promise<LiveSessionRow[]> {
    return this.ds.query(
      `SELECT s.*, u.display_name, u.created_at AS account_created_at,
              s.user_id IS NOT NULL AND EXISTS (SELECT 1 FROM identity.franceconnect_links l
                      WHERE l.user_id = s.user_id AND l.organization_id = s.organization_id) AS identified
         FROM identity.sessions s LEFT JOIN identity.users u ON u.id = s.user_id
       WHERE s.token_hash = ANY($1::text[]) AND s.revoked_at IS NULL AND s.expires_at > now()
         AND (s.user_id IS NULL OR u.status = 'active')
         AND ($2::uuid IS NULL OR s.organization_id = $2::uuid)`,
      [tokenHashes, organizationId ?? null],
    );
  }

  /**
   * Moves `last_seen_at` of the account sessions among `rows` last seen more
   * than 5 minutes ago; nothing is written for the others, so a lookup of a
   * session in use costs no write. Signer sessions are never touched (their
   * times stay to the minute of sign-in, ADR 0007).
   */
  async touchStale(rows: SessionRow[], now = Date.now()): Promise<void> {
    const ids = rows
      .filter(
        (r) => r.kind === 'account' && new Date(r.last_seen_at).getTime() < now - TOUCH_AFTER_MS,
      )
      .map((r) => r.id);
    if (ids.length === 0) return;
    await this.ds.query(
      `UPDATE identity.sessions SET last_seen_at = now()
        WHERE id = ANY($1::uuid[]) AND kind = 'account' AND last_seen_at < now() - interval '5 minutes'`,
      [ids],
    );
  }

  async listOf(organizationId: string, userId: string): Promise<SessionRow[]> {
    return this.ds.query(
      `SELECT * FROM identity.sessions WHERE organization_id = $1 AND user_id = $2 AND revoked_at IS NULL AND expires_at > now()
       ORDER BY last_seen_at DESC`,
      [organizationId, userId],
    );
  }

  async revoke(
    organizationId: string,
    id: string,
    owner: { userId?: string; sessionId?: string },
  ): Promise<boolean> {
    const r = returnedRows(
      await this.ds.query(
        `UPDATE identity.sessions
            SET revoked_at = CASE WHEN kind = 'signer' THEN date_trunc('minute', now()) ELSE now() END
       WHERE organization_id = $1 AND id = $2 AND revoked_at IS NULL
         AND (user_id = $3 OR id = $4) RETURNING id`,
        [organizationId, id, owner.userId ?? null, owner.sessionId ?? null],
      ),
    );
    return r.length === 1;
  }

  async revokeAllOf(m: EntityManager, organizationId: string, userId: string): Promise<void> {
    await m.query(
      `UPDATE identity.sessions SET revoked_at = now() WHERE organization_id = $1 AND user_id = $2 AND revoked_at IS NULL`,
      [organizationId, userId],
    );
  }
}
