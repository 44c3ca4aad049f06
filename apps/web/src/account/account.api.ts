/** The shapes of identity's account API that the account pages read (the public contract). */
export interface Captcha {
  id: string;
  question: { fr: string; en: string };
}

export interface OpenSession {
  id: string;
  createdAt: string;
  lastSeenAt: string | null;
  userAgent: string | null;
  current: boolean;
}

/** `GET /api/identity/me` for an account (the page context's `me`, with what this page shows besides). */
export interface AccountMe {
  kind: 'account';
  id: string;
  email: string;
  displayName: string | null;
  emailConfirmed?: boolean;
  grants: unknown[];
}

export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const TOKEN = /^[A-Za-z0-9_-]{20,200}$/;
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;
export const NAME_MIN = 2;
export const NAME_MAX = 80;

/** Can a visitor open an account with an email and password on this organization? */
export function registrationOpen(org: {
  registrationMode?: string;
  identityProviders?: string[];
}): boolean {
  return (
    (org.registrationMode ?? 'open') === 'open' &&
    (org.identityProviders ?? ['local']).includes('local')
  );
}
