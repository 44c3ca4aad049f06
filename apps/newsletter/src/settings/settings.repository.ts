import { Inject, Injectable } from '@nestjs/common';
import type { NewsletterSettingsView } from '@palabre/contracts';
import { DATA_SOURCE } from '@palabre/service-kit';
import type { DataSource } from 'typeorm';

export interface StoredSmtp {
  host: string;
  port: number;
  secure: boolean;
  user: string | null;
  /** Sealed (NewsletterConfig.seal). */
  password: string | null;
}

export interface SettingsRow {
  sender_name: string | null;
  sender_address: string | null;
  reply_to: string | null;
  messages_per_second: number;
  smtp: StoredSmtp | null;
  updated_at: Date;
}

export const DEFAULT_SETTINGS: SettingsRow = {
  sender_name: null,
  sender_address: null,
  reply_to: null,
  messages_per_second: 50,
  smtp: null,
  updated_at: new Date(0),
};

export const settingsView = (r: SettingsRow): NewsletterSettingsView => ({
  senderName: r.sender_name,
  senderAddress: r.sender_address,
  replyTo: r.reply_to,
  messagesPerSecond: r.messages_per_second,
  smtp: r.smtp
    ? { host: r.smtp.host, port: r.smtp.port, secure: r.smtp.secure, user: r.smtp.user }
    : null,
});

/** An organization's sending settings (one row, defaults until written). */
@Injectable()
export class SettingsRepository {
  constructor(@Inject(DATA_SOURCE) private readonly ds: DataSource) {}

  async of(organizationId: string): Promise<SettingsRow> {
    const [row] = await this.ds.query(
      `SELECT sender_name, sender_address, reply_to, messages_per_second, smtp, updated_at
         FROM newsletter.settings WHERE organization_id = $1`,
      [organizationId],
    );
    return row ?? DEFAULT_SETTINGS;
  }

  async save(organizationId: string, row: Omit<SettingsRow, 'updated_at'>): Promise<SettingsRow> {
    const [saved] = await this.ds.query(
      `INSERT INTO newsletter.settings
         (organization_id, sender_name, sender_address, reply_to, messages_per_second, smtp, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, now())
       ON CONFLICT (organization_id) DO UPDATE SET sender_name = EXCLUDED.sender_name,
         sender_address = EXCLUDED.sender_address, reply_to = EXCLUDED.reply_to,
         messages_per_second = EXCLUDED.messages_per_second, smtp = EXCLUDED.smtp, updated_at = now()
       RETURNING sender_name, sender_address, reply_to, messages_per_second, smtp, updated_at`,
      [
        organizationId,
        row.sender_name,
        row.sender_address,
        row.reply_to,
        row.messages_per_second,
        row.smtp ? JSON.stringify(row.smtp) : null,
      ],
    );
    return saved;
  }
}
