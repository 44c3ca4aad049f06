/** French messages of the organization back-office pages (merged into the site catalogue by messages.fr.ts). */
export const organizationFr = {} satisfies Record<string, string>;
