import type { sortitionsAdminFr } from './sortitions-admin.fr';

/** English messages of the administrators' sortitions pages: every key of the French part, checked by the type. */
export const sortitionsAdminEn: Record<keyof typeof sortitionsAdminFr, string> = {
  'sortitionsAdmin.manageLink': 'Manage the draws by lot',
  'sortitionsAdmin.section.title': 'Draws by lot',
  'sortitionsAdmin.section.description':
    'Prepare verifiable draws by lot among proposals or for a citizens’ panel, draw them before witnesses or cancel them.',
  'sortitionsAdmin.index.title': 'Draws by lot of the spaces',
  'sortitionsAdmin.index.intro':
    'Each “Draws by lot” component of the spaces you administer, with its draws.',
  'sortitionsAdmin.index.none':
    'None of your spaces has a “Draws by lot” component. Add one from the space’s page.',
  'sortitionsAdmin.breadcrumb': 'Breadcrumb',
  'sortitionsAdmin.component': 'Draws by lot',
  'sortitionsAdmin.component.title': 'Draws by lot: {name}',
  'sortitionsAdmin.publicList': 'See the draws on the site',
  'sortitionsAdmin.settings': 'Component settings (how long pools are kept…)',
  'sortitionsAdmin.list.title': 'The draws',
  'sortitionsAdmin.list.none': 'No draw yet: prepare the first one below.',
  'sortitionsAdmin.table.draw': 'Draw',
  'sortitionsAdmin.table.state': 'Kind and state',
  'sortitionsAdmin.table.when': 'Date',
  'sortitionsAdmin.table.count': 'Drawn',
  'sortitionsAdmin.table.actions': 'Actions',
  'sortitionsAdmin.action.draw': 'Draw',
  'sortitionsAdmin.action.cancel': 'Cancel',
  'sortitionsAdmin.action.public': 'Public page',
  'sortitionsAdmin.back': 'Back to the component’s draws',

  'sortitionsAdmin.form.title': 'Title',
  'sortitionsAdmin.form.description': 'Presentation',
  'sortitionsAdmin.form.descriptionHint':
    'Optional. Say where the public numbers will come from (dice rolled at the public session, the lottery draw of a given date): announced in advance, they cannot be picked among several.',
  'sortitionsAdmin.form.revealAt': 'When the public numbers will be revealed',
  'sortitionsAdmin.form.revealAtHint':
    'Local time ({zone}), for example 12/03/2027 18:00. It is announced with the commitment: the public numbers must only be known after it is published.',

  'sortitionsAdmin.proposals.title': 'Prepare a draw among proposals',
  'sortitionsAdmin.proposals.intro':
    'The list of candidate proposals is fixed now and its commitment published: the proposals published, neither withdrawn, hidden nor rejected.',
  'sortitionsAdmin.proposals.noSource': 'This space has no “Proposals” component to draw among.',
  'sortitionsAdmin.proposals.source': 'Proposals of',
  'sortitionsAdmin.proposals.sourceHint': 'A “Proposals” component of this space.',
  'sortitionsAdmin.proposals.area': 'Area',
  'sortitionsAdmin.proposals.areaHint':
    'Optional: only the proposals of this area, spelt as on the proposals.',
  'sortitionsAdmin.proposals.count': 'Number of proposals to draw',
  'sortitionsAdmin.proposals.countHint': 'From 1 to 1,000.',
  'sortitionsAdmin.proposals.button': 'Fix the list and publish the commitment',
  'sortitionsAdmin.proposals.noCandidates':
    'This component has no published proposal (neither withdrawn, hidden nor rejected) to draw among.',
  'sortitionsAdmin.proposals.noCandidatesArea':
    'No published proposal of the area “{area}” to draw among: check its spelling.',

  'sortitionsAdmin.panel.title': 'Prepare a citizens’ panel',
  'sortitionsAdmin.panel.intro':
    'The pool of volunteers, the quotas and the fairest distribution over the possible panels are fixed now and their commitment published, with each group’s chance.',
  'sortitionsAdmin.panel.size': 'Size of the panel',
  'sortitionsAdmin.panel.sizeHint': 'The number of members drawn by lot, from 1 to 1,000.',
  'sortitionsAdmin.panel.button': 'Fix the pool and publish the commitment',
  'sortitionsAdmin.pool.formatTitle': 'The pool of volunteers',
  'sortitionsAdmin.pool.format':
    'Paste the CSV file (UTF-8): a header line, “id” then a column per category of the quotas, then one line per volunteer. Commas or semicolons.',
  'sortitionsAdmin.pool.names':
    'Identifiers are the numbers of your register of volunteers (letters, digits, dots, dashes): never names, addresses or email addresses, since the list is published with the draw.',
  'sortitionsAdmin.pool.example': 'For example:',
  'sortitionsAdmin.pool.fullExample': 'A full pool: {link}.',
  'sortitionsAdmin.pool.fullExampleLink': 'the pool of the draw “{title}” (CSV)',
  'sortitionsAdmin.pool.label': 'Pool (CSV)',
  'sortitionsAdmin.pool.hint': 'Format and example above.',
  'sortitionsAdmin.pool.line': 'Line {line} of the pool: {why}',
  'sortitionsAdmin.pool.encoding': 'a character is not UTF-8 text (save the file as “CSV UTF-8”).',
  'sortitionsAdmin.pool.empty': 'the pool is empty.',
  'sortitionsAdmin.pool.noCategory': 'name at least one category after “id”.',
  'sortitionsAdmin.pool.unnamedCategory': 'a column of the header has no name.',
  'sortitionsAdmin.pool.categoryTwice': 'the category “{category}” is named twice.',
  'sortitionsAdmin.pool.categoryNoQuota': '“{category}” is not a category of the quotas below.',
  'sortitionsAdmin.pool.quotaNoColumn': 'the quotas’ category “{category}” has no column.',
  'sortitionsAdmin.pool.tooMany': 'at most {max} volunteers.',
  'sortitionsAdmin.pool.columns': '{count} columns instead of {expected}.',
  'sortitionsAdmin.pool.identifier':
    '“{id}” is not an identifier: 1 to 64 letters, digits, dots, dashes or underscores, the volunteer’s number in your register, never a name or an address.',
  'sortitionsAdmin.pool.duplicate': 'the identifier “{id}” is already on line {earlier}.',
  'sortitionsAdmin.pool.noValue': 'no value for “{category}”.',
  'sortitionsAdmin.pool.valueTooLong': 'the value of “{category}” is longer than {max} characters.',
  'sortitionsAdmin.pool.unknownValue': '“{value}” is not a value of “{category}” in the quotas.',
  'sortitionsAdmin.pool.noVolunteer': 'the pool has no volunteer.',
  'sortitionsAdmin.pool.csv': 'the CSV is malformed (quotation marks, number of columns).',
  'sortitionsAdmin.pool.duplicateLine': 'this identifier is already further up.',
  'sortitionsAdmin.pool.unknown': 'a category or a value that is not in the quotas below.',
  'sortitionsAdmin.pool.missing': 'a value is missing.',
  'sortitionsAdmin.pool.refused': 'the service refuses this line.',
  'sortitionsAdmin.quotas.legend': 'Quotas',
  'sortitionsAdmin.quotas.hint':
    'One line per value of each category of the pool (for example gender F, gender M, age 18-34…): the minimum and maximum number of panel members who have it. Empty minimum: 0; empty maximum: the size of the panel. Empty lines are ignored.',
  'sortitionsAdmin.quotas.caption': 'Quotas per category and value',
  'sortitionsAdmin.quotas.number': 'Line',
  'sortitionsAdmin.quotas.category': 'Category',
  'sortitionsAdmin.quotas.value': 'Value',
  'sortitionsAdmin.quotas.min': 'Minimum',
  'sortitionsAdmin.quotas.max': 'Maximum',
  'sortitionsAdmin.quotas.row': 'line {row}',
  'sortitionsAdmin.quotas.more':
    '{count} lines. Need more? The “More quota lines” button, at the bottom of the form, adds six without erasing anything.',
  'sortitionsAdmin.quotas.moreButton': 'More quota lines',

  'sortitionsAdmin.done.prepared':
    'The list is fixed and its commitment published. The draw will be made with the public numbers revealed on the date announced.',
  'sortitionsAdmin.done.drawn': 'The draw is made and its result published.',
  'sortitionsAdmin.done.cancelled': 'The draw is cancelled; its reason is shown on its page.',

  'sortitionsAdmin.draw.preparedAt': 'List fixed on {date}',
  'sortitionsAdmin.draw.publicPage': 'See the draw’s public page',
  'sortitionsAdmin.draw.poolCsv': 'The pool (CSV), while it is kept',
  'sortitionsAdmin.draw.json': 'The draw.json file (to redo the draw)',
  'sortitionsAdmin.draw.drawnWith': 'Drawn with the public numbers {numbers}.',
  'sortitionsAdmin.draw.title': 'Draw now',
  'sortitionsAdmin.draw.intro':
    'Type the public numbers as they were revealed (dice rolled before witnesses, a lottery result), exactly as announced. The result follows by calculation: nobody can choose it.',
  'sortitionsAdmin.draw.early':
    'The public numbers are announced for {date}. Drawing earlier would go against what was announced.',
  'sortitionsAdmin.draw.numbers': 'Public numbers',
  'sortitionsAdmin.draw.numbersHint':
    'For example: Dice rolled at the public session: 4 2 6 1 5 3. At most 500 characters.',
  'sortitionsAdmin.draw.witnesses': 'Witnesses',
  'sortitionsAdmin.draw.witnessesHint': 'Optional: who saw the numbers being drawn.',
  'sortitionsAdmin.draw.button': 'Draw',
  'sortitionsAdmin.draw.ask': 'Draw “{title}” now?',
  'sortitionsAdmin.draw.askWhat':
    'The result will be calculated from the published commitment and the public numbers “{numbers}”, then published with them on the draw’s page.',
  'sortitionsAdmin.draw.askFinal':
    'a draw is made once: it can be neither redone nor corrected, only cancelled with a reason that stays shown.',
  'sortitionsAdmin.draw.confirm': 'Draw',
  'sortitionsAdmin.draw.wrongState':
    'This draw was made or cancelled already, or its pool was deleted: it can no longer be drawn.',

  'sortitionsAdmin.cancel.title': 'Cancel the draw',
  'sortitionsAdmin.cancel.intro':
    'A cancelled draw is never made. It stays shown on the site, with the reason you give.',
  'sortitionsAdmin.cancel.introDrawn':
    'The draw is made. Cancelling it does not erase it: it stays shown, with its result and the reason you give.',
  'sortitionsAdmin.cancel.reason': 'Reason for cancelling',
  'sortitionsAdmin.cancel.reasonHint': 'Published on the draw’s page. At most 2,000 characters.',
  'sortitionsAdmin.cancel.button': 'Cancel the draw',
  'sortitionsAdmin.cancel.ask': 'Cancel the draw “{title}”?',
  'sortitionsAdmin.cancel.askWhat':
    'The draw will be marked as cancelled, with this reason on its public page: “{reason}”.',
  'sortitionsAdmin.cancel.askFinal':
    'a cancelled draw is never made nor replaced; to draw by lot, a new one must be prepared, with a new commitment.',
  'sortitionsAdmin.cancel.askFinalDrawn':
    'the cancellation stays shown with the result; the draw cannot be redone.',
  'sortitionsAdmin.cancel.confirm': 'Cancel the draw',
  'sortitionsAdmin.cancel.wrongState': 'This draw is cancelled already.',

  'sortitionsAdmin.error.notAllowed':
    'Only the administrators of the space and of the organization manage its draws by lot.',
  'sortitionsAdmin.error.wrongState':
    'This draw is no longer in the state the page showed: reload it.',
  'sortitionsAdmin.error.title': 'Give the draw a title, in French or in English.',
  'sortitionsAdmin.error.tooLong': 'Write at most {max} characters.',
  'sortitionsAdmin.error.required': 'This field is required.',
  'sortitionsAdmin.error.whole': 'A whole number from {min} to {max}.',
  'sortitionsAdmin.error.date': 'Type a date and a time, for example 12/03/2027 18:00.',
  'sortitionsAdmin.error.revealAtRequired': 'Announce when the public numbers will be revealed.',
  'sortitionsAdmin.error.revealAtPast':
    'The public numbers must be revealed after the commitment is published: choose a date to come.',
  'sortitionsAdmin.error.source': 'Choose a “Proposals” component of this space.',
  'sortitionsAdmin.error.quotaPart': 'Quota line {row}: the category or the value is missing.',
  'sortitionsAdmin.error.bound': 'Quota line {row}: a whole number from 0 to {max}, or nothing.',
  'sortitionsAdmin.error.minAboveMax': 'Quota line {row}: the minimum is above the maximum.',
  'sortitionsAdmin.error.quotaTwice':
    'Quota line {row}: “{category}” = “{value}” is already on an earlier line.',
  'sortitionsAdmin.error.noQuota':
    'Give at least one quota: one line per value of each category of the pool.',
  'sortitionsAdmin.error.manyQuotas': 'At most {max} quotas.',
  'sortitionsAdmin.error.quotaRefused': 'Quota line {row}: {why}',
  'sortitionsAdmin.error.quotaRow': 'the service refuses this quota.',
  'sortitionsAdmin.error.poolRequired': 'Paste the pool of volunteers (CSV).',
  'sortitionsAdmin.error.poolTooLong': 'The pool is longer than 4 million characters.',
  'sortitionsAdmin.error.poolSmall':
    'The pool holds only {count} volunteers: fewer than the size of the panel.',
  'sortitionsAdmin.error.publicNumbers': 'Type the public numbers as they were revealed.',
  'sortitionsAdmin.error.reason': 'Give the reason for cancelling: it will be published.',
  'sortitionsAdmin.infeasible.poolSmall':
    'The pool holds only {count} volunteers, fewer than the size of the panel ({size}).',
  'sortitionsAdmin.infeasible.together':
    'No panel of {size} people meets all the quotas together, although each category can be met alone: loosen some quotas.',
  'sortitionsAdmin.infeasible.tooFew':
    '“{category}” = “{value}” asks for at least {min} members, but the pool holds only {available}.',
  'sortitionsAdmin.infeasible.value':
    'No panel of {size} people meets the quota of “{category}” = “{value}”.',
  'sortitionsAdmin.infeasible.sumMin':
    'The minimums of “{category}” add up to {sum} members, more than the size of the panel ({size}).',
  'sortitionsAdmin.infeasible.sumMax':
    'The maximums of “{category}” add up to {sum} members, fewer than the size of the panel ({size}).',
  'sortitionsAdmin.infeasible.capacity':
    'Within the maximums of “{category}”, the pool can fill only {capacity} of the {size} seats.',
  'sortitionsAdmin.infeasible.category':
    'The quotas of “{category}” cannot be met together with those of the other categories by a panel of {size} people.',
};
