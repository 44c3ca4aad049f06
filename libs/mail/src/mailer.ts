import nodemailer, { type Transporter } from 'nodemailer';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

/** Transactional mail over SMTP (`SMTP_URL`, e.g. smtp://user:pass@host:587). */
export type SmtpSettings =
  string | { host: string; port: number; secure: boolean; auth?: { user: string; pass: string } };

export class Mailer {
  private readonly transport: Transporter;

  /** `smtp` and `from` stay readable: a bulk sender (newsletters) opens its own pooled transport to the same server. */
  constructor(
    readonly smtp: SmtpSettings,
    readonly from: string,
  ) {
    this.transport = nodemailer.createTransport(smtp);
  }

  async send(mail: OutgoingMail): Promise<void> {
    await this.transport.sendMail({
      from: this.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
    });
  }

  close(): void {
    this.transport.close();
  }
}

/**
 * The SMTP settings services read: SMTP_URL (smtp[s]://user:pass@host:port), or
 * SMTP_HOST / SMTP_PORT / SMTP_SECURE / SMTP_USER / SMTP_PASSWORD as the Helm
 * chart sets them (no password inside a URL). SMTP_FROM is the sender.
 * Undefined when none is set.
 */
export function mailerFromEnv(env: NodeJS.ProcessEnv): Mailer | undefined {
  const from = env.SMTP_FROM || 'Palabre <ne-pas-repondre@palabre.local>';
  if (env.SMTP_URL) return new Mailer(env.SMTP_URL, from);
  if (!env.SMTP_HOST) return undefined;
  const port = Number(env.SMTP_PORT ?? 587);
  return new Mailer(
    {
      host: env.SMTP_HOST,
      port,
      secure: env.SMTP_SECURE === 'true',
      auth: env.SMTP_USER ? { user: env.SMTP_USER, pass: env.SMTP_PASSWORD ?? '' } : undefined,
    },
    from,
  );
}
