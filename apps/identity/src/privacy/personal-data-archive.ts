import { strToU8, zipSync, type Zippable } from 'fflate';

/** The services asked for their part of a person's data, in the archive's order. */
export const PERSONAL_DATA_SERVICES = [
  'proposals',
  'budgeting',
  'petitions',
  'meetings',
  'newsletter',
  'antispam',
  'surveys',
] as const;

export type PersonalDataService = (typeof PERSONAL_DATA_SERVICES)[number];

/** Each service's internal route (never routed by the gateway; docs/adr/0018). */
export const personalDataPath = (service: string) => `/internal/${service}/personal-data`;

/**
 * What the archive's README says, in French and English: one section per
 * file. Kept beside the code that writes the files so the two change together.
 */
export function archiveReadme(exportedAt: string, absent: string[]): string {
  const missing = absent.length
    ? `\nServices absents de cette plateforme / services this platform does not run: ${absent.join(', ')}\n`
    : '';
  return `Palabre — vos données / your data
Exporté le / exported at: ${exportedAt}
${missing}
Cette archive contient ce que la plateforme conserve sur votre compte dans cette
organisation, un fichier JSON par service (UTF-8, dates ISO 8601 en UTC, montants
en centimes d'euro). / This archive holds what the platform keeps about your
account in this organization, one JSON file per service (UTF-8, ISO 8601 dates in
UTC, amounts in euro cents).

identity.json — le compte / the account
  account            id, email, displayName, displayNameBeforeBlock (your name while an
                     anti-spam block shows the account as "Compte bloqué"),
                     emailConfirmedAt, status, createdAt
  franceConnectLinked true when the account is linked to FranceConnect (only a
                     keyed hash of the FranceConnect identifier is stored)
  sessions           id, kind, userAgent, createdAt, lastSeenAt, expiresAt, revokedAt
  grants             roles held (role, spaceId, createdAt)
  newsletterConsent  your consent to the newsletter: state (none, pending, granted,
                     withdrawn), askedAt, grantedAt, withdrawnAt
  moderation         blocks and unblocks of the account (action, source, reason, createdAt)

proposals.json — propositions / proposals
  proposals          what you wrote: id, componentId, spaceId, title, body, address,
                     latitude, longitude, area, onBehalfOf, state, withdrawnAt,
                     publishedAt, updatedAt
  comments           id, proposalId, parentId, stance, body, deletedAt, editedAt,
                     createdAt, and versions (earlier bodies and stances, writtenAt)
  supports           the proposals you supported (proposalId, componentId, createdAt)
  reports            what you reported (targetType, targetId, reason, details, createdAt)

budgeting.json — budgets participatifs / participatory budgets
  votes              your votes (orders) made with your account: budgetId, budgetTitle,
                     componentId, projects (id, title), totalCents, residence,
                     checkedOutAt (null: a selection not yet confirmed), createdAt

petitions.json — pétitions / petitions
  petitions          the petitions you wrote: id, typeId, title, body, state,
                     totalCount, createdAt, publishedAt, closedAt
  signaturesWithAccount the petitions you signed with your account (petitionId, signedAt)

meetings.json — rencontres / meetings
  registrations      your registrations with your account: id, meetingId, meetingTitle,
                     startsAt, status, code, registeredAt, cancelledAt, attendedAt
  organizedMeetings  the meetings you organized: id, title, startsAt, state

newsletter.json — lettre d'information / newsletter
  subscription       your consent as the newsletter service knows it (state: pending,
                     granted or withdrawn; blocked: whether your account is blocked;
                     changedAt), null when you were never asked; identity.json holds
                     the consent itself with its dates
  newsletters        the newsletters addressed to you: newsletterId, subject (in the
                     organization's default language), sentAt, state (sent; failed:
                     refused by the mail server, or still failing at the last
                     attempt; skipped: no longer a recipient when its turn came;
                     stopped: stopped by an administrator; pending or sending: not
                     sent yet). Your address is not kept there: the service asks
                     identity for it when it sends.

antispam.json — anti-spam
  account            what the anti-spam concluded about your account: score (0 to 1),
                     reasons, model, scoredAt, blockedAt, clearedSignals (reasons an
                     administrator found innocent), null when never scored
  reports            your contributions or account reported as likely spam: score,
                     reasons, status (open, dismissed, blocked, unblocked, hidden),
                     reportedAt, decidedAt, and your contest of a block if any.
                     Neither your address nor your IP address is kept there.

surveys.json — enquêtes / surveys
  answers            your answers to surveys while signed in: surveyId, surveyTitle,
                     answeredAt, answers by question. They are kept with a token that
                     only your account gives in each survey (administrators see the
                     token, never you); answers given without an account cannot be
                     found from your account and are not here.

Ce qui n'y est pas / what is not in it
  Les signatures de pétition et les votes faits avec FranceConnect sans compte sont
  anonymes : la plateforme n'en garde qu'une clé dérivée de l'identifiant
  FranceConnect (HMAC), qu'aucun compte ne permet de retrouver. Ils ne peuvent donc
  pas figurer ici. / Petition signatures and votes made with FranceConnect without
  an account are anonymous: the platform keeps only a key derived from the
  FranceConnect identifier (an HMAC), which no account leads to, so they cannot
  be part of this archive.
`;
}

/** A zip of `README.txt` and one `<name>.json` per part (pretty-printed, readable as is). */
export function zipArchive(readme: string, parts: Record<string, unknown>): Buffer {
  const files: Zippable = { 'README.txt': strToU8(readme) };
  for (const [name, data] of Object.entries(parts))
    files[`${name}.json`] = strToU8(`${JSON.stringify(data, null, 2)}\n`);
  return Buffer.from(zipSync(files, { level: 6, mtime: new Date() }));
}
