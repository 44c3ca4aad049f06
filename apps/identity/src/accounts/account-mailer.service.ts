import { Inject, Injectable } from '@nestjs/common';
import type { OutgoingMail } from '@palabre/mail';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@palabre/service-kit';
import { MailQuota } from '../abuse-limits/mail-quota';

/**
 * Sends account mail after the state change committed; a failure is logged,
 * never rolls back. An address gets a few account mails per hour at most
 * (MailQuota); the rest are dropped, and the caller's answer does not change.
 */
@Injectable()
export class AccountMailer {
  constructor(
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
    private readonly quota: MailQuota,
  ) {}

  async send(organizationId: string, mail: OutgoingMail): Promise<void> {
    if (!this.runtime.mailer) {
      this.runtime.logger.emit('warn', 'No mailer configured (SMTP_URL); account mail not sent');
      return;
    }
    if (!(await this.quota.take(organizationId, mail.to))) {
      // Never the address in logs: its keyed hash tells repeated floods apart.
      this.runtime.logger.emit('warn', 'Account mail not sent: this address had its share', {
        organizationId,
        recipient: this.quota.recipientKey(mail.to).slice(0, 16),
      });
      return;
    }
    try {
      await this.runtime.mailer.send(mail);
    } catch (error) {
      // The account change stands; the resident can ask for the mail again.
      this.runtime.logger.emit('error', 'Account mail could not be sent', { error: String(error) });
    }
  }
}
