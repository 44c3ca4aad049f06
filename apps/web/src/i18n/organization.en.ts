import type { organizationFr } from './organization.fr';

/** English messages of the organization back-office pages: every key of the French part, checked by the type. */
export const organizationEn: Record<keyof typeof organizationFr, string> = {};
