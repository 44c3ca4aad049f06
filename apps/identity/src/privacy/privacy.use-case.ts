import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Topics, type UserErasedJson } from '@palabre/contracts';
import { IDENTITY_HEADER } from '@palabre/auth';
import { publish } from '@palabre/messaging';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@palabre/service-kit';
import { AccountError, accountException } from '../accounts/accounts.exception';
import { AccountsRepository } from '../accounts/accounts.repository';
import {
  archiveReadme,
  PERSONAL_DATA_SERVICES,
  personalDataPath,
  zipArchive,
} from './personal-data-archive';

export type ErasureReason = 'request' | 'inactivity';

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

/**
 * GDPR rights on an account: a machine-readable archive of what every
 * service holds about the person, and erasure. Erasure removes personal data
 * but keeps the row, and tells every service (`identity.user.erased.v1`) to
 * blank its copies of the name, so contributions stay, attributed to "a
 * deleted participant" (docs/adr/0018).
 */
@Injectable()
export class PrivacyUseCase {
  constructor(
    private readonly accounts: AccountsRepository,
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
  ) {}

  /**
   * The zip archive: identity's part, then each service's, asked with the
   * person's own identity token so that a service answers for that person in
   * that organization only. A service that does not answer fails the export
   * (503): an archive silently missing a part would mislead.
   */
  async export(organizationId: string, userId: string, token: string): Promise<Buffer> {
    const exportedAt = new Date().toISOString();
    const parts: Record<string, unknown> = {
      identity: await this.identityPart(organizationId, userId),
    };
    const absent: string[] = [];
    const answers = await Promise.all(
      PERSONAL_DATA_SERVICES.map(async (service) => {
        if (!this.runtime.internal.has(service)) return { service, data: null };
        const r = await this.runtime.internal
          .call(service, 'GET', personalDataPath(service), {
            headers: { [IDENTITY_HEADER]: token },
            timeoutMs: 15_000,
          })
          .catch(() => null);
        if (r?.status !== 200)
          throw accountException(
            AccountError.ExportUnavailable,
            'Part of your data cannot be gathered right now; try again in a few minutes',
          );
        return { service, data: r.body };
      }),
    );
    for (const { service, data } of answers) {
      if (data === null) absent.push(service);
      else parts[service] = data;
    }
    return zipArchive(archiveReadme(exportedAt, absent), parts);
  }

