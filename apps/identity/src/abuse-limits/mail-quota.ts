import { Injectable } from '@nestjs/common';
import { IdentityConfig } from '../config/identity.config';
import { AbuseLimitsConfig } from './abuse-limits.config';
import { AbuseCountersRepository } from './abuse-counters.repository';

/**
 * Account mails per recipient address: a few per window (ACCOUNT_MAILS_PER_ADDRESS
 * per ACCOUNT_MAIL_WINDOW_SECONDS), whoever asks for them, so that nobody can
 * flood a mailbox through registration or password-reset forms. The forms
 * answer the same either way; only the mail is held back.
 */
@Injectable()
export class MailQuota {
  /** The time, replaceable in tests. */
  clock: () => Date = () => new Date();

  constructor(
    private readonly counters: AbuseCountersRepository,
    private readonly limits: AbuseLimitsConfig,
    private readonly config: IdentityConfig,
  ) {}

  /** A keyed hash of the recipient: what logs may name instead of the address. */
  recipientKey(to: string): string {
    return this.config.keyed('mail-to', to.trim().toLowerCase());
  }

  /** Counts one mail to `to`; false when the address already had its share of this window. */
  async take(organizationId: string, to: string): Promise<boolean> {
    const hits = await this.counters.hitWindow(
      organizationId,
      { scope: 'mail', keyHash: this.recipientKey(to) },
      this.limits.mails.windowSeconds,
      this.clock(),
    );
    return hits <= this.limits.mails.perAddress;
  }
}
