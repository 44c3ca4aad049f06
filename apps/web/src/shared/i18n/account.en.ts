import type { accountFr } from './account.fr';

/** English messages of the account pages: every key of the French part, checked by the type. */
export const accountEn: Record<keyof typeof accountFr, string> = {
  'nav.myAccount': 'My account',
  'account.title': 'My account',
  'account.profile': 'Profile',
  'account.profileHelp':
    'To change your name or email address, write to {org}; you can also delete this account and open another one.',
  'account.changePassword': 'Change password (a link is sent to you by email)',
  'account.emailNotConfirmed': 'address not confirmed yet',
  'account.sessions': 'Open sessions',
  'account.sessionsHelp':
    'The devices and browsers signed in to your account. Sign out those you do not recognize.',
  'account.session.unknownDevice': 'Unknown browser',
  'account.session.current': 'this session',
  'account.session.opened': 'opened on {date}',
  'account.session.lastSeen': 'last active on {date}',
  'account.session.revoke': 'Sign out this session',
  'account.session.revoked': 'The session is signed out.',
  'account.session.gone': 'This session no longer exists or is already signed out.',
  'account.data': 'My data',
  'account.dataHelp':
    'Download a copy of what the platform keeps about your account and what you did on it: a zip archive, one JSON file per service (readable by a program) and a README describing the fields.',
  'account.export': 'Download my data',
  'account.seeSignatures': 'Your signatures are anonymous and not tied to this account:',
  'account.signer':
    'You are identified with FranceConnect to sign petitions. This does not open an account: only a pseudonymous key is kept for your signatures.',
  'account.delete.title': 'Delete my account',
  'account.delete.short':
    'Your personal data is erased; your contributions stay, attributed to “a deleted participant”.',
  'account.delete.link': 'Delete my account…',
  'account.delete.intro': 'Before you confirm, this is what deleting your account does.',
  'account.delete.whatHappens': 'What happens',
  'account.delete.erased': 'Your name, email address and password are erased.',
  'account.delete.sessions': 'Every session of yours is signed out, this one included.',
  'account.delete.roles': 'Your roles at {org} (administration, moderation) are taken back.',
  'account.delete.contributions':
    'Your proposals, comments and petitions stay published without your name: they are attributed to “deleted participant” across the platform.',
  'account.deletedParticipant': 'deleted participant',
  'account.delete.signatures':
    'Your signatures, anonymous, still count: they are not tied to this account.',
  'account.delete.irreversible': 'Deletion is final: it cannot be undone.',
  'account.delete.exportFirst': 'You may keep a copy of your data first:',
  'account.delete.confirm': 'I understand, I want to delete my account for good.',
  'account.delete.confirmRequired': 'Tick the box to confirm that you want to delete your account.',
  'account.delete.submit': 'Delete my account',
  'account.delete.cancel': 'Cancel and go back to my account',
  'account.deleted.title': 'Account deleted',
  'account.deleted.text':
    'Your account is deleted and you are signed out. Thank you for taking part.',
  'account.register.title': 'Create an account',
  'account.register.intro':
    'An account lets you submit petitions and follow your contributions to {org}.',
  'account.register.required': 'Every field is required.',
  'account.register.submit': 'Create my account',
  'account.register.already': 'Already have an account?',
  'account.register.orFc': 'Or, without a password',
  'account.register.closedTitle': 'Account creation is closed',
  'account.register.closedFc':
    '{org} does not open accounts with an email address and password: you sign in with FranceConnect.',
  'account.register.closedInvitation':
    '{org} opens accounts by invitation: open account creation is closed.',
  'account.register.useFc':
    'Sign in with FranceConnect: your account is created the first time you do.',
  'account.register.haveAccount': 'I already have an account: sign in',
  'account.field.displayName': 'Display name',
  'account.field.displayNameHint': 'Shown with your contributions, {max} characters at most.',
  'account.field.emailHint':
    'Expected format: name@domain.com. A confirmation link will be sent there.',
  'account.field.passwordHint': 'At least {min} characters. An easy-to-remember sentence works.',
  'account.field.newPassword': 'New password',
  'account.captcha.legend': 'Anti-robot check',
  'account.captcha.help': 'A short question to check that you are not a robot.',
  'account.trap.label': 'Leave this field empty (it keeps robots out)',
  'account.captcha.tooFast':
    'The form came back too fast to have been filled in by a person: read it again and send it once more.',
  'account.proof.label': 'Automatic check of your browser',
  'account.proof.verifying': 'Checking…',
  'account.proof.verified': 'Checked: no need to answer the question.',
  'account.proof.error': 'The automatic check failed: answer the question.',
  'account.proof.expired': 'The check expired: start again or answer the question.',
  'account.proof.wait': 'Checking, one moment…',
  'account.captcha.wrong':
    'The answer does not match, or the question expired: answer the new question.',
  'account.error.passwordLength': 'The password must be {min} to {max} characters long.',
  'account.error.nameLength': 'The name must be {min} to {max} characters long.',
  'account.error.crossSite':
    'This form was not sent from this site: nothing was done. Try again from this page.',
  'account.delete.lastAdmin':
    'You are the last administrator of the organization: make someone else an administrator (Administration, Users and roles) before deleting your account.',
  'account.error.exportUnavailable':
    'Part of your data cannot be gathered right now: try again in a few minutes.',
  'account.error.tryLater': 'Too many attempts in a short time: try again in a minute.',
  'account.checkEmail.title': 'Check your email',
  'account.checkEmail.text':
    'If this address can receive it, a message is on its way: follow its link.',
  'account.checkEmail.register':
    'The link confirms your address and activates your account. It is valid for 48 hours.',
  'account.checkEmail.reset': 'The link lets you choose a new password. It is valid for 1 hour.',
  'account.checkEmail.spam':
    'Nothing after a few minutes? Look in your spam folder, then try again.',
  'account.confirm.title': 'Confirm your email address',
  'account.confirm.text': 'Confirm your address to activate your account on {org}’s platform.',
  'account.confirm.submit': 'Confirm my address',
  'account.confirm.invalidTitle': 'Confirmation link not valid',
  'account.confirm.invalid':
    'This confirmation link is wrong, has expired or was already used. If your address is already confirmed, sign in.',
  'account.confirm.trySignIn': 'Sign in',
  'account.confirm.registerAgain': 'Sign up again',
  'account.confirmed.title': 'Address confirmed',
  'account.confirmed.text': 'Your address is confirmed and your account is active.',
  'account.reset.title': 'Forgot your password',
  'account.reset.intro':
    'Enter your account’s address: we send it a link to choose a new password.',
  'account.reset.send': 'Send the link',
  'account.reset.back': 'Back to sign-in',
  'account.reset.newTitle': 'Choose a new password',
  'account.reset.newIntro': 'Every open session of your account will be signed out.',
  'account.reset.save': 'Save the password',
  'account.reset.invalidTitle': 'Link not valid',
  'account.reset.invalid': 'This link is wrong, has expired (it lasts 1 hour) or was already used.',
  'account.reset.askAgain': 'Ask for a new link',
  'account.reset.doneTitle': 'Password changed',
  'account.reset.doneText': 'Your new password is saved; your other sessions are signed out.',
  'account.signin.notConfirmed':
    'Your address is not confirmed yet: follow the link in the message you got when signing up.',
  'account.signin.blockedSpam':
    'This account was blocked automatically: it looks like spam. If this is a mistake, tell the administrators of {org}.',
  'account.contest.link': 'Contest the block of my account',
  'account.contest.title': 'Contest the block of my account',
  'account.contest.intro':
    'The anti-spam of {org} blocked your account. If this is a mistake, explain it: your message goes to the administrators, who can unblock it.',
  'account.contest.emailHint': 'Your account’s address.',
  'account.contest.message': 'Your message',
  'account.contest.messageHint': 'From {min} to {max} characters.',
  'account.contest.submit': 'Send to the administrators',
  'account.contest.sent':
    'Thank you. If this address belongs to an account the anti-spam blocked, your message reached the administrators of {org}.',
  'account.signin.blocked': 'This account is blocked; contact {org}.',
  'fcRefused.cancelled.title': 'FranceConnect sign-in cancelled',
  'fcRefused.cancelled.text':
    'You cancelled the FranceConnect sign-in: you are not signed in, and nothing was kept.',
  'fcRefused.noBirthdate.title': 'Date of birth unknown',
  'fcRefused.noBirthdate.text':
    'FranceConnect did not give us your date of birth: we cannot check your age, and you are not signed in. Try another of the accounts FranceConnect offers.',
  'fcRefused.missingIdentity.title': 'Incomplete identity',
  'fcRefused.missingIdentity.text':
    'FranceConnect did not give us your name and email address, which are needed to file a petition: you are not signed in. Try another of the accounts FranceConnect offers.',
  'fcRefused.blocked.title': 'Account blocked',
  'fcRefused.blocked.text': 'This account is blocked: you are not signed in. Contact {org}.',
  'fcRefused.failed.title': 'FranceConnect sign-in failed',
  'fcRefused.failed.text':
    'The sign-in did not complete: FranceConnect’s answer could not be verified. You are not signed in, and nothing was kept.',
  'fcRefused.next': 'What next?',
  'fcRefused.account': 'Sign in with an account on this site',
  'fcRefused.back': 'Back to the page you were on',
  'newsletter.register.label': 'I want to receive {org}’s newsletter',
  'newsletter.register.hint':
    'Optional. An email will ask you to confirm; you can unsubscribe in one click.',
  'newsletter.title': 'Newsletter',
  'newsletter.state.none': 'You are not subscribed to {org}’s newsletter.',
  'newsletter.state.pending':
    'Subscription asked on {date}: confirm it with the link in the email we sent you.',
  'newsletter.state.granted': 'You have been receiving {org}’s newsletter since {date}.',
  'newsletter.state.withdrawn': 'You unsubscribed on {date}.',
  'newsletter.subscribe': 'Subscribe to the newsletter',
  'newsletter.resend': 'Send the confirmation email again',
  'newsletter.unsubscribe': 'Unsubscribe',
  'newsletter.asked': 'A confirmation email is on its way: follow its link to confirm.',
  'newsletter.withdrawn': 'You will no longer receive the newsletter.',
  'newsletter.confirm.title': 'Confirm your newsletter subscription',
  'newsletter.confirm.text': 'Confirm that you want to receive {org}’s newsletter.',
  'newsletter.confirm.submit': 'Confirm my subscription',
  'newsletter.confirm.invalidTitle': 'Confirmation link not valid',
  'newsletter.confirm.invalid':
    'This link is not valid: it may have expired (7 days) or been used already. You can ask again from “My account”.',
  'newsletter.confirmed.title': 'Subscription confirmed',
  'newsletter.confirmed.text':
    'You will receive {org}’s newsletter. Every newsletter has a link to unsubscribe in one click.',
  'newsletter.unsubscribe.title': 'Unsubscribe from the newsletter',
  'newsletter.unsubscribe.text':
    'You will no longer receive {org}’s newsletter. No sign-in is needed.',
  'newsletter.unsubscribe.submit': 'Unsubscribe',
  'newsletter.unsubscribe.invalidTitle': 'Unsubscribe link not valid',
  'newsletter.unsubscribe.invalid':
    'This link was altered or is incomplete: nothing changed. Copy the whole link from the newsletter, or unsubscribe from “My account”.',
  'newsletter.unsubscribed.title': 'You are unsubscribed',
  'newsletter.unsubscribed.text': 'You will no longer receive {org}’s newsletter.',
  'newsletter.backToAccount': 'Go to “My account”',
};
