import type { adminFr } from './admin.fr';

/** English messages of the admin pages: every key of the French part, checked by the type. */
export const adminEn: Record<keyof typeof adminFr, string> = {
  'nav.myPetitions': 'My petitions',
  'nav.admin': 'Administration',

  'lifecycle.state.draft': 'Draft',
  'lifecycle.state.submitted': 'Under review',
  'lifecycle.state.published': 'Open for signature',
  'lifecycle.state.rejected': 'Not admissible',
  'lifecycle.state.closed': 'Closed',
  'lifecycle.state.answered': 'Answered',
  'lifecycle.state.other': 'Other state',
  'lifecycle.timeline.draft': 'Draft created',
  'lifecycle.timeline.submitted': 'Submitted for the admissibility review',
  'lifecycle.timeline.published': 'Published, open for signature',
  'lifecycle.timeline.rejected': 'Found not admissible',
  'lifecycle.timeline.closed': 'Closed',
  'lifecycle.timeline.answered': 'Answer published',
  'lifecycle.timeline.milestone': 'Milestone reached',
  'lifecycle.timeline.offline': 'Paper signatures recorded: {count} ({source})',
  'lifecycle.timeline.other': 'Step',
  'lifecycle.timeline.empty': 'No steps yet.',
  'lifecycle.reason': 'Reason: {reason}',
  'lifecycle.tooShort': 'Enter at least {min} characters (you entered {count}).',
  'lifecycle.tooLong': 'Enter at most {max} characters (you entered {count}).',
  'lifecycle.crossSite':
    'This form was not sent from this site, so nothing was saved. Reload the page and send it again.',

  'mine.title': 'My petitions',
  'mine.new': 'Start a petition',
  'mine.none': 'You have not started any petition yet.',
  'mine.back': 'My petitions',
  'mine.createdOn': 'Created on {date}',
  'mine.edit': 'Edit the draft',
  'mine.editTitle': 'Edit the draft',
  'mine.submit': 'Submit for review',
  'mine.submitHelp':
    'Once submitted, the petition can no longer be changed. {org} checks that it is admissible before publishing it.',
  'mine.publicPage': 'See the public page of the petition',
  'mine.rejectionReason': 'Reason given:',
  'mine.notDraft': 'This petition is no longer a draft: it can no longer be edited or submitted.',
  'mine.signIn.text':
    'To start a petition, identify yourself with FranceConnect: your first and last name will be shown as the author of the petition.',
  'mine.signIn.account': 'Have a Palabre account?',
  'mine.next.title': 'Where the petition stands',
  'mine.next.draft':
    'Only you can see this draft. Read it over, then submit it: {org} will check that it is admissible before publishing it.',
  'mine.next.submitted':
    '{org} is reviewing whether your petition is admissible. If it is, it will be published and open for signature; if not, you will see the reason here.',
  'mine.next.submittedDays': 'Signing will be open for {days} days.',
  'mine.next.published': 'Your petition is open for signature until {date}. Spread the word!',
  'mine.next.publishedNoDate': 'Your petition is open for signature. Spread the word!',
  'mine.next.rejected':
    '{org} found your petition not admissible: it is not published. You may start a new one that takes the reason into account.',
  'mine.next.closed': 'Signing is closed. {org} will publish its answer on the petition page.',
  'mine.next.answered': '{org} has answered your petition.',
  'mine.done.created': 'Your draft is saved.',
  'mine.done.saved': 'Your changes are saved.',
  'mine.done.submitted': 'Your petition is submitted. {org} will review whether it is admissible.',
  'mine.form.intro':
    'All fields are required. The draft stays private until you submit it to {org}.',
  'mine.form.type': 'Type of petition',
  'mine.form.typeDays': 'Signing open for {days} days after publication.',
  'mine.form.typeFranceConnect': 'The author is identified with FranceConnect.',
  'mine.form.typeRequired': 'Choose a type of petition.',
  'mine.form.typeUnknown': 'This type of petition takes no new petitions: choose another one.',
  'mine.form.typeNeedsFranceConnect':
    'This type of petition asks you to identify yourself with FranceConnect: use the button above, then send the form again.',
  'mine.form.noTypes': 'No type of petition is open for new petitions at the moment.',
  'mine.form.title': 'Title',
  'mine.form.titleHint': 'One sentence saying what you ask for, {min} to {max} characters.',
  'mine.form.body': 'Text of the petition',
  'mine.form.bodyHint':
    'Explain the situation and what you ask for, {min} to {max} characters. Leave a blank line between paragraphs.',
  'mine.form.create': 'Save the draft',
  'mine.form.save': 'Save the changes',

  'admin.home.title': 'Administration',
  'admin.home.intro': 'The management tools of {org}.',
  'admin.todo.title': 'To do',
  'admin.todo.petitions_one': '{count} petition to review',
  'admin.todo.petitions_other': '{count} petitions to review',
  'admin.todo.petitions.what': 'Petitions to review',
  'admin.todo.reports_one': '{count} reported item to moderate',
  'admin.todo.reports_other': '{count} reported items to moderate',
  'admin.todo.reports.what': 'Reports to moderate',
  'admin.todo.answers_one': '{count} proposal awaiting an answer',
  'admin.todo.answers_other': '{count} proposals awaiting an answer',
  'admin.todo.answers.what': 'Proposals awaiting an answer',
  'admin.todo.proposals.what': 'Proposals and reports',
  'admin.todo.nothing': '{what}: nothing to do.',
  'admin.todo.unavailable': '{what}: the count is unavailable right now.',
  'admin.staff.former': 'a former member',
  'admin.staff.member': 'a team member',
  'admin.section.review.title': 'Petitions',
  'admin.section.review.description':
    "Review submitted petitions for admissibility, record paper signatures, publish the institution's answer, close a petition.",
  'admin.section.review.queue': 'Petitions to review',
  'admin.section.review.published': 'Petitions open for signature',
  'admin.section.types.title': 'Petition types',
  'admin.section.types.description':
    'Signing period, who signs, who authors, withdrawing signatures, milestones and area rule.',
  'admin.section.types.new': 'Create a petition type',
  'admin.forbidden.title': 'Administrators only',
  'admin.forbidden.text':
    'This page is part of the administration of {org}. You are signed in with the account {name}, which does not have the administrator role.',
  'admin.forbidden.ask':
    'If you should have access, ask someone who administers {org} to give you this role.',
  'admin.forbidden.otherAccount': 'sign in with another account',
  'admin.forbidden.myPetitions': 'find your petitions',
  'admin.form.integerBetween': 'Enter a whole number from {min} to {max}.',
  'admin.wrongState':
    'The state of this petition changed in the meantime: this action is no longer possible. The page shows its current state.',

  'admin.queue.title': 'Petitions to review',
  'admin.queue.intro':
    'Petitions submitted by their authors. Read each one, then publish it or declare it not admissible, giving a reason.',
  'admin.queue.empty': 'No petition is waiting for review.',
  'admin.queue.review': 'Review',
  'admin.petitions.title': 'Petitions',
  'admin.petitions.intro': 'Choose a state to see the petitions in it.',
  'admin.petitions.count_one': '{count} petition on this page',
  'admin.petitions.count_other': '{count} petitions on this page',
  'admin.petitions.backTo': 'Petitions: {state}',
  'admin.petition.created': 'Created on {date}',
  'admin.petition.submitted': 'Submitted on {date}',
  'admin.petition.publicPage': 'See the public page',
  'admin.review.title': 'Admissibility review',
  'admin.review.intro':
    'Decide whether the petition is admissible under the rules of {org}. The author sees your decision and, if you refuse, the reason.',
  'admin.review.publishHelp_one':
    'The petition will be published and open for signature for {count} day.',
  'admin.review.publishHelp_other':
    'The petition will be published and open for signature for {count} days.',
  'admin.review.publishHelpNoDays':
    'The petition will be published and open for signature for the period its type sets.',
  'admin.review.publish': 'Publish the petition',
  'admin.review.rejectLegend': 'Declare the petition not admissible',
  'admin.review.reason': 'Reason for refusal',
  'admin.review.reasonHint':
    'Required, 5 to 2,000 characters. The author will read it: explain which rule is not met.',
  'admin.review.reject': 'Declare not admissible',
  'admin.rejected.title': 'Reason for refusal',
  'admin.done.published': '“{title}” is published and open for signature.',
  'admin.done.rejected': '“{title}” is declared not admissible; its author sees the reason.',
  'admin.done.manage': 'Manage this petition',
  'admin.done.offline': 'The paper signatures are recorded and added to the total.',
  'admin.done.answer': 'The answer is published on the petition page.',
  'admin.done.close': 'The petition is closed: it can no longer be signed.',

  'admin.offline.title': 'Paper signatures',
  'admin.offline.current':
    'Online signatures: {online}. Paper signatures: {offline}. Total: {total}.',
  'admin.offline.legend': 'Record a count',
  'admin.offline.count': 'Number of signatures',
  'admin.offline.countHint':
    'A whole number. To correct an earlier entry, enter a negative number, for example -20.',
  'admin.offline.countInvalid': 'Enter a whole number other than zero, between -{max} and {max}.',
  'admin.offline.source': 'Source',
  'admin.offline.sourceHint':
    'For example: Town hall, 5th district, paper register (2 to 200 characters).',
  'admin.offline.note': 'Note (optional)',
  'admin.offline.noteHint': 'What will help check this count later.',
  'admin.offline.submit': 'Record the count',
  'admin.offline.audit': 'History of counts',
  'admin.offline.none': 'No paper count recorded.',
  'admin.offline.auditUnavailable': 'The history of counts is briefly unavailable.',
  'admin.offline.col.when': 'Date',
  'admin.offline.col.count': 'Signatures',
  'admin.offline.col.source': 'Source',
  'admin.offline.col.note': 'Note',
  'admin.offline.col.by': 'Recorded by (account)',
  'admin.offline.byYou': 'you',

  'admin.confirm.publish.title': 'Publish the petition “{title}”?',
  'admin.confirm.publish.what':
    'It becomes public at once and anyone may sign it until its closing date; its author sees that it is published.',
  'admin.confirm.publish.final':
    'a published petition cannot go back to review: it can only be closed early or answered.',
  'admin.confirm.answer.title': 'Publish the answer to “{title}”?',
  'admin.confirm.answer.whatOpen':
    'The answer appears on the petition page and signing closes now, even before the closing date.',
  'admin.confirm.answer.whatClosed': 'The answer appears on the petition page at once.',
  'admin.confirm.answer.finalOpen':
    'signing cannot be reopened. The text of the answer can still be amended afterwards.',
  'admin.confirm.answer.finalClosed':
    'the petition stays answered. The text of the answer can still be amended afterwards.',
  'admin.answer.title': "The institution's answer",
  'admin.answer.amendTitle': "Amend the institution's answer",
  'admin.answer.intro': 'The answer is published on the petition page.',
  'admin.answer.closesIt':
    'Publishing the answer closes the petition for signature, even before its end date.',
  'admin.answer.text': 'Text of the answer',
  'admin.answer.textHint': '5 to 20,000 characters. Leave a blank line between paragraphs.',
  'admin.answer.date': 'Date of the answer',
  'admin.answer.dateHint': 'Format: YYYY-MM-DD or DD/MM/YYYY, for example 20/11/2026.',
  'admin.answer.dateInvalid': 'Enter a real date, for example 20/11/2026.',
  'admin.answer.url': 'Link to the full answer (optional)',
  'admin.answer.urlHint': 'A web address starting with https://',
  'admin.answer.urlInvalid':
    'Enter a full web address, for example https://www.example.org/answer.',
  'admin.answer.submit': 'Publish the answer',
  'admin.answer.amend': 'Save the amended answer',

  'admin.close.title': 'Close the petition before its end date',
  'admin.close.intro': 'Signing stops at once; the reason is public. This action cannot be undone.',
  'admin.close.reason': 'Reason for closing',
  'admin.close.reasonHint':
    'Required, 5 to 2,000 characters, for example: withdrawn at the request of its author.',
  'admin.close.submit': 'Close the petition',

  'admin.types.title': 'Petition types',
  'admin.types.intro':
    'Every petition has a type, which sets its rules. Petitions already published keep their end date; changed milestones apply at once.',
  'admin.types.new': 'Create a petition type',
  'admin.types.none': 'No petition type yet.',
  'admin.types.editTitle': 'Edit the type “{name}”',
  'admin.types.active': 'Open for new petitions',
  'admin.types.inactive': 'Closed to new petitions',
  'admin.types.days_one': 'Signing for {count} day',
  'admin.types.days_other': 'Signing for {count} days',
  'admin.types.withdrawal.yes': 'Signers may withdraw their signature',
  'admin.types.withdrawal.no': 'A signature cannot be withdrawn',
  'admin.types.milestoneSummary': 'Milestone at {threshold} signatures: {label}',
  'admin.types.areaRuleSummary': 'Area rule: {signatures} signatures from at least {areas} areas',
  'admin.types.areaBreakdown': 'Signers give their area',
  'admin.types.name': 'Name',
  'admin.types.nameHint':
    'In each language of the site, one at least. For example: Citizen petition (120 characters at most).',
  'admin.types.nameRequired': 'Give the name in one language at least.',
  'admin.types.description': 'Description (optional)',
  'admin.types.descriptionHint':
    'What authors and signers should know: deadlines, what follows (4,000 characters at most per language).',
  'admin.types.signatureDays': 'Signing period, in days',
  'admin.types.signatureDaysHint': 'Counted from publication, 1 to 3,660 days.',
  'admin.types.signers': 'Who may sign',
  'admin.types.signers.franceconnect': 'Adults identified with FranceConnect',
  'admin.types.signers.franceconnectHint':
    'Each person signs only once; only a pseudonymous key is kept.',
  'admin.types.signers.franceconnect-or-account':
    'People identified with FranceConnect or with an account',
  'admin.types.signers.franceconnect-or-accountHint':
    "More open, but an account proves neither the person's age nor that they sign only once.",
  'admin.types.authors': 'Who may start a petition',
  'admin.types.authors.franceconnect': 'People identified with FranceConnect',
  'admin.types.authors.franceconnectHint': "The author's displayed name is verified.",
  'admin.types.authors.account': 'Anyone with an account',
  'admin.types.authors.accountHint': 'The displayed name is the one the person chose.',
  'admin.types.options': 'Options',
  'admin.types.withdrawal': 'Signers may withdraw their signature',
  'admin.types.withdrawalHint': 'While the petition is open for signature.',
  'admin.types.activeLabel': 'Open for new petitions',
  'admin.types.activeHint': 'Untick to stop offering this type; existing petitions do not change.',
  'admin.types.milestones': 'Milestones',
  'admin.types.milestonesHint':
    'Numbers of signatures (online and paper) that trigger a next step, in increasing order. Leave unused rows empty; {max} milestones at most. Save to get more rows.',
  'admin.types.milestone': 'Milestone {n}',
  'admin.types.milestoneThreshold': 'Number of signatures',
  'admin.types.milestoneLabel': 'What happens at this milestone',
  'admin.types.milestoneLabelHint':
    'In one language at least. For example: Examined by the city council.',
  'admin.types.milestoneLabelRequired':
    'Describe what happens at this milestone, in one language at least.',
  'admin.types.milestoneIncreasing':
    'Enter a number greater than that of the previous milestone ({previous}).',
  'admin.types.areas': 'Areas',
  'admin.types.areaBreakdownLabel': 'Ask signers for their area',
  'admin.types.areaBreakdownHint':
    'For example their département. Answering is optional and self-declared.',
  'admin.types.areaRuleHint':
    'Area rule (optional): fill in both fields, or neither. It needs signers to be asked their area.',
  'admin.types.areaRuleSignatures': 'Total number of signatures required',
  'admin.types.areaRuleAreas': 'Minimum number of different areas',
  'admin.types.areaRuleNeedsBreakdown': 'An area rule needs “Ask signers for their area” ticked.',
  'admin.types.chooseOne': 'Choose one of the answers offered.',
  'admin.types.duplicate':
    'A petition type already has this name, in French or in English: choose another one.',
  'admin.types.create': 'Create the type',
  'admin.types.save': 'Save the changes',
  'admin.types.done.created': 'The petition type is created.',
  'admin.types.done.saved': 'The petition type is changed.',
};
