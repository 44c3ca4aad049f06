import { Inject, Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import type { NewsletterLanguage } from '@palabre/contracts';
import { DATA_SOURCE, OrganizationDirectory, type PersonalDataKeeper } from '@palabre/service-kit';
import type { NewsletterContents } from '../newsletters/newsletter-contents';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/**
 * The newsletter service's side of the GDPR rights (docs/adr/0018): what it
 * keeps of an account is a copy of its consent (`newsletter.subscribers`,
 * from identity's events) and the ledger of the newsletters addressed to it
 * (`newsletter.deliveries`), its notifications and their preferences
 * (deleted at erasure). No address, no name: those stay in identity
 * (ADR 0038).
 */
@Injectable()
export class PrivacyRepository implements PersonalDataKeeper {
  constructor(
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    private readonly organizations: OrganizationDirectory,
  ) {}

  /**
   * Nothing more to do here than what `SubscribersConsumer` already does with
   * the same event: it deletes the consent copy and skips the deliveries not
   * yet made, in the stream where it applies consent changes, so that the
   * copy is written and removed in one place.
   *
   * The deliveries already made stay, as ADR 0018 keeps contributions' ids:
   * a row holds a newsletter id, the erased account's id (which leads to no
   * one once identity has erased the account, and no address or name is kept
   * here), a state, dates and the mail server's reply codes (never an
   * address). Deleting them would make each newsletter's history (sent,
   * failed, skipped) say fewer mails were sent than were, and would lose the
   * ledger's record that this newsletter was already handed to that account.
   */
  async erase(_m: EntityManager, _organizationId: string, _userId: string): Promise<void> {
    // See above: erased by SubscribersConsumer, deliveries kept on purpose.
  }

  /**
   * The consent as this service knows it (state, since when, and whether
   * identity said the account is blocked), and every newsletter addressed to
   * the person with its subject in the organization's default language, when
   * it was sent and what became of it.
   */
  async personalData(organizationId: string, userId: string) {
    const [subscriber]: { state: string; blocked: boolean; changed_at: Date }[] =
      await this.ds.query(
        `SELECT state, blocked, changed_at FROM newsletter.subscribers
          WHERE organization_id = $1 AND user_id = $2`,
        [organizationId, userId],
      );
    const deliveries: {
      newsletter_id: string;
      contents: NewsletterContents;
      state: string;
      sent_at: Date | null;
    }[] = await this.ds.query(
      `SELECT d.newsletter_id, n.contents, d.state, d.sent_at
         FROM newsletter.deliveries d
         JOIN newsletter.newsletters n ON n.id = d.newsletter_id
        WHERE d.organization_id = $1 AND d.user_id = $2
        ORDER BY coalesce(d.sent_at, n.started_at, n.created_at), d.newsletter_id`,
      [organizationId, userId],
    );
    const notifications: {
      kind: string;
      title: Record<string, string>;
      path: string;
      occurred_at: Date;
      read_at: Date | null;
      mailed_at: Date | null;
    }[] = await this.ds.query(
      `SELECT kind, title, path, occurred_at, read_at, mailed_at FROM newsletter.notifications
        WHERE organization_id = $1 AND user_id = $2 ORDER BY occurred_at, id`,
      [organizationId, userId],
    );
    const preferences: { kind: string; cadence: string }[] = await this.ds.query(
      `SELECT kind, cadence FROM newsletter.notification_preferences
        WHERE organization_id = $1 AND user_id = $2 ORDER BY kind`,
      [organizationId, userId],
    );
    const org = deliveries.length ? await this.organizations.of(organizationId) : undefined;
    const defaultLang: NewsletterLanguage = org?.defaultLocale === 'en' ? 'en' : 'fr';
    return {
      format: 'palabre.newsletter.personal-data.v1',
      organizationId,
      subscription: subscriber
        ? {
            state: subscriber.state,
            blocked: subscriber.blocked,
            changedAt: iso(subscriber.changed_at),
          }
        : null,
      newsletters: deliveries.map((d) => ({
        newsletterId: d.newsletter_id,
        // The default language is required when a newsletter is written; the
        // organization may have changed its default since, hence the fallback.
        subject: (d.contents[defaultLang] ?? Object.values(d.contents)[0])?.subject ?? '',
        sentAt: iso(d.sent_at),
        state: d.state,
      })),
      notifications: notifications.map((n) => ({
        kind: n.kind,
        title: n.title,
        path: n.path,
        occurredAt: iso(n.occurred_at),
        readAt: iso(n.read_at),
        mailedAt: iso(n.mailed_at),
      })),
      /** The cadences chosen; kinds not listed follow the defaults. */
      notificationPreferences: Object.fromEntries(preferences.map((p) => [p.kind, p.cadence])),
    };
  }
}
