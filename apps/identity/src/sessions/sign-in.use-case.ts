import { Injectable } from '@nestjs/common';
import { AccountError, accountException } from '../accounts/accounts.exception';
import { AccountsRepository } from '../accounts/accounts.repository';
import { verifyPassword } from '../accounts/password';
import { newToken } from '../accounts/register-account.use-case';
import { IdentityConfig } from '../config/identity.config';
import { SessionsRepository, type SessionRow } from './sessions.repository';

/** Email + password → a session. The same answer for an unknown email and a wrong password. */
@Injectable()
export class SignInUseCase {
  constructor(
    private readonly accounts: AccountsRepository,
    private readonly sessions: SessionsRepository,
    private readonly config: IdentityConfig,
  ) {}

  async execute(
    organizationId: string,
    email: string,
    password: string,
    userAgent?: string,
  ): Promise<{ token: string; session: SessionRow }> {
    const user = await this.accounts.findByEmail(organizationId, email.trim().toLowerCase());
    const ok = await verifyPassword(user?.password_hash, password);
    if (!user || !ok || user.status === 'deleted') {
      throw accountException(AccountError.BadCredentials, 'Email or password is wrong');
    }
    if (user.status === 'blocked') {
      throw accountException(
        AccountError.AccountBlocked,
        'This account is blocked; contact the organization',
      );
    }
    if (!user.email_confirmed_at) {
      throw accountException(
        AccountError.EmailNotConfirmed,
        'Confirm your email address first: follow the link we sent you',
      );
    }
    return this.open(organizationId, { kind: 'account', userId: user.id, userAgent });
  }

  /** Opens a session of any kind (local account, FranceConnect author or signer). */
  async open(
    organizationId: string,
    s: {
      kind: 'account' | 'signer';
      userId?: string;
      signerKey?: string;
      userAgent?: string;
      ttlHours?: number;
      /** FranceConnect signers: age in years at sign-in, capped at 18. */
      age?: number;
    },
  ): Promise<{ token: string; session: SessionRow }> {
    const token = newToken();
    const session = await this.sessions.insert({
      tokenHash: this.config.keyed('session', token),
      organizationId,
      ...s,
      ttlHours: s.ttlHours ?? this.config.sessionTtlHours,
    });
    return { token, session };
  }
}
