/** The shapes of identity's account API that the account pages read, declared once in @palabre/contracts. */
export type {
  IdentityCaptchaView as Captcha,
  IdentitySessionView as OpenSession,
  IdentityAccountMeView as AccountMe,
  IdentityNewsletterConsentView as NewsletterConsent,
} from '@palabre/contracts';
/** The newsletter service's API of a person's notifications (ADR 0040). */
export type {
  NotificationListView as NotificationList,
  NotificationPreferencesView as NotificationPreferences,
} from '@palabre/contracts';

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
