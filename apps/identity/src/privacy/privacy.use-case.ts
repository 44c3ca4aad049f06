import { Injectable } from '@nestjs/common';
import { AccountError, accountException } from '../accounts/accounts.exception';
import { AccountsRepository } from '../accounts/accounts.repository';

/**
 * GDPR rights on an account: a machine-readable copy of what identity holds,
 * and erasure. Erasure removes personal data but keeps the row, so
 * contributions elsewhere stay attributed to "a deleted participant".
 */
@Injectable()
export class PrivacyUseCase {
  constructor(private readonly accounts: AccountsRepository) {}

  async export(organizationId: string, userId: string) {
    const user = await this.accounts.findById(organizationId, userId);
    if (!user || user.status === 'deleted')
      throw accountException(AccountError.UserNotFound, 'No such account');
    return this.accounts.transaction(async (m) => {
      const q = (sql: string) => m.query(sql, [organizationId, userId]);
      return {
        format: 'palabre.identity.export.v1',
        exportedAt: new Date().toISOString(),
        account: {
          id: user.id,
          email: user.email,
          displayName: user.display_name,
          emailConfirmedAt: user.email_confirmed_at,
          status: user.status,
          createdAt: user.created_at,
        },
        franceConnectLinked:
          (
            await q(
              `SELECT 1 FROM identity.franceconnect_links WHERE organization_id = $1 AND user_id = $2`,
            )
          ).length > 0,
        sessions: await q(
          `SELECT id, kind, user_agent, created_at, last_seen_at, expires_at, revoked_at FROM identity.sessions
           WHERE organization_id = $1 AND user_id = $2 ORDER BY created_at`,
        ),
        grants: await q(
          `SELECT role, space_id, created_at FROM identity.grants WHERE organization_id = $1 AND user_id = $2`,
        ),
        moderation: await q(
          `SELECT action, source, reason, created_at FROM identity.blocks WHERE organization_id = $1 AND user_id = $2 ORDER BY created_at`,
        ),
      };
    });
  }

  async erase(organizationId: string, userId: string): Promise<void> {
    await this.accounts.transaction(async (m) => {
      const params = [organizationId, userId];
      // Locked first, as revoking a role does: two last admins deleting at once leave one.
      await m.query(`SELECT id FROM identity.organizations WHERE id = $1 FOR UPDATE`, [
        organizationId,
      ]);
      const [user] = await m.query(
        `SELECT status FROM identity.users WHERE organization_id = $1 AND id = $2 FOR UPDATE`,
        params,
      );
      if (!user || user.status === 'deleted')
        throw accountException(AccountError.UserNotFound, 'No such account');
      const [admins] = await m.query(
        `SELECT count(*) FILTER (WHERE g.user_id = $2)::int AS mine,
                count(*) FILTER (WHERE g.user_id <> $2)::int AS others
           FROM identity.grants g JOIN identity.users u ON u.id = g.user_id AND u.organization_id = g.organization_id
          WHERE g.organization_id = $1 AND g.role = 'org-admin' AND g.space_id IS NULL AND u.status = 'active'`,
        params,
      );
      if (admins.mine > 0 && admins.others === 0)
        throw accountException(
          AccountError.LastAdmin,
          'You are the last administrator of this organization: name another administrator before deleting your account',
        );
      await m.query(
        `UPDATE identity.users SET email = NULL, password_hash = NULL, display_name = NULL, email_confirmed_at = NULL,
           status = 'deleted', updated_at = now() WHERE organization_id = $1 AND id = $2`,
        params,
      );
      await m.query(
        `UPDATE identity.sessions SET revoked_at = now(), user_agent = NULL WHERE organization_id = $1 AND user_id = $2`,
        params,
      );
      await m.query(
        `DELETE FROM identity.franceconnect_links WHERE organization_id = $1 AND user_id = $2`,
        params,
      );
      await m.query(
        `DELETE FROM identity.email_tokens WHERE organization_id = $1 AND user_id = $2`,
        params,
      );
      await m.query(
        `DELETE FROM identity.grants WHERE organization_id = $1 AND user_id = $2`,
        params,
      );
      await m.query(
        `UPDATE identity.blocks SET reason = NULL WHERE organization_id = $1 AND user_id = $2`,
        params,
      );
    });
  }
}
