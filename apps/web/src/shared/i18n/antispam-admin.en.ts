import type { antispamAdminFr } from './antispam-admin.fr';

/** English messages of the administrators' anti-spam pages: every key of the French part, checked by the type. */
export const antispamAdminEn: Record<keyof typeof antispamAdminFr, string> = {
  'spamAdmin.section.title': 'Anti-spam',
  'spamAdmin.section.description':
    'The accounts and contributions the anti-spam reported or blocked, with their score and reasons; your decisions, the thresholds and automatic blocking.',
  'spamAdmin.title': 'Anti-spam',
  'spamAdmin.intro':
    'The anti-spam scores every new account and every contribution. Above the report threshold they show here (contributions also in their space’s moderation queue); above the block threshold, and only when automatic blocking is on, the account is blocked and its contributions hidden until you review them. Nothing is sent to a third party, no IP address is kept.',
  'spamAdmin.tabs': 'Lists',
  'spamAdmin.tab.open': 'To review ({count})',
  'spamAdmin.tab.blocked': 'Blocked accounts',
  'spamAdmin.tab.decided': 'Decided: not spam',
  'spamAdmin.empty.open': 'Nothing to review.',
  'spamAdmin.empty.blocked': 'No account blocked by the anti-spam.',
  'spamAdmin.empty.decided': 'No decision yet.',
  'spamAdmin.kind.account': 'Account',
  'spamAdmin.kind.proposal': 'Proposal',
  'spamAdmin.kind.comment': 'Comment',
  'spamAdmin.score': 'Spam score: {score}',
  'spamAdmin.reasons': 'Reasons',
  'spamAdmin.noReason': 'no single reason (the text as a whole)',
  'spamAdmin.reason.spam-words': 'words common in spam',
  'spamAdmin.reason.links': 'links to',
  'spamAdmin.reason.disguised-links': 'disguised links',
  'spamAdmin.reason.keyword-stuffing': 'words repeated over and over',
  'spamAdmin.reason.shouting': 'text in capitals',
  'spamAdmin.reason.disposable-email': 'disposable email address',
  'spamAdmin.reason.no-contributions': 'no contribution',
  'spamAdmin.reason.new-account': 'account less than two days old',
  'spamAdmin.reason.suspect-author': 'the author’s account is suspect itself',
  'spamAdmin.reason.repeated-text': 'the same text posted several times',
  'spamAdmin.reason.spam-contributions': 'its contributions look like spam',
  'spamAdmin.flaggedOn': 'Reported on {date}',
  'spamAdmin.blockedOn': 'Blocked on {date}',
  'spamAdmin.blockedAuto': 'Blocked automatically on {date}',
  'spamAdmin.decidedOn': 'Decided on {date}',
  'spamAdmin.model': 'model {model}',
  'spamAdmin.openQueue': 'Open the moderation queue',
  'spamAdmin.dismiss': 'Not spam',
  'spamAdmin.block': 'Spam: block the account',
  'spamAdmin.unblockHint':
    'An account unblocked here or from moderation will not be reported by the anti-spam again for the same reasons. The person can contest the block from the sign-in page; their message shows here.',
  'spamAdmin.contested': 'Contested by the person on {date}:',
  'spamAdmin.unblock': 'Not spam: unblock the account',
  'spamAdmin.done.unblocked':
    'The account is unblocked; the anti-spam will not report it again for the same reasons.',
  'spamAdmin.older': 'Older',
  'spamAdmin.done.dismissed':
    'Noted: not spam. This account will not be reported again for the same reasons.',
  'spamAdmin.done.blocked': 'The account is blocked and its contributions hidden.',
  'spamAdmin.done.settings': 'The anti-spam settings are saved.',
  'spamAdmin.gone': 'This report was already dealt with.',
  'spamAdmin.blockConfirm.title': 'Block the account “{name}”?',
  'spamAdmin.blockConfirm.titleContent': 'Block the account of the author of “{title}”?',
  'spamAdmin.blockConfirm.what':
    'The account will no longer be able to sign in and all its contributions will be hidden. The person can contest it with {org}.',
  'spamAdmin.blockConfirm.final':
    'Only an administrator can unblock the account afterwards, from this page.',
  'spamAdmin.blockConfirm.button': 'Block the account',
  'spamAdmin.settings.title': 'Settings',
  'spamAdmin.settings.flag': 'Report threshold',
  'spamAdmin.settings.flagHint':
    'Between 0.01 and 0.999: above it, reported here and to moderators (0.7 by default).',
  'spamAdmin.settings.block': 'Block threshold',
  'spamAdmin.settings.blockHint':
    'Above the report threshold and at most 0.9999 (0.99 by default).',
  'spamAdmin.settings.autoBlock': 'Block automatically above the block threshold',
  'spamAdmin.settings.autoBlockHint':
    'Off by default. The account is blocked and its contributions hidden until you review them; the person can contest.',
  'spamAdmin.settings.refused': 'Refused domains',
  'spamAdmin.settings.refusedHint':
    'One per line, for example casino-bonus.example: a contribution linking to it (or to a subdomain) is reported, and blocked where automatic blocking is on.',
  'spamAdmin.reason.refused-domain': 'link to a refused domain',
  'spamAdmin.error.domain': '“{domain}” is not a domain name (for example casino.example).',
  'spamAdmin.error.domains': 'At most 200 domains.',
  'spamAdmin.settings.model': 'Model in use: {model}',
  'spamAdmin.settings.submit': 'Save the settings',
  'spamAdmin.error.number': 'A number between 0 and 1, for example 0.7.',
  'spamAdmin.error.order': 'The block threshold must be above the report threshold.',
};
