/** The shapes of identity's organization and grants API that the back-office reads (the public contract). */
export interface OrganizationSettings {
  id: string;
  slug: string;
  name: string;
  hosts: string[];
  locales: string[];
  defaultLocale: string;
  registrationMode: 'open' | 'invitation' | 'franceconnect';
  identityProviders: string[];
  logoUrl: string | null;
  primaryColor: string | null;
  welcomeText: Partial<Record<string, string>>;
  announcement: Partial<Record<string, string>>;
}

export interface Grant {
  id: string;
  userId: string;
  email: string | null;
  displayName: string | null;
  role: string;
  spaceId: string | null;
  createdAt: string;
}

export const LANGUAGES = ['fr', 'en'] as const;
export const REGISTRATION_MODES = ['open', 'invitation', 'franceconnect'] as const;
export const PROVIDERS = ['local', 'franceconnect'] as const;
/** The roles an organization's administrator gives from this page (space roles need a space: not here). */
export const GRANTABLE = ['org-admin', 'moderator'] as const;
export const WELCOME_MAX = 2000;
export const ANNOUNCEMENT_MAX = 300;
export const LOGO_MAX = 2000;
