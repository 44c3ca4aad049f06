import { Inject, Injectable } from '@nestjs/common';
import type { OutgoingMail } from '@palabre/mail';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@palabre/service-kit';

/** Sends account mail after the state change committed; a failure is logged, never rolls back. */
@Injectable()
export class AccountMailer {
  constructor(@Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime) {}

  async send(mail: OutgoingMail): Promise<void> {
    if (!this.runtime.mailer) {
      this.runtime.logger.emit('warn', 'No mailer configured (SMTP_URL); account mail not sent');
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
