/** The response shapes of the newsletter service's API (apps/newsletter), as the site reads them. */

export const NEWSLETTER_LANGS = ['fr', 'en'] as const;
export type NewsletterLanguage = (typeof NEWSLETTER_LANGS)[number];

/** A block of a newsletter's body in one language. */
export type NewsletterBlockView =
  | { kind: 'text'; text: string }
  | { kind: 'image'; url: string; alt: string; width?: number }
  | { kind: 'button'; label: string; url: string };

/** A newsletter in one language: recipients read the one of their language, else the default one. */
export interface NewsletterContentView {
  subject: string;
  /** The line mail clients show after the subject; may be empty. */
  preheader: string;
  blocks: NewsletterBlockView[];
}

export const AUDIENCE_KINDS = ['all', 'participants', 'members'] as const;
/**
 * all: every account that consented; participants: those of them who took
 * part in the chosen spaces (authors of proposals and comments, budget
 * voters, meeting registrants); members: those of them who are members of
 * the chosen private spaces.
 */
export type AudienceKind = (typeof AUDIENCE_KINDS)[number];

export interface AudienceView {
  kind: AudienceKind;
  /** The chosen spaces (participants, members); empty for all. */
  spaceIds: string[];
}

/**
 * draft: editable; scheduled: will be sent at `scheduledAt`; sending: its
 * deliveries are going out; sent: every delivery was made or given up;
 * stopped: an administrator stopped it while it was going out.
 */
export const NEWSLETTER_STATES = ['draft', 'scheduled', 'sending', 'sent', 'stopped'] as const;
export type NewsletterState = (typeof NEWSLETTER_STATES)[number];

/** What became of a newsletter's deliveries. */
export interface NewsletterHistoryView {
  /** People it was addressed to when it started. */
  recipients: number;
  sent: number;
  /** Refused for good by the mail server (or after every retry). */
  failed: number;
  /** Not sent: withdrew their consent, blocked or deleted before their turn. */
  skipped: number;
  /** Still to send (including retries after a temporary failure). */
  pending: number;
  /** Of those it was sent to, how many have withdrawn their consent since. */
  unsubscribedSince: number;
}

export interface NewsletterView {
  id: string;
  state: NewsletterState;
  contents: Partial<Record<NewsletterLanguage, NewsletterContentView>>;
  audience: AudienceView;
  scheduledAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  createdAt: string;
  updatedAt: string;
  history: NewsletterHistoryView;
}

export interface NewsletterListView {
  items: NewsletterView[];
}

/** GET /newsletters/:id/audience, or POST /audiences/count: how many would receive it now. */
export interface AudienceCountView {
  recipients: number;
}

/** GET /newsletters/:id/preview?lang=: the mail as a recipient of that language gets it. */
export interface NewsletterPreviewView {
  lang: NewsletterLanguage;
  subject: string;
  html: string;
  text: string;
}

/** POST /newsletters/:id/test: where the test copy went (the administrator's own address). */
export interface NewsletterTestView {
  sentTo: string;
}

/** The organization's sending settings. */
export interface NewsletterSettingsView {
  /** The sender's name ("Ville de …"); null: the organization's name. */
  senderName: string | null;
  /** The sender's address; null: the deployment's (SMTP_FROM). */
  senderAddress: string | null;
  replyTo: string | null;
  /** How fast newsletters go out, 1 to 2,000 messages per second. */
  messagesPerSecond: number;
  /** The organization's own SMTP server (password never shown); null: the deployment's. */
  smtp: { host: string; port: number; secure: boolean; user: string | null } | null;
}

/**
 * What people are told about (ADR 0040), each published by the service that
 * knows who is concerned (`<service>.notification.requested.v1`), each
 * chosen per person: at once, in a daily or weekly digest, or never.
 */
export const NOTIFICATION_KINDS = [
  // To the petition's author.
  'petition.published',
  'petition.rejected',
  'petition.milestone',
  'petition.answered',
  // To the proposal's author.
  'proposal.evaluating',
  'proposal.answered',
  'proposal.commented',
  'proposal.threshold',
  // To a comment's author.
  'comment.replied',
  // To a meeting's registrants.
  'registration.confirmed',
  'meeting.changed',
  'meeting.cancelled',
  'meeting.reminder',
  // To a budget's voters.
  'budget.results',
  // To the organization's administrators: what the antispam service reported and blocked.
  'spam.digest',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const NOTIFICATION_CADENCES = ['instant', 'daily', 'weekly', 'never'] as const;
export type NotificationCadence = (typeof NOTIFICATION_CADENCES)[number];

/** One notification on a person's page. */
export interface NotificationView {
  id: string;
  kind: NotificationKind;
  /** The sentence, in the language asked (e.g. "Your petition “…” was published"). */
  text: string;
  /** Where to read more on the site (a path). */
  path: string;
  space: { id: string; title: string } | null;
  occurredAt: string;
  readAt: string | null;
}

export interface NotificationListView {
  items: NotificationView[];
  unread: number;
  /** The next page's cursor; null on the last page. */
  next: string | null;
}

/** GET /me/notifications/count: the header's number. */
export interface NotificationCountView {
  unread: number;
}

/** GET/PUT /me/notification-preferences: a cadence per kind. */
export interface NotificationPreferencesView {
  preferences: Record<NotificationKind, NotificationCadence>;
}
