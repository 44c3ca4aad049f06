import { Injectable } from '@nestjs/common';
import { SignInThrottle } from '../abuse-limits/sign-in-throttle';
import { IdentityConfig } from '../config/identity.config';
import { PublicOrigin } from '../organizations/public-origin';
import { SessionsRepository } from '../sessions/sessions.repository';
import { accountMails } from './account-mails';
import { AccountMailer } from './account-mailer.service';
import { AccountError, accountException } from './accounts.exception';
import { AccountsRepository } from './accounts.repository';
import { hashPassword } from './password';
import { newToken } from './register-account.use-case';

/** Email confirmation and password reset: one-time tokens sent by mail, stored only as keyed hashes. */
@Injectable()
export class EmailTokensUseCase {
  constructor(
    private readonly repo: AccountsRepository,
    private readonly sessions: SessionsRepository,
    private readonly config: IdentityConfig,
    private readonly mailer: AccountMailer,
    private readonly throttle: SignInThrottle,
    private readonly origins: PublicOrigin,
  ) {}

  async confirmEmail(organizationId: string, token: string): Promise<void> {
    await this.repo.transaction(async (m) => {
      const userId = await this.repo.consumeEmailToken(
        m,
        organizationId,
        this.config.keyed('email-token', token),
        'confirm-email',
      );
      if (!userId)
        throw accountException(
          AccountError.InvalidToken,
          'This confirmation link is invalid, expired or already used',
        );
      await this.repo.confirmEmail(m, organizationId, userId);
    });
  }

  /** Always answers the same; mails a link only to an existing, active account. */
  async requestReset(organizationId: string, rawEmail: string): Promise<void> {
    const email = rawEmail.trim().toLowerCase();
    const user = await this.repo.findByEmail(organizationId, email);
    if (!user || user.status !== 'active') return;
    const policy = await this.repo.policy(organizationId);
    if (!policy) return;
    const token = newToken();
    await this.repo.transaction((m) =>
      this.repo.createEmailToken(m, {
        tokenHash: this.config.keyed('email-token', token),
        organizationId,
        userId: user.id,
        purpose: 'reset-password',
        ttlMinutes: 60,
      }),
    );
    await this.mailer.send(
      organizationId,
      accountMails.reset(
        email,
        policy.name,
        `${this.origins.of(policy.primary_host)}/account/password-reset?token=${token}`,
      ),
    );
  }

  /** Sets the new password and signs every session out: whoever had the old one is locked out. */
  async completeReset(organizationId: string, token: string, password: string): Promise<void> {
    const passwordHash = await hashPassword(password);
    const userId = await this.repo.transaction(async (m) => {
      const userId = await this.repo.consumeEmailToken(
        m,
        organizationId,
        this.config.keyed('email-token', token),
        'reset-password',
      );
      if (!userId)
        throw accountException(
          AccountError.InvalidToken,
          'This reset link is invalid, expired or already used',
        );
      await this.repo.setPassword(m, organizationId, userId, passwordHash);
      // Following the link proves the address.
      await this.repo.confirmEmail(m, organizationId, userId);
      await this.sessions.revokeAllOf(m, organizationId, userId);
      return userId;
    });
    // The owner proved the address: a pause of sign-in by someone else's guesses ends here.
    const user = await this.repo.findById(organizationId, userId);
    if (user?.email) await this.throttle.reset(organizationId, user.email);
  }
}
