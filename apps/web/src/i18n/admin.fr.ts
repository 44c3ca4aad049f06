/** French messages of the admin pages (merged into the site catalogue by messages.fr.ts). */
export const adminFr = {} satisfies Record<string, string>;
