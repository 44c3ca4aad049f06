import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { returnedRows } from '@palabre/persistence';
import { DATA_SOURCE } from '@palabre/service-kit';

export interface FlowRow {
  state: string;
  organization_id: string;
  nonce: string;
  code_verifier: string;
  mode: 'signer' | 'author';
  return_to: string;
  redirect_uri: string;
}

/** Logins in progress and the keyed links of identified authors. Never a `sub` in clear. */
@Injectable()
export class FranceConnectRepository {
  constructor(@Inject(DATA_SOURCE) private readonly ds: DataSource) {}

  async startFlow(f: FlowRow): Promise<void> {
    await this.ds.query(`DELETE FROM identity.oidc_flows WHERE expires_at < now()`);
    await this.ds.query(
      `INSERT INTO identity.oidc_flows (state, organization_id, nonce, code_verifier, mode, return_to, redirect_uri, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now() + interval '10 minutes')`,
      [f.state, f.organization_id, f.nonce, f.code_verifier, f.mode, f.return_to, f.redirect_uri],
    );
  }

  /** Takes the flow out: a second callback with the same state finds nothing. */
  async consumeFlow(organizationId: string, state: string): Promise<FlowRow | null> {
    const [row] = returnedRows<FlowRow>(
      await this.ds.query(
        `DELETE FROM identity.oidc_flows WHERE state = $1 AND organization_id = $2 AND expires_at > now() RETURNING *`,
        [state, organizationId],
      ),
    );
    return row ?? null;
  }

  /** A logout sent to FranceConnect: its `state` comes back once to the post-logout URL. */
  async startLogout(l: { state: string; organizationId: string; returnTo: string }): Promise<void> {
    await this.ds.query(`DELETE FROM identity.oidc_logouts WHERE expires_at < now()`);
    await this.ds.query(
      `INSERT INTO identity.oidc_logouts (state, organization_id, return_to, expires_at)
       VALUES ($1, $2, $3, now() + interval '10 minutes')`,
      [l.state, l.organizationId, l.returnTo],
    );
  }

  async consumeLogout(
    organizationId: string,
    state: string,
  ): Promise<{ return_to: string } | null> {
    const [row] = returnedRows<{ return_to: string }>(
      await this.ds.query(
        `DELETE FROM identity.oidc_logouts WHERE state = $1 AND organization_id = $2 AND expires_at > now()
         RETURNING return_to`,
        [state, organizationId],
      ),
    );
    return row ?? null;
  }

  /** The author behind a keyed `sub`, created (or linked to the account with that email) on first sign-in. */
  async authorFor(
    organizationId: string,
    subKey: string,
    claims: { email: string; displayName: string },
  ): Promise<{ id: string; status: string }> {
    return this.ds.transaction(async (m) => {
      const [linked] = await m.query(
        `SELECT u.id, u.status FROM identity.franceconnect_links l JOIN identity.users u ON u.id = l.user_id
         WHERE l.organization_id = $1 AND l.sub_key = $2`,
        [organizationId, subKey],
      );
      if (linked) return linked;
      const [user] = await m.query(
        `INSERT INTO identity.users (organization_id, email, display_name, email_confirmed_at)
         VALUES ($1, $2, $3, now())
         ON CONFLICT (organization_id, email) WHERE email IS NOT NULL
         DO UPDATE SET email_confirmed_at = coalesce(identity.users.email_confirmed_at, now())
         RETURNING id, status`,
        [organizationId, claims.email, claims.displayName],
      );
      await m.query(
        `INSERT INTO identity.franceconnect_links (organization_id, sub_key, user_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
        [organizationId, subKey, user.id],
      );
      return user;
    });
  }
}
