import { Inject, Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import type { Grant } from '@palabre/auth';
import { returnedRows } from '@palabre/persistence';
import { DATA_SOURCE } from '@palabre/service-kit';

export interface UserRow {
  id: string;
  organization_id: string;
  email: string | null;
  email_confirmed_at: Date | null;
  password_hash: string | null;
  display_name: string | null;
  /** Blocked by the anti-spam: the account's own name, while it shows as "Compte bloqué". */
  display_name_before_block?: string | null;
  status: 'active' | 'blocked' | 'deleted';
  created_at: Date;
}

export interface OrganizationPolicy {
  id: string;
  name: string;
  registration_mode: 'open' | 'invitation' | 'franceconnect';
  identity_providers: string[];
  /** Where its mailed links lead (PublicOrigin): the first host it was given. */
  primary_host: string;
}

/** SQL for accounts, their one-time tokens, grants and CAPTCHA answers. Every query names its organization. */
@Injectable()
export class AccountsRepository {
  constructor(@Inject(DATA_SOURCE) private readonly ds: DataSource) {}

  transaction<T>(fn: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(fn);
  }

  private m(m?: EntityManager) {
    return m ?? this.ds.manager;
  }

  async policy(organizationId: string, m?: EntityManager): Promise<OrganizationPolicy | null> {
    const [row] = await this.m(m).query(
      `SELECT o.id, o.name, o.registration_mode, o.identity_providers,
              (SELECT h.host FROM identity.organization_hosts h WHERE h.organization_id = o.id
                ORDER BY h.is_primary DESC, h.host LIMIT 1) AS primary_host
         FROM identity.organizations o WHERE o.id = $1`,
      [organizationId],
    );
    return row ?? null;
  }

  /** Display names of this organization's accounts among `ids` (unknown ids are left out). */
  async namesOf(
    organizationId: string,
    ids: string[],
  ): Promise<{ id: string; display_name: string }[]> {
    return this.m().query(
      `SELECT id, display_name FROM identity.users WHERE organization_id = $1 AND id = ANY($2::uuid[]) ORDER BY id`,
      [organizationId, ids],
    );
  }

  /**
   * The accounts of this organization among `ids` that can be written to:
   * active (neither blocked nor deleted) with a confirmed address; the
   * organization's default language, identity keeping none per account.
   */
  async contactsOf(
    organizationId: string,
    ids: string[],
  ): Promise<{ id: string; email: string; display_name: string | null; locale: string }[]> {
    return this.m().query(
      `SELECT u.id, u.email, u.display_name, o.default_locale AS locale
         FROM identity.users u JOIN identity.organizations o ON o.id = u.organization_id
        WHERE u.organization_id = $1 AND u.id = ANY($2::uuid[])
          AND u.status = 'active' AND u.email IS NOT NULL AND u.email_confirmed_at IS NOT NULL`,
      [organizationId, ids],
    );
  }

  /**
   * The accounts of `ids` that may be written to now (active, confirmed
   * address), and for a newsletter only those whose consent is granted.
   */
  async recipientsOf(
    organizationId: string,
    ids: string[],
    newsletter: boolean,
  ): Promise<{ id: string; email: string; display_name: string | null; locale: string }[]> {
    return this.m().query(
      `SELECT u.id, u.email, u.display_name, o.default_locale AS locale
         FROM identity.users u JOIN identity.organizations o ON o.id = u.organization_id
        WHERE u.organization_id = $1 AND u.id = ANY($2::uuid[])
          AND u.status = 'active' AND u.email IS NOT NULL AND u.email_confirmed_at IS NOT NULL
          AND (NOT $3 OR EXISTS (SELECT 1 FROM identity.newsletter_consents c
                                  WHERE c.organization_id = u.organization_id
                                    AND c.user_id = u.id AND c.state = 'granted'))`,
      [organizationId, ids, newsletter],
    );
  }

  /** What the antispam service scores (account-signals): the address itself stays here. */
  async signalsOf(
    organizationId: string,
    ids: string[],
  ): Promise<
    {
      id: string;
      display_name: string | null;
      email: string | null;
      status: 'active' | 'blocked' | 'deleted';
      created_at: Date;
      staff: boolean;
    }[]
  > {
    return this.m().query(
      `SELECT u.id, u.display_name, u.email, u.status, u.created_at,
              EXISTS (SELECT 1 FROM identity.grants g
                       WHERE g.organization_id = u.organization_id AND g.user_id = u.id) AS staff
         FROM identity.users u WHERE u.organization_id = $1 AND u.id = ANY($2::uuid[])`,
      [organizationId, ids],
    );
  }

  /** The organization's active administrators (not those of one space only). */
  async administratorsOf(organizationId: string): Promise<string[]> {
    const rows: { user_id: string }[] = await this.m().query(
      `SELECT DISTINCT g.user_id FROM identity.grants g
         JOIN identity.users u ON u.organization_id = g.organization_id AND u.id = g.user_id
        WHERE g.organization_id = $1 AND g.role = 'org-admin' AND g.space_id IS NULL
          AND u.status = 'active' ORDER BY g.user_id`,
      [organizationId],
    );
    return rows.map((r) => r.user_id);
  }

  async findByEmail(
    organizationId: string,
    email: string,
    m?: EntityManager,
  ): Promise<UserRow | null> {
    const [row] = await this.m(m).query(
      `SELECT * FROM identity.users WHERE organization_id = $1 AND email = $2`,
      [organizationId, email],
    );
    return row ?? null;
  }

  async findById(organizationId: string, id: string, m?: EntityManager): Promise<UserRow | null> {
    const [row] = await this.m(m).query(
      `SELECT * FROM identity.users WHERE organization_id = $1 AND id = $2`,
      [organizationId, id],
    );
    return row ?? null;
  }

  /** Inserts unless the email is taken (a concurrent registration included); null when taken. */
  async insertLocalUser(
    m: EntityManager,
    u: { organizationId: string; email: string; passwordHash: string; displayName: string },
  ): Promise<UserRow | null> {
    const [row] = await m.query(
      `INSERT INTO identity.users (organization_id, email, password_hash, display_name)
       VALUES ($1, $2, $3, $4) ON CONFLICT (organization_id, email) WHERE email IS NOT NULL DO NOTHING RETURNING *`,
      [u.organizationId, u.email, u.passwordHash, u.displayName],
    );
    return row ?? null;
  }

  async createEmailToken(
    m: EntityManager,
    t: {
      tokenHash: string;
      organizationId: string;
      userId: string;
      purpose: 'confirm-email' | 'reset-password';
      ttlMinutes: number;
    },
  ): Promise<void> {
    await m.query(
      `INSERT INTO identity.email_tokens (token_hash, organization_id, user_id, purpose, expires_at)
       VALUES ($1, $2, $3, $4, now() + make_interval(mins => $5))`,
      [t.tokenHash, t.organizationId, t.userId, t.purpose, t.ttlMinutes],
    );
  }

  /** Marks a valid token used and returns its user; null when unknown, expired or already used. */
  async consumeEmailToken(
    m: EntityManager,
    organizationId: string,
    tokenHash: string,
    purpose: string,
  ): Promise<string | null> {
    const [row] = returnedRows<{ user_id: string }>(
      await m.query(
        `UPDATE identity.email_tokens SET used_at = now()
       WHERE token_hash = $1 AND organization_id = $2 AND purpose = $3 AND used_at IS NULL AND expires_at > now()
       RETURNING user_id`,
        [tokenHash, organizationId, purpose],
      ),
    );
    return row?.user_id ?? null;
  }

  async confirmEmail(m: EntityManager, organizationId: string, userId: string): Promise<void> {
    await m.query(
      `UPDATE identity.users SET email_confirmed_at = coalesce(email_confirmed_at, now()), updated_at = now()
       WHERE organization_id = $1 AND id = $2`,
      [organizationId, userId],
    );
  }

  async setPassword(
    m: EntityManager,
    organizationId: string,
    userId: string,
    passwordHash: string,
  ): Promise<void> {
    await m.query(
      `UPDATE identity.users SET password_hash = $3, updated_at = now() WHERE organization_id = $1 AND id = $2`,
      [organizationId, userId, passwordHash],
    );
  }

  async setStatus(
    m: EntityManager,
    organizationId: string,
    userId: string,
    status: 'active' | 'blocked',
  ): Promise<boolean> {
    const r = returnedRows(
      await m.query(
        `UPDATE identity.users SET status = $3, updated_at = now()
       WHERE organization_id = $1 AND id = $2 AND status <> $3 AND status <> 'deleted' RETURNING id`,
        [organizationId, userId, status],
      ),
    );
    return r.length === 1;
  }

  /**
   * An account blocked by the anti-spam shows as "Compte bloqué" (or "Blocked
   * account", in the organization's language) wherever its name is asked; its
   * own name is kept to be given back (restoreName).
   */
  async renameBlocked(m: EntityManager, organizationId: string, userId: string): Promise<void> {
    await m.query(
      `UPDATE identity.users u
          SET display_name_before_block = u.display_name,
              display_name = CASE WHEN o.default_locale LIKE 'en%' THEN 'Blocked account' ELSE 'Compte bloqué' END
         FROM identity.organizations o
        WHERE o.id = u.organization_id AND u.organization_id = $1 AND u.id = $2
          AND u.display_name_before_block IS NULL AND u.display_name IS NOT NULL`,
      [organizationId, userId],
    );
  }

  /** The account's own name back, once unblocked. */
  async restoreName(m: EntityManager, organizationId: string, userId: string): Promise<void> {
    await m.query(
      `UPDATE identity.users SET display_name = display_name_before_block, display_name_before_block = NULL
        WHERE organization_id = $1 AND id = $2 AND display_name_before_block IS NOT NULL`,
      [organizationId, userId],
    );
  }

  /** Who blocked the account last ("moderator" or "antispam"), null if never. */
  async lastBlockSource(organizationId: string, userId: string): Promise<string | null> {
    const [row] = await this.m().query(
      `SELECT source FROM identity.blocks WHERE organization_id = $1 AND user_id = $2 AND action = 'block'
        ORDER BY created_at DESC LIMIT 1`,
      [organizationId, userId],
    );
    return row?.source ?? null;
  }

  async recordBlock(
    m: EntityManager,
    b: {
      organizationId: string;
      userId: string;
      action: 'block' | 'unblock';
      source: string;
      actorId?: string;
      reason?: string;
    },
  ): Promise<void> {
    await m.query(
      `INSERT INTO identity.blocks (organization_id, user_id, action, source, actor_id, reason) VALUES ($1, $2, $3, $4, $5, $6)`,
      [b.organizationId, b.userId, b.action, b.source, b.actorId ?? null, b.reason ?? null],
    );
  }

  /** Grants of several accounts, keyed by `<organization id> <user id>`. */
  async grantsOfMany(
    pairs: { organizationId: string; userId: string }[],
  ): Promise<Map<string, Grant[]>> {
    const out = new Map<string, Grant[]>();
    if (pairs.length === 0) return out;
    const rows: {
      organization_id: string;
      user_id: string;
      role: Grant['role'];
      space_id: string | null;
    }[] = await this.m().query(
      `SELECT g.organization_id, g.user_id, g.role, g.space_id FROM identity.grants g
         JOIN unnest($1::uuid[], $2::uuid[]) AS p(organization_id, user_id)
           ON g.organization_id = p.organization_id AND g.user_id = p.user_id
        ORDER BY g.role`,
      [pairs.map((p) => p.organizationId), pairs.map((p) => p.userId)],
    );
    for (const r of rows) {
      const key = `${r.organization_id} ${r.user_id}`;
      const list = out.get(key) ?? [];
      list.push(r.space_id ? { role: r.role, spaceId: r.space_id } : { role: r.role });
      out.set(key, list);
    }
    return out;
  }

  async grantsOf(organizationId: string, userId: string, m?: EntityManager): Promise<Grant[]> {
    const rows = await this.m(m).query(
      `SELECT role, space_id FROM identity.grants WHERE organization_id = $1 AND user_id = $2 ORDER BY role`,
      [organizationId, userId],
    );
    return rows.map((r: { role: Grant['role']; space_id: string | null }) =>
      r.space_id ? { role: r.role, spaceId: r.space_id } : { role: r.role },
    );
  }

  async addGrant(
    m: EntityManager,
    organizationId: string,
    userId: string,
    grant: Grant,
  ): Promise<void> {
    await m.query(
      `INSERT INTO identity.grants (organization_id, user_id, role, space_id) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
      [organizationId, userId, grant.role, grant.spaceId ?? null],
    );
  }

  async createCaptcha(organizationId: string, answerHash: string): Promise<string> {
    const [row] = await this.ds.query(
      `INSERT INTO identity.captcha_challenges (organization_id, answer_hash, expires_at)
       VALUES ($1, $2, now() + interval '20 minutes') RETURNING id`,
      [organizationId, answerHash],
    );
    return row.id;
  }

  /**
   * One attempt per challenge: it is spent whether the answer is right or not.
   * With its age in seconds (it was given 20 minutes before it expires).
   */
  async spendCaptcha(
    organizationId: string,
    id: string,
  ): Promise<{ answerHash: string; ageSeconds: number } | null> {
    const [row] = returnedRows<{ answer_hash: string; age: number }>(
      await this.ds.query(
        `UPDATE identity.captcha_challenges SET used_at = now()
       WHERE id = $1 AND organization_id = $2 AND used_at IS NULL AND expires_at > now()
       RETURNING answer_hash,
                 extract(epoch FROM now() - (expires_at - interval '20 minutes'))::float8 AS age`,
        [id, organizationId],
      ),
    );
    return row ? { answerHash: row.answer_hash, ageSeconds: Number(row.age) } : null;
  }
}
