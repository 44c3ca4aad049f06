import { Inject, Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { returnedRows } from '@palabre/persistence';
import { DATA_SOURCE } from '@palabre/service-kit';

export type ConsentState = 'none' | 'pending' | 'granted' | 'withdrawn';

export interface ConsentRow {
  state: ConsentState;
  asked_at: Date | null;
  granted_at: Date | null;
  withdrawn_at: Date | null;
}

/** SQL for newsletter consents. Every query names its organization. */
@Injectable()
export class NewsletterConsentRepository {
  constructor(@Inject(DATA_SOURCE) private readonly ds: DataSource) {}

  transaction<T>(fn: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(fn);
  }

  async find(
    organizationId: string,
    userId: string,
    m?: EntityManager,
  ): Promise<ConsentRow | null> {
    const [row] = await (m ?? this.ds.manager).query(
      `SELECT state, asked_at, granted_at, withdrawn_at FROM identity.newsletter_consents
        WHERE organization_id = $1 AND user_id = $2`,
      [organizationId, userId],
    );
    return row ?? null;
  }

  /** Locks the consent of a live account (its row, or the account's when none yet); null: no live account. */
  async lock(m: EntityManager, organizationId: string, userId: string): Promise<ConsentRow | null> {
    // The account's row serializes the first request, which has no consent row to lock yet.
    const [user] = await m.query(
      `SELECT status FROM identity.users WHERE organization_id = $1 AND id = $2 FOR UPDATE`,
      [organizationId, userId],
    );
    if (!user || user.status === 'deleted') return null;
    const [row] = await m.query(
      `SELECT state, asked_at, granted_at, withdrawn_at FROM identity.newsletter_consents
        WHERE organization_id = $1 AND user_id = $2 FOR UPDATE`,
      [organizationId, userId],
    );
    return row ?? { state: 'none', asked_at: null, granted_at: null, withdrawn_at: null };
  }

  async markPending(
    m: EntityManager,
    organizationId: string,
    userId: string,
    tokenHash: string,
    ttlMinutes: number,
  ): Promise<Date> {
    const [row] = await m.query(
      `INSERT INTO identity.newsletter_consents
              (organization_id, user_id, state, asked_at, token_hash, token_expires_at)
       VALUES ($1, $2, 'pending', now(), $3, now() + make_interval(mins => $4))
       ON CONFLICT (organization_id, user_id) DO UPDATE
          SET state = 'pending', asked_at = now(), token_hash = $3,
              token_expires_at = now() + make_interval(mins => $4), updated_at = now()
       RETURNING asked_at`,
      [organizationId, userId, tokenHash, ttlMinutes],
    );
    return row.asked_at;
  }

  /** Grants the consent whose pending token this is (once: the token is spent); the account, or null. */
  async grantByToken(
    m: EntityManager,
    organizationId: string,
    tokenHash: string,
  ): Promise<{ user_id: string; granted_at: Date } | null> {
    const [row] = returnedRows<{ user_id: string; granted_at: Date }>(
      await m.query(
        `UPDATE identity.newsletter_consents c
          SET state = 'granted', granted_at = now(), withdrawn_at = NULL,
              token_hash = NULL, token_expires_at = NULL, updated_at = now()
         FROM identity.users u
        WHERE c.organization_id = $1 AND c.token_hash = $2 AND c.state = 'pending'
          AND c.token_expires_at > now()
          AND u.organization_id = c.organization_id AND u.id = c.user_id AND u.status <> 'deleted'
        RETURNING c.user_id, c.granted_at`,
        [organizationId, tokenHash],
      ),
    );
    return row ?? null;
  }

  async markWithdrawn(m: EntityManager, organizationId: string, userId: string): Promise<Date> {
    const [row] = await m.query(
      `INSERT INTO identity.newsletter_consents (organization_id, user_id, state, withdrawn_at)
       VALUES ($1, $2, 'withdrawn', now())
       ON CONFLICT (organization_id, user_id) DO UPDATE
          SET state = 'withdrawn', withdrawn_at = now(), token_hash = NULL,
              token_expires_at = NULL, updated_at = now()
       RETURNING withdrawn_at`,
      [organizationId, userId],
    );
    return row.withdrawn_at;
  }
}