  private async identityPart(organizationId: string, userId: string) {
    const user = await this.accounts.findById(organizationId, userId);
    if (!user || user.status === 'deleted')
      throw accountException(AccountError.UserNotFound, 'No such account');
    return this.accounts.transaction(async (m) => {
      const q = (sql: string) => m.query(sql, [organizationId, userId]);
      const sessions: Record<string, Date | string | null>[] = await q(
        `SELECT id, kind, user_agent, created_at, last_seen_at, expires_at, revoked_at FROM identity.sessions
          WHERE organization_id = $1 AND user_id = $2 ORDER BY created_at`,
      );
      const grants: { role: string; space_id: string | null; created_at: Date }[] = await q(
        `SELECT role, space_id, created_at FROM identity.grants WHERE organization_id = $1 AND user_id = $2
          ORDER BY created_at`,
      );
      const blocks: { action: string; source: string; reason: string | null; created_at: Date }[] =
        await q(
          `SELECT action, source, reason, created_at FROM identity.blocks WHERE organization_id = $1 AND user_id = $2
            ORDER BY created_at`,
        );
      const [newsletter]: {
        state: string;
        asked_at: Date | null;
        granted_at: Date | null;
        withdrawn_at: Date | null;
      }[] = await q(
        `SELECT state, asked_at, granted_at, withdrawn_at FROM identity.newsletter_consents
          WHERE organization_id = $1 AND user_id = $2`,
      );
      return {
        format: 'palabre.identity.export.v2',
        organizationId,
        account: {
          id: user.id,
          email: user.email,
          displayName: user.display_name,
          // Blocked by the anti-spam: the name shown meanwhile is "Compte bloqué"; this one is yours.
          displayNameBeforeBlock: user.display_name_before_block ?? null,
          emailConfirmedAt: iso(user.email_confirmed_at),
          status: user.status,
          createdAt: iso(user.created_at),
        },
        franceConnectLinked:
          (
            await q(
              `SELECT 1 FROM identity.franceconnect_links WHERE organization_id = $1 AND user_id = $2`,
            )
          ).length > 0,
        sessions: sessions.map((s) => ({
          id: s.id,
          kind: s.kind,
          userAgent: s.user_agent,
          createdAt: iso(s.created_at),
          lastSeenAt: iso(s.last_seen_at),
          expiresAt: iso(s.expires_at),
          revokedAt: iso(s.revoked_at),
        })),
        grants: grants.map((g) => ({
          role: g.role,
          spaceId: g.space_id,
          createdAt: iso(g.created_at),
        })),
        // The consent to the newsletter with its dates, as recorded (none: never asked).
        newsletterConsent: {
          state: newsletter?.state ?? 'none',
          askedAt: iso(newsletter?.asked_at ?? null),
          grantedAt: iso(newsletter?.granted_at ?? null),
          withdrawnAt: iso(newsletter?.withdrawn_at ?? null),
        },
        moderation: blocks.map((b) => ({
          action: b.action,
          source: b.source,
          reason: b.reason,
          createdAt: iso(b.created_at),
        })),
      };
    });
  }

  async erase(organizationId: string, userId: string): Promise<void> {
    await this.accounts.transaction(async (m) => {
      if (!(await this.eraseIn(m, organizationId, userId, 'request')))
        throw accountException(AccountError.UserNotFound, 'No such account');
    });
  }

  /**
   * Erases one account inside the caller's transaction; false when there is no
   * such live account. The event goes out with the change (outbox), so every
   * service blanks the name effectively once, even if it is down right now.
   */
  async eraseIn(
    m: EntityManager,
    organizationId: string,
    userId: string,
    reason: ErasureReason,
  ): Promise<boolean> {
    const params = [organizationId, userId];
    // Locked first, as revoking a role does: two last admins deleting at once leave one.
    await m.query(`SELECT id FROM identity.organizations WHERE id = $1 FOR UPDATE`, [
      organizationId,
    ]);
    const [user] = await m.query(
      `SELECT status FROM identity.users WHERE organization_id = $1 AND id = $2 FOR UPDATE`,
      params,
    );
    if (!user || user.status === 'deleted') return false;
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
      `UPDATE identity.users SET email = NULL, password_hash = NULL, display_name = NULL,
         display_name_before_block = NULL, email_confirmed_at = NULL,
         status = 'deleted', updated_at = now() WHERE organization_id = $1 AND id = $2`,
      params,
    );
    await m.query(
      `UPDATE identity.sessions SET revoked_at = coalesce(revoked_at, now()), user_agent = NULL
        WHERE organization_id = $1 AND user_id = $2`,
      params,
    );
    // The newsletter consent goes too: the sender hears of the erasure by `identity.user.erased.v1`.
    for (const table of ['franceconnect_links', 'email_tokens', 'grants', 'newsletter_consents'])
      await m.query(
        `DELETE FROM identity.${table} WHERE organization_id = $1 AND user_id = $2`,
        params,
      );
    await m.query(
      `UPDATE identity.blocks SET reason = NULL WHERE organization_id = $1 AND user_id = $2`,
      params,
    );
    const payload: UserErasedJson = { userId, organizationId, reason };
    await publish(m, 'identity', {
      topic: Topics.IdentityUserErasedV1,
      key: userId,
      tenantId: organizationId,
      schema: 'palabre.identity.v1.UserErased',
      payload,
    });
    return true;
  }
}
