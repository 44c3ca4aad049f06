/**
 * What apps/identity answers on /api/identity (JSON bodies) that the site
 * reads: its views return these types, so a change that breaks one side
 * fails to compile. Dates are ISO 8601 strings.
 */

/** How people get an account in an organization. */
export const IDENTITY_REGISTRATION_MODES = ['open', 'invitation', 'franceconnect'] as const;
export type IdentityRegistrationMode = (typeof IDENTITY_REGISTRATION_MODES)[number];
/** The ways to sign in an organization may offer. */
export const IDENTITY_PROVIDERS = ['local', 'franceconnect'] as const;
export type IdentityProvider = (typeof IDENTITY_PROVIDERS)[number];

/** GET /api/identity/captcha: a question to answer when registering (one attempt). */
export interface IdentityCaptchaView {
  id: string;
  question: { fr: string; en: string };
  /**
   * The same gate for a browser running scripts (ADR 0041): a proof-of-work
   * challenge (ALTCHA, SHA-256) its `altcha` widget solves in a second or
   * two; send its payload as `proof` instead of answering the question.
   */
  proof: {
    algorithm: string;
    challenge: string;
    salt: string;
    signature: string;
    maxnumber: number;
  };
}

/** An item of GET /api/identity/sessions: one of my open sessions. */
export interface IdentitySessionView {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  userAgent: string | null;
  /** The session of this request. */
  current: boolean;
}

/** GET /api/identity/me/newsletter: my consent to the organization's newsletter, with its dates. */
export interface IdentityNewsletterConsentView {
  /** none: never asked; pending: asked, the mailed link not confirmed yet (double opt-in). */
  state: 'none' | 'pending' | 'granted' | 'withdrawn';
  askedAt: string | null;
  grantedAt: string | null;
  withdrawnAt: string | null;
}

/** GET /api/identity/me for an account. */
export interface IdentityAccountMeView {
  kind: 'account';
  id: string;
  /** Null for an account known only through FranceConnect. */
  email: string | null;
  displayName: string | null;
  emailConfirmed: boolean;
  grants: { role: string; spaceId?: string }[];
}

/** GET /api/identity/me for an anonymous FranceConnect signer. */
export interface IdentitySignerMeView {
  kind: 'signer';
  /** Whether their FranceConnect sign-in says they are an adult. */
  adult: boolean;
}

export type IdentityMeView = IdentityAccountMeView | IdentitySignerMeView;

/** GET /api/identity/organization: what an administrator sees and may change of an organization. */
export interface IdentityOrganizationSettingsView {
  id: string;
  slug: string;
  name: string;
  hosts: string[];
  /** Where the organization's mails lead: https://<primaryHost>/... */
  primaryHost: string;
  locales: string[];
  defaultLocale: string;
  registrationMode: IdentityRegistrationMode;
  identityProviders: string[];
  /** The organization that created this one; null at the top. */
  parentId: string | null;
  logoUrl: string | null;
  primaryColor: string | null;
  /** Plain text per language; a missing language shows nothing. */
  welcomeText: Partial<Record<string, string>>;
  announcement: Partial<Record<string, string>>;
  /** IANA zone, e.g. Europe/Paris: calendar feeds and times in mails are given in it. */
  timeZone: string;
  /** An https tile URL template with {z}, {x} and {y}; null: no map (the address and a link). */
  mapTileUrl: string | null;
  /** Shown on every map drawn from those tiles; set whenever mapTileUrl is. */
  mapAttribution: string | null;
}

/** An item of GET /api/identity/grants: who holds which role, where. */
export interface IdentityGrantView {
  id: string;
  userId: string;
  email: string | null;
  displayName: string | null;
  role: string;
  /** Null: organization-wide. */
  spaceId: string | null;
  createdAt: string;
}

/**
 * Where and how to write to one account, as identity answers a service that
 * mails it at that moment (POST /internal/accounts/contacts, ADR 0035). The
 * caller uses it for that mail and keeps none of it.
 */
export interface AccountContactView {
  userId: string;
  /** Confirmed. */
  email: string;
  /** The account's public display name; null when it has none. */
  name: string | null;
  /** The language to write in (BCP 47): the organization's default language. */
  locale: string;
}

/**
 * POST /internal/accounts/contacts: the asked accounts that can be written to
 * (active, with a confirmed address, of the caller's organization), in the
 * order asked; the others are left out.
 */
export interface AccountContactsView {
  contacts: AccountContactView[];
}

/** One account the newsletter service may write to, as identity answers it (ADR 0038). */
export interface RecipientView extends AccountContactView {
  /**
   * Purpose `newsletter`: the account's one-click unsubscribe link (footer and
   * List-Unsubscribe header, RFC 8058). Null for notifications.
   */
  unsubscribeUrl: string | null;
}

/**
 * POST /internal/recipients (the newsletter service, calling as itself): of
 * the asked accounts, those that may be written to now for that purpose
 * (active, confirmed address; for a newsletter, a granted consent), in the
 * order asked; any other is left out.
 */
export interface RecipientsView {
  recipients: RecipientView[];
}

/**
 * POST /internal/account-signals (the antispam service as itself, ADR 0038):
 * what an account is scored on. The address's domain only, never the address.
 */
export interface AccountSignalsView {
  accounts: {
    userId: string;
    displayName: string;
    /** "example.org"; empty for an account without address (FranceConnect). */
    emailDomain: string;
    /** RFC 3339. */
    createdAt: string;
    status: 'active' | 'blocked' | 'deleted';
    /** Holds a role (administrator, moderator…): never scored. */
    staff: boolean;
  }[];
}

/** GET /internal/administrators (the antispam service): the organization's administrators. */
export interface AdministratorsView {
  userIds: string[];
}

/**
 * GET /internal/organizations/:id: what a service writes about an
 * organization in its mails, calendar feeds and pages. Public facts (no
 * token asked): a job acting for nobody may ask. 404 for an unknown id.
 */
export interface OrganizationInfoView {
  id: string;
  name: string;
  /** Where the organization's links lead (identity's own mails use it): https://<primary host>. */
  origin: string;
  /** IANA zone, e.g. Europe/Paris. */
  timeZone: string;
  /** BCP 47 language of the organization's mails: fr or en. */
  defaultLocale: string;
  /** An https tile URL template with {z}, {x} and {y}; null: no map, show the address and a link. */
  mapTileUrl: string | null;
  /** The credit to show on the map; never null while mapTileUrl is set. */
  mapAttribution: string | null;
}
