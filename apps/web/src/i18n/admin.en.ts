import type { adminFr } from './admin.fr';

/** English messages of the admin pages: every key of the French part, checked by the type. */
export const adminEn: Record<keyof typeof adminFr, string> = {};
