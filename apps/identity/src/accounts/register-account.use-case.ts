import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Topics, type UserRegisteredJson } from '@palabre/contracts';
import { publish } from '@palabre/messaging';
import { IdentityConfig } from '../config/identity.config';
import { NewsletterConsentUseCase } from '../newsletter-consent/newsletter-consent.use-case';
import { PublicOrigin } from '../organizations/public-origin';
import { accountMails } from './account-mails';
import { AccountMailer } from './account-mailer.service';
import { AccountError, accountException } from './accounts.exception';
import { AccountsRepository } from './accounts.repository';
import { CaptchaService } from './captcha.service';
import type { RegisterDto } from './dtos/register.dto';
import { hashPassword } from './password';

export const newToken = () => randomBytes(32).toString('base64url');

/**
 * A resident opens a local account. The answer is the same whether the email
 * is new or taken (no account enumeration); the mail tells the truth.
 */
@Injectable()
export class RegisterAccountUseCase {
  constructor(
    private readonly repo: AccountsRepository,
    private readonly captcha: CaptchaService,
    private readonly config: IdentityConfig,
    private readonly mailer: AccountMailer,
    private readonly origins: PublicOrigin,
    private readonly newsletter: NewsletterConsentUseCase,
  ) {}

  async execute(organizationId: string, input: RegisterDto): Promise<void> {
    const policy = await this.repo.policy(organizationId);
    if (
      !policy ||
      policy.registration_mode !== 'open' ||
      !policy.identity_providers.includes('local')
    ) {
      throw accountException(
        AccountError.RegistrationClosed,
        policy?.registration_mode === 'franceconnect'
          ? 'This organization only accepts sign-in with FranceConnect'
          : 'This organization opens accounts by invitation only',
      );
    }
    // A script filled the field people never see: answered as usual (it learns nothing), nothing
    // created, no mail sent, the question left unspent.
    if (input.website?.trim()) return;
    await this.captcha.verify(organizationId, input.captchaId, input.captchaAnswer, input.proof);
    const email = input.email.trim().toLowerCase();
    const passwordHash = await hashPassword(input.password);
    const token = newToken();
    const created = await this.repo.transaction(async (m) => {
      const user = await this.repo.insertLocalUser(m, {
        organizationId,
        email,
        passwordHash,
        displayName: input.displayName.trim(),
      });
      if (!user) return null;
      await this.repo.createEmailToken(m, {
        tokenHash: this.config.keyed('email-token', token),
        organizationId,
        userId: user.id,
        purpose: 'confirm-email',
        ttlMinutes: 48 * 60,
      });
      const payload: UserRegisteredJson = { userId: user.id, organizationId, method: 'local' };
      await publish(m, 'identity', {
        topic: Topics.IdentityUserRegisteredV1,
        key: user.id,
        tenantId: organizationId,
        schema: 'palabre.identity.v1.UserRegistered',
        payload,
      });
      // Asked here, granted only by the mailed link (double opt-in).
      const newsletterToken = input.newsletter
        ? await this.newsletter.askIn(m, organizationId, user.id)
        : null;
      return { newsletterToken };
    });
    const origin = this.origins.of(policy.primary_host);
    const mail = created
      ? accountMails.confirm(email, policy.name, `${origin}/account/confirm?token=${token}`)
      : accountMails.alreadyRegistered(
          email,
          policy.name,
          `${origin}/sign-in`,
          `${origin}/account/password-reset`,
        );
    await this.mailer.send(organizationId, mail);
    if (created?.newsletterToken)
      await this.newsletter.mailConfirmation(organizationId, email, created.newsletterToken);
  }
}
