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
