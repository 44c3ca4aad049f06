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
/** The roles an organization's administrator gives from the users page. */
export const GRANTABLE = ['org-admin', 'moderator', 'space-admin', 'evaluator'] as const;
/** Roles given for one space, which the form then asks for. */
export const SPACE_ROLES: readonly string[] = ['space-admin', 'evaluator'];
export const WELCOME_MAX = 2000;
export const ANNOUNCEMENT_MAX = 300;
export const LOGO_MAX = 2000;
