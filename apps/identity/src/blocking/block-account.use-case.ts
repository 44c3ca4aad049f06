import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Topics, type UserBlockedJson, type UserUnblockedJson } from '@palabre/contracts';
import { publish } from '@palabre/messaging';
import { AccountError, accountException } from '../accounts/accounts.exception';
import { AccountsRepository } from '../accounts/accounts.repository';
import { SessionsRepository } from '../sessions/sessions.repository';

export interface BlockCommand {
  organizationId: string;
  userId: string;
  source: 'moderator' | 'antispam';
  actorId?: string;
  /** Only a platform operator may block an administrator. */
  actorIsOperator?: boolean;
  reason?: string;
}

/**
 * Blocking revokes every session in the same transaction; the gateway
 * re-checks sessions every few seconds, so a blocked person is out within
 * seconds. Unblocking restores sign-in (not the old sessions).
 */
@Injectable()
export class BlockAccountUseCase {
  constructor(
    private readonly accounts: AccountsRepository,
    private readonly sessions: SessionsRepository,
  ) {}

  block(cmd: BlockCommand): Promise<void> {
    return this.accounts.transaction((m) => this.blockIn(m, cmd, { idempotent: false }));
  }

  /** Inside an event handler's transaction; a repeated decision is not an error there. */
  async blockIn(m: EntityManager, cmd: BlockCommand, opts = { idempotent: true }): Promise<void> {
    const user = await this.accounts.findById(cmd.organizationId, cmd.userId, m);
    if (!user || user.status === 'deleted') {
      if (opts.idempotent) return;
      throw accountException(AccountError.UserNotFound, 'No such account in this organization');
    }
    const grants = await this.accounts.grantsOf(cmd.organizationId, cmd.userId, m);
    if (
      !cmd.actorIsOperator &&
      grants.some((g) => g.role === 'org-admin' || g.role === 'platform-operator')
    ) {
      // Neither a moderator nor the antispam service can lock the administrators out.
      if (opts.idempotent) return;
      throw accountException(
        AccountError.Protected,
        'An administrator can only be blocked by a platform operator',
      );
    }
    const changed = await this.accounts.setStatus(m, cmd.organizationId, cmd.userId, 'blocked');
    if (!changed) {
      if (opts.idempotent) return;
      throw accountException(AccountError.AlreadyInState, 'This account is already blocked');
    }
    await this.sessions.revokeAllOf(m, cmd.organizationId, cmd.userId);
    // Spam's names are often adverts themselves: renamed while blocked (ADR 0041).
    if (cmd.source === 'antispam')
      await this.accounts.renameBlocked(m, cmd.organizationId, cmd.userId);
    await this.accounts.recordBlock(m, { ...cmd, action: 'block' });
    const payload: UserBlockedJson = {
      userId: cmd.userId,
      organizationId: cmd.organizationId,
      source: cmd.source,
    };
    await publish(m, 'identity', {
      topic: Topics.IdentityUserBlockedV1,
      key: cmd.userId,
      tenantId: cmd.organizationId,
      schema: 'palabre.identity.v1.UserBlocked',
      payload,
    });
  }

  unblock(cmd: Omit<BlockCommand, 'source'>): Promise<void> {
    return this.accounts.transaction(async (m) => {
      const user = await this.accounts.findById(cmd.organizationId, cmd.userId, m);
      if (!user || user.status === 'deleted')
        throw accountException(AccountError.UserNotFound, 'No such account in this organization');
      if (!(await this.accounts.setStatus(m, cmd.organizationId, cmd.userId, 'active'))) {
        throw accountException(AccountError.AlreadyInState, 'This account is not blocked');
      }
      await this.accounts.restoreName(m, cmd.organizationId, cmd.userId);
      await this.accounts.recordBlock(m, { ...cmd, source: 'moderator', action: 'unblock' });
      const payload: UserUnblockedJson = { userId: cmd.userId, organizationId: cmd.organizationId };
      await publish(m, 'identity', {
        topic: Topics.IdentityUserUnblockedV1,
        key: cmd.userId,
        tenantId: cmd.organizationId,
        schema: 'palabre.identity.v1.UserUnblocked',
        payload,
      });
    });
  }
}
