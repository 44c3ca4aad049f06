/** French messages of the account pages (merged into the site catalogue by messages.fr.ts). */
export const accountFr = {} satisfies Record<string, string>;
