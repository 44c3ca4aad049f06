import type { accountFr } from './account.fr';

/** English messages of the account pages: every key of the French part, checked by the type. */
export const accountEn: Record<keyof typeof accountFr, string> = {};
