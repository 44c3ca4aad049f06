import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  Topics,
  type IdentityNewsletterConsentView,
  type NewsletterConsentChangedJson,
} from '@palabre/contracts';
import { publish } from '@palabre/messaging';
import { badInput } from '@palabre/service-kit';
import { AccountMailer } from '../accounts/account-mailer.service';
import { accountMails } from '../accounts/account-mails';
import { AccountError } from '../accounts/accounts.exception';
import { AccountsRepository } from '../accounts/accounts.repository';
import { IdentityConfig } from '../config/identity.config';
import { PublicOrigin } from '../organizations/public-origin';
import { NewsletterConsentRepository, type ConsentRow } from './newsletter-consent.repository';
import { verifyNewsletterUnsubscribeToken } from './unsubscribe-token';

/** How long the mailed confirmation link works. */
const CONFIRM_TTL_MINUTES = 7 * 24 * 60;

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
const view = (row: ConsentRow): IdentityNewsletterConsentView => ({
  state: row.state,
  askedAt: iso(row.asked_at),
  grantedAt: iso(row.granted_at),
  withdrawnAt: iso(row.withdrawn_at),
});

/**
 * An account's consent to its organization's newsletter (issue 20): asked at
 * registration or from "my account", granted only when the mailed link is
 * confirmed (double opt-in), withdrawn in one click, even signed out, with
 * the unforgeable token of every newsletter's footer. Each change goes out
 * as `identity.newsletter-consent.changed.v1` in its transaction, for the
 * newsletter service's audience. A blocked account keeps its state: the
 * sender must skip blocked accounts (it hears of them by
 * `identity.user.blocked.v1`). An erased account's consent is deleted with
 * its personal data (PrivacyUseCase.eraseIn).
 */
@Injectable()
export class NewsletterConsentUseCase {
  constructor(
    private readonly repo: NewsletterConsentRepository,
    private readonly accounts: AccountsRepository,
    private readonly config: IdentityConfig,
    private readonly mailer: AccountMailer,
    private readonly origins: PublicOrigin,
  ) {}

  async current(organizationId: string, userId: string): Promise<IdentityNewsletterConsentView> {
    const row = await this.repo.find(organizationId, userId);
    return view(row ?? { state: 'none', asked_at: null, granted_at: null, withdrawn_at: null });
  }

  /**
   * Marks the consent pending inside the caller's transaction; the raw token
   * to mail once it commits (`mailConfirmation`), or null when it is already
   * granted (nothing to ask again).
   */
  async askIn(m: EntityManager, organizationId: string, userId: string): Promise<string | null> {
    const row = await this.repo.lock(m, organizationId, userId);
    if (!row || row.state === 'granted') return null;
    const token = randomBytes(32).toString('base64url');
    const askedAt = await this.repo.markPending(
      m,
      organizationId,
      userId,
      this.config.keyed('newsletter-token', token),
      CONFIRM_TTL_MINUTES,
    );
    await this.changed(m, organizationId, userId, 'pending', askedAt);
    return token;
  }

  /** Mails the confirmation link (after the commit, with the account mail quota). */
  async mailConfirmation(organizationId: string, email: string, token: string): Promise<void> {
    const policy = await this.accounts.policy(organizationId);
    if (!policy) return;
    const link = `${this.origins.of(policy.primary_host)}/account/newsletter/confirm?token=${token}`;
    await this.mailer.send(
      organizationId,
      accountMails.newsletterConfirm(email, policy.name, link),
    );
  }

  /** "My account": ask for the newsletter; already granted, nothing changes and no mail goes. */
  async ask(organizationId: string, userId: string): Promise<IdentityNewsletterConsentView> {
    const user = await this.accounts.findById(organizationId, userId);
    if (user?.status === 'active' && user.email) {
      const token = await this.repo.transaction((m) => this.askIn(m, organizationId, userId));
      if (token) await this.mailConfirmation(organizationId, user.email, token);
    }
    return this.current(organizationId, userId);
  }

  /** Confirms with the mailed token (once, within 7 days). */
  async confirm(organizationId: string, token: string): Promise<IdentityNewsletterConsentView> {
    const userId = await this.repo.transaction(async (m) => {
      const granted = await this.repo.grantByToken(
        m,
        organizationId,
        this.config.keyed('newsletter-token', token),
      );
      if (!granted)
        throw badInput(
          [
            {
              field: 'token',
              message: 'this confirmation link is invalid, expired or already used',
            },
          ],
          AccountError.InvalidToken,
        );
      await this.changed(m, organizationId, granted.user_id, 'granted', granted.granted_at);
      return granted.user_id;
    });
    return this.current(organizationId, userId);
  }

  /** Withdraws at once; withdrawing what is not given changes nothing (and publishes nothing). */
  async withdraw(organizationId: string, userId: string): Promise<IdentityNewsletterConsentView> {
    await this.repo.transaction(async (m) => {
      const row = await this.repo.lock(m, organizationId, userId);
      if (!row || row.state === 'none' || row.state === 'withdrawn') return;
      const at = await this.repo.markWithdrawn(m, organizationId, userId);
      await this.changed(m, organizationId, userId, 'withdrawn', at);
    });
    return this.current(organizationId, userId);
  }

  /**
   * One-click unsubscribe with a newsletter's token, no sign-in. A token not
   * made for this organization (tampered, or another's) is a 400 and changes
   * nothing; a valid one answers the same every time.
   */
  async unsubscribe(organizationId: string, token: string): Promise<void> {
    const userId = verifyNewsletterUnsubscribeToken(this.config.secret, organizationId, token);
    if (!userId)
      throw badInput(
        [{ field: 'token', message: 'this unsubscribe link is not valid (altered or incomplete)' }],
        AccountError.InvalidToken,
      );
    await this.withdraw(organizationId, userId);
  }

  private async changed(
    m: EntityManager,
    organizationId: string,
    userId: string,
    state: 'pending' | 'granted' | 'withdrawn',
    at: Date,
  ): Promise<void> {
    const payload: NewsletterConsentChangedJson = {
      userId,
      organizationId,
      state,
      changedAt: new Date(at).toISOString(),
    };
    await publish(m, 'identity', {
      topic: Topics.IdentityNewsletterConsentChangedV1,
      key: userId,
      tenantId: organizationId,
      schema: 'palabre.identity.v1.NewsletterConsentChanged',
      payload,
    });
  }
}
