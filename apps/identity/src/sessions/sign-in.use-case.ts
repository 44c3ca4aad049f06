import { Injectable } from '@nestjs/common';
import { SignInThrottle } from '../abuse-limits/sign-in-throttle';
import { accountMails } from '../accounts/account-mails';
import { AccountMailer } from '../accounts/account-mailer.service';
import { AccountError, accountException } from '../accounts/accounts.exception';
import { AccountsRepository } from '../accounts/accounts.repository';
import { verifyPassword } from '../accounts/password';
import { newToken } from '../accounts/register-account.use-case';
import { IdentityConfig } from '../config/identity.config';
import { SessionsRepository, type SessionRow } from './sessions.repository';

/** Where a sign-in comes from: for the abuse limits and the session list. */
export interface SignInContext {
  userAgent?: string;
  /** The client's address as the gateway saw it (failures are limited per address too). */
  clientAddress?: string;
}

/**
 * Email + password → a session. The same answer for an unknown email and a
 * wrong password, and the same limits: after a few wrong passwords for one
 * email (or many from one address) sign-in there pauses (429 + Retry-After),
 * exponentially longer each time, and an account's owner is told by mail.
 */
@Injectable()
export class SignInUseCase {
  constructor(
    private readonly accounts: AccountsRepository,
    private readonly sessions: SessionsRepository,
    private readonly config: IdentityConfig,
    private readonly throttle: SignInThrottle,
    private readonly mailer: AccountMailer,
  ) {}

  async execute(
    organizationId: string,
    rawEmail: string,
    password: string,
    context: SignInContext,
  ): Promise<{ token: string; session: SessionRow }> {
    const email = rawEmail.trim().toLowerCase();
    // Counted before the password is checked: a locked account's right password is refused too.
    const admission = await this.throttle.admit(organizationId, email, context.clientAddress);
    if (!admission.admitted) throw tooManyAttempts(admission.retryAfterSeconds);
    const { attempt } = admission;
    const user = await this.accounts.findByEmail(organizationId, email);
    const ok = await verifyPassword(user?.password_hash, password);
    if (!user || !ok || user.status === 'deleted') {
      this.throttle.failed(attempt);
      // Not awaited: the answer takes no longer for an account that exists than for one that does not.
      if (attempt.accountLockStarted && user?.status === 'active' && user.email)
        void this.tellOwner(organizationId, user.email, attempt.lockSeconds);
      if (attempt.lockSeconds > 0) throw tooManyAttempts(attempt.lockSeconds);
      throw accountException(AccountError.BadCredentials, 'Email or password is wrong');
    }
    await this.throttle.succeeded(attempt);
    if (user.status === 'blocked') {
      // Blocked by the anti-spam: the person is told so, and that they may contest it.
      const source = await this.accounts.lastBlockSource(organizationId, user.id);
      throw accountException(
        AccountError.AccountBlocked,
        source === 'antispam'
          ? 'This account was blocked automatically as likely spam; contest it at POST /block-contests'
          : 'This account is blocked; contact the organization',
        { blockedBy: source === 'antispam' ? 'antispam' : 'moderator' },
      );
    }
    if (!user.email_confirmed_at) {
      throw accountException(
        AccountError.EmailNotConfirmed,
        'Confirm your email address first: follow the link we sent you',
      );
    }
    return this.open(organizationId, {
      kind: 'account',
      userId: user.id,
      userAgent: context.userAgent,
    });
  }

  /** Once per lock: the owner learns that sign-in to the account is paused, and why. */
  private async tellOwner(organizationId: string, to: string, lockSeconds: number) {
    try {
      const policy = await this.accounts.policy(organizationId);
      await this.mailer.send(
        organizationId,
        accountMails.signInLocked(to, policy?.name ?? 'Palabre', Math.ceil(lockSeconds / 60)),
      );
    } catch {
      // The lock stands without its notice; AccountMailer already logs failed sends.
    }
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
    const seal = this.config.signerSessionSeal;
    let token = newToken();
    const session = await this.sessions.insert({
      tokenHash: this.config.keyed('session', token),
      organizationId,
      ...s,
      ttlHours: s.ttlHours ?? this.config.sessionTtlHours,
    });
    if (s.kind === 'signer' && s.signerKey && seal) {
      // The gateway reads this cookie without asking (ADR 0027); it says what the row says,
      // so the row (its id and expiry) comes first, and then holds the cookie's hash.
      token = seal.seal({
        organizationId,
        sessionId: session.id,
        signerKey: s.signerKey,
        age: s.age ?? 0,
        expiresAt: Math.floor(new Date(session.expires_at).getTime() / 1000),
      });
      session.token_hash = this.config.keyed('session', token);
      await this.sessions.rekey(session.id, session.token_hash);
    }
    return { token, session };
  }
}

function tooManyAttempts(retryAfterSeconds: number) {
  return accountException(
    AccountError.TooManyAttempts,
    `Too many sign-in attempts; try again in ${retryAfterSeconds} s, or choose a new password`,
    { retryAfterSeconds },
  );
}
