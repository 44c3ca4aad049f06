import {
  NOTIFICATION_KINDS,
  type NewsletterLanguage,
  type NotificationCadence,
  type NotificationKind,
} from '@palabre/contracts';

export const isNotificationKind = (kind: string): kind is NotificationKind =>
  (NOTIFICATION_KINDS as readonly string[]).includes(kind);

/** What a person gets when they never chose: at once for what is theirs, a digest for comments. */
export const DEFAULT_CADENCE: Record<NotificationKind, NotificationCadence> = {
  'petition.published': 'instant',
  'petition.rejected': 'instant',
  'petition.milestone': 'daily',
  'petition.answered': 'instant',
  'proposal.evaluating': 'daily',
  'proposal.answered': 'instant',
  'proposal.commented': 'daily',
  'proposal.threshold': 'instant',
  'comment.replied': 'daily',
  'registration.confirmed': 'instant',
  'meeting.changed': 'instant',
  'meeting.cancelled': 'instant',
  'meeting.reminder': 'instant',
  'budget.results': 'instant',
  // Already a summary of a day (the antispam service sends it once a day).
  'spam.digest': 'instant',
};

/**
 * Kinds whose producer already mails the person at once (meetings, with the
 * registration's code, ADR 0035): "at once" sends no second mail; they are
 * on the notifications page and in digests.
 */
export const MAILED_BY_PRODUCER: ReadonlySet<NotificationKind> = new Set([
  'registration.confirmed',
  'meeting.changed',
  'meeting.cancelled',
]);

type Words = (title: string, params: Record<string, string>) => string;

const q = (lang: NewsletterLanguage, t: string) => (lang === 'fr' ? `« ${t} »` : `“${t}”`);

/** The sentence of each kind, in each language. */
const SENTENCES: Record<NewsletterLanguage, Record<NotificationKind, Words>> = {
  fr: {
    'petition.published': (t) =>
      `Votre pétition ${q('fr', t)} est publiée : elle peut être signée.`,
    'petition.rejected': (t) => `Votre pétition ${q('fr', t)} n’a pas été retenue.`,
    'petition.milestone': (t, p) =>
      `Votre pétition ${q('fr', t)} a atteint ${Number(p.milestone || 0).toLocaleString('fr-FR')} signatures.`,
    'petition.answered': (t) => `Votre pétition ${q('fr', t)} a reçu une réponse.`,
    'proposal.evaluating': (t) => `Votre proposition ${q('fr', t)} est à l’étude.`,
    'proposal.answered': (t, p) =>
      p.state === 'accepted'
        ? `Votre proposition ${q('fr', t)} est acceptée.`
        : p.state === 'rejected'
          ? `Votre proposition ${q('fr', t)} n’est pas retenue ; la réponse dit pourquoi.`
          : `Votre proposition ${q('fr', t)} a reçu une réponse.`,
    'proposal.commented': (t) => `Nouveau commentaire sur votre proposition ${q('fr', t)}.`,
    'proposal.threshold': (t, p) =>
      `Votre proposition ${q('fr', t)} a dépassé ${p.threshold ? `${p.threshold} soutiens` : 'le seuil de soutiens'}.`,
    'comment.replied': (t) => `Quelqu’un a répondu à votre commentaire sur ${q('fr', t)}.`,
    'registration.confirmed': (t) =>
      `Votre inscription à la rencontre ${q('fr', t)} est confirmée.`,
    'meeting.changed': (t) => `La rencontre ${q('fr', t)} a changé : vérifiez la date et le lieu.`,
    'meeting.cancelled': (t) => `La rencontre ${q('fr', t)} est annulée.`,
    'meeting.reminder': (t) => `Rappel : la rencontre ${q('fr', t)} a lieu demain.`,
    'budget.results': (t) =>
      `Les résultats du budget ${q('fr', t)}, pour lequel vous avez voté, sont publiés.`,
    'spam.digest': (_t, p) =>
      `Anti-spam : ${Number(p.reported || 0)} signalement(s) et ${Number(p.blocked || 0)} compte(s) bloqué(s) depuis le dernier résumé, à examiner.`,
  },
  en: {
    'petition.published': (t) => `Your petition ${q('en', t)} is published: it can be signed.`,
    'petition.rejected': (t) => `Your petition ${q('en', t)} was not accepted.`,
    'petition.milestone': (t, p) =>
      `Your petition ${q('en', t)} reached ${Number(p.milestone || 0).toLocaleString('en-GB')} signatures.`,
    'petition.answered': (t) => `Your petition ${q('en', t)} was answered.`,
    'proposal.evaluating': (t) => `Your proposal ${q('en', t)} is being evaluated.`,
    'proposal.answered': (t, p) =>
      p.state === 'accepted'
        ? `Your proposal ${q('en', t)} is accepted.`
        : p.state === 'rejected'
          ? `Your proposal ${q('en', t)} was not accepted; the answer says why.`
          : `Your proposal ${q('en', t)} was answered.`,
    'proposal.commented': (t) => `New comment on your proposal ${q('en', t)}.`,
    'proposal.threshold': (t, p) =>
      `Your proposal ${q('en', t)} passed ${p.threshold ? `${p.threshold} supports` : 'its support threshold'}.`,
    'comment.replied': (t) => `Someone replied to your comment on ${q('en', t)}.`,
    'registration.confirmed': (t) => `Your registration to the meeting ${q('en', t)} is confirmed.`,
    'meeting.changed': (t) => `The meeting ${q('en', t)} changed: check its time and place.`,
    'meeting.cancelled': (t) => `The meeting ${q('en', t)} is cancelled.`,
    'meeting.reminder': (t) => `Reminder: the meeting ${q('en', t)} is tomorrow.`,
    'budget.results': (t) =>
      `The results of the budget ${q('en', t)}, which you voted in, are out.`,
    'spam.digest': (_t, p) =>
      `Anti-spam: ${Number(p.reported || 0)} report(s) and ${Number(p.blocked || 0)} blocked account(s) since the last summary, to review.`,
  },
};

