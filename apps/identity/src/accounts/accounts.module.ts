import { Module } from '@nestjs/common';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@palabre/service-kit';
import { AbuseCountersRepository } from '../abuse-limits/abuse-counters.repository';
import { AbuseLimitsConfig } from '../abuse-limits/abuse-limits.config';
import { MailQuota } from '../abuse-limits/mail-quota';
import { SignInThrottle } from '../abuse-limits/sign-in-throttle';
import { AntispamBlocksConsumer } from '../blocking/antispam-blocks.consumer';
import { BlockAccountUseCase } from '../blocking/block-account.use-case';
import { BlockingController } from '../blocking/blocking.controller';
import { BlockContestsController } from '../blocking/block-contests.controller';
import { IdentityConfig } from '../config/identity.config';
import { InactiveAccountsJob } from '../privacy/inactive-accounts.job';
import { PrivacyController } from '../privacy/privacy.controller';
import { PrivacyUseCase } from '../privacy/privacy.use-case';
import { OrganizationsModule } from '../organizations/organizations.module';
import { FranceConnectClient } from '../franceconnect/franceconnect.client';
import { loadFranceConnectSettings } from '../franceconnect/franceconnect.config';
import {
  FRANCECONNECT_CLIENT,
  FranceConnectController,
} from '../franceconnect/franceconnect.controller';
import { FranceConnectLogoutUseCase } from '../franceconnect/franceconnect-logout.use-case';
import { FranceConnectRepository } from '../franceconnect/franceconnect.repository';
import {
  AuthController,
  SessionsController,
  SessionsInternalController,
} from '../sessions/sessions.controller';
import { SessionsRepository } from '../sessions/sessions.repository';
import { SignInUseCase } from '../sessions/sign-in.use-case';
import { RecipientsController } from '../recipients/recipients.controller';
import { AccountSignalsController } from '../recipients/account-signals.controller';
import { NewsletterConsentController } from '../newsletter-consent/newsletter-consent.controller';
import { NewsletterConsentRepository } from '../newsletter-consent/newsletter-consent.repository';
import { NewsletterConsentUseCase } from '../newsletter-consent/newsletter-consent.use-case';
import { AccountContactsController } from './account-contacts.controller';
import { AccountMailer } from './account-mailer.service';
import { AccountsController } from './accounts.controller';
import { AccountsRepository } from './accounts.repository';
import { CaptchaService } from './captcha.service';
import { EmailTokensUseCase } from './email-tokens.use-case';
import { RegisterAccountUseCase } from './register-account.use-case';

/** Accounts, their sessions and blocking: they share the same tables and lifecycle. */
@Module({
  // PublicOrigin: where the organization's mailed links lead.
  imports: [OrganizationsModule],
  controllers: [
    AccountsController,
    AccountContactsController,
    SessionsController,
    AuthController,
    SessionsInternalController,
    BlockingController,
    BlockContestsController,
    FranceConnectController,
    PrivacyController,
    NewsletterConsentController,
    RecipientsController,
    AccountSignalsController,
  ],
  providers: [
    {
      provide: IdentityConfig,
      useFactory: (runtime: ServiceRuntime) => IdentityConfig.load(runtime, runtime.env),
      inject: [SERVICE_RUNTIME],
    },
    {
      provide: AbuseLimitsConfig,
      useFactory: (runtime: ServiceRuntime) => AbuseLimitsConfig.load(runtime.env),
      inject: [SERVICE_RUNTIME],
    },
    AccountsRepository,
    SessionsRepository,
    AbuseCountersRepository,
    SignInThrottle,
    MailQuota,
    AccountMailer,
    CaptchaService,
    RegisterAccountUseCase,
    EmailTokensUseCase,
    SignInUseCase,
    BlockAccountUseCase,
    AntispamBlocksConsumer,
    FranceConnectRepository,
    FranceConnectLogoutUseCase,
    PrivacyUseCase,
    InactiveAccountsJob,
    NewsletterConsentRepository,
    NewsletterConsentUseCase,
    {
      provide: FRANCECONNECT_CLIENT,
      useFactory: (runtime: ServiceRuntime) => {
        const settings = loadFranceConnectSettings(runtime.env);
        return settings ? new FranceConnectClient(settings) : null;
      },
      inject: [SERVICE_RUNTIME],
    },
  ],
  exports: [IdentityConfig, AccountsRepository, SessionsRepository, SignInUseCase],
})
export class AccountsModule {}
