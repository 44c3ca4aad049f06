import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@palabre/service-kit';
import { NewsletterConfig } from '../config/newsletter.config';
import { SettingsRepository, type SettingsRow } from '../settings/settings.repository';

/** How one organization's newsletters leave: its pooled, paced SMTP transport and its sender. */
export interface Sender {
  transport: Transporter;
  from: { name: string; address: string };
  replyTo: string | null;
  /** The domain of Message-IDs: the sender's. */
  domain: string;
}

/** No SMTP server: neither the organization's own nor the deployment's (SMTP_URL / SMTP_HOST). */
export class NoSmtpServerError extends Error {
  constructor() {
    super('No SMTP server is configured for newsletters (SMTP_URL, or the organization’s own)');
  }
}

/**
 * The pool's rate window for a number of messages per second: a tenth of a
 * second (or one message's share of a second, when slower) rather than a
 * whole one, since the pool sends a window's quota as fast as it can: with
 * one-second windows a receiving server saw 635 mails in one second at a pace
 * of 500 (bench:newsletter); in tenths, the bursts are ten times smaller.
 */
export function pace(messagesPerSecond: number): { rateLimit: number; rateDelta: number } {
  const rateLimit = Math.max(1, Math.floor(messagesPerSecond / 10));
  return { rateLimit, rateDelta: Math.round((1000 * rateLimit) / messagesPerSecond) };
}

/**
 * One pooled nodemailer transport per organization, paced by its
 * messages-per-second setting (nodemailer's pool rate limit): to the
 * organization's own SMTP server when it has one, else the deployment's.
 * Rebuilt when the settings change.
 */
@Injectable()
export class Senders implements OnModuleDestroy {
  private readonly pools = new Map<string, { stamp: number; sender: Promise<Sender> }>();

  constructor(
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
    private readonly settings: SettingsRepository,
    private readonly config: NewsletterConfig,
  ) {}

  async of(organizationId: string, organizationName: string): Promise<Sender> {
    const settings = await this.settings.of(organizationId);
    const stamp = new Date(settings.updated_at).getTime();
    const known = this.pools.get(organizationId);
    if (known && known.stamp === stamp) return known.sender;
    if (known) void known.sender.then((s) => s.transport.close()).catch(() => undefined);
    const sender = Promise.resolve().then(() => this.build(settings, organizationName));
    this.pools.set(organizationId, { stamp, sender });
    sender.catch(() => this.pools.delete(organizationId));
    return sender;
  }

  forget(organizationId: string): void {
    const known = this.pools.get(organizationId);
    this.pools.delete(organizationId);
    if (known) void known.sender.then((s) => s.transport.close()).catch(() => undefined);
  }

  private build(settings: SettingsRow, organizationName: string): Sender {
    const pool = {
      pool: true as const,
      maxConnections: this.config.smtpConnections,
      maxMessages: 1000,
      ...pace(settings.messages_per_second),
    };
    let transport: Transporter;
    if (settings.smtp) {
      const password = settings.smtp.password ? this.config.open(settings.smtp.password) : null;
      transport = nodemailer.createTransport({
        ...pool,
        host: settings.smtp.host,
        port: settings.smtp.port,
        secure: settings.smtp.secure,
        auth: settings.smtp.user ? { user: settings.smtp.user, pass: password ?? '' } : undefined,
      });
    } else {
      const smtp = this.runtime.mailer?.smtp;
      if (!smtp) throw new NoSmtpServerError();
      transport = nodemailer.createTransport(
        typeof smtp === 'string' ? { ...pool, url: smtp } : { ...pool, ...smtp },
      );
    }
    const deploymentFrom = parseFrom(this.runtime.mailer?.from);
    const address = settings.sender_address ?? deploymentFrom.address;
    return {
      transport,
      from: { name: settings.sender_name ?? (organizationName || deploymentFrom.name), address },
      replyTo: settings.reply_to,
      domain: address.split('@')[1] || 'palabre.local',
    };
  }

  onModuleDestroy(): void {
    for (const id of [...this.pools.keys()]) this.forget(id);
  }
}

/** `Name <address>` (SMTP_FROM) in its parts. */
function parseFrom(from: string | undefined): { name: string; address: string } {
  const m = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(from ?? '');
  if (m) return { name: m[1] || 'Palabre', address: m[2] };
  return { name: 'Palabre', address: from?.trim() || 'ne-pas-repondre@palabre.local' };
}