/** A text per language in the language asked, else French, else any. */
export function inLanguage(text: Record<string, string>, lang: NewsletterLanguage): string {
  return text[lang] || text.fr || text.en || Object.values(text)[0] || '';
}

export function sentence(
  lang: NewsletterLanguage,
  kind: NotificationKind,
  title: Record<string, string>,
  params: Record<string, string>,
): string {
  return SENTENCES[lang][kind](inLanguage(title, lang), params);
}

/** The names of kinds and cadences on the preferences page and in mails. */
export const KIND_LABELS: Record<NewsletterLanguage, Record<NotificationKind, string>> = {
  fr: {
    'petition.published': 'Ma pétition est publiée',
    'petition.rejected': 'Ma pétition n’est pas retenue',
    'petition.milestone': 'Ma pétition atteint un palier de signatures',
    'petition.answered': 'Ma pétition reçoit une réponse',
    'proposal.evaluating': 'Ma proposition est à l’étude',
    'proposal.answered': 'Ma proposition reçoit une réponse',
    'proposal.commented': 'Un commentaire sur ma proposition',
    'proposal.threshold': 'Ma proposition dépasse le seuil de soutiens',
    'comment.replied': 'Une réponse à mon commentaire',
    'registration.confirmed': 'Mon inscription à une rencontre est confirmée',
    'meeting.changed': 'Une rencontre où je suis inscrit·e change',
    'meeting.cancelled': 'Une rencontre où je suis inscrit·e est annulée',
    'meeting.reminder': 'Rappel la veille d’une rencontre',
    'budget.results': 'Les résultats d’un budget où j’ai voté',
    'spam.digest': 'Le résumé quotidien de l’anti-spam (administrateurs)',
  },
  en: {
    'petition.published': 'My petition is published',
    'petition.rejected': 'My petition is not accepted',
    'petition.milestone': 'My petition reaches a signature milestone',
    'petition.answered': 'My petition is answered',
    'proposal.evaluating': 'My proposal is being evaluated',
    'proposal.answered': 'My proposal is answered',
    'proposal.commented': 'A comment on my proposal',
    'proposal.threshold': 'My proposal passes its support threshold',
    'comment.replied': 'A reply to my comment',
    'registration.confirmed': 'My registration to a meeting is confirmed',
    'meeting.changed': 'A meeting I registered to changes',
    'meeting.cancelled': 'A meeting I registered to is cancelled',
    'meeting.reminder': 'A reminder the day before a meeting',
    'budget.results': 'The results of a budget I voted in',
    'spam.digest': 'The anti-spam daily summary (administrators)',
  },
};
