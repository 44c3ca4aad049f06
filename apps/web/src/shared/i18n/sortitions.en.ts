import type { sortitionsFr } from './sortitions.fr';

/** English messages of the public pages of draws by lot: every key of the French part, checked by the type. */
export const sortitionsEn: Record<keyof typeof sortitionsFr, string> = {
  'sortitions.intro':
    'Every draw by lot can be checked: the list drawn from is sealed and published before the draw, chance comes from public numbers revealed afterwards, and anyone can redo the calculation.',
  'sortitions.none': 'No draw by lot yet.',
  'sortitions.kind.proposals': 'Among proposals',
  'sortitions.kind.panel': 'Citizens’ panel',
  'sortitions.state.prepared': 'To be drawn',
  'sortitions.state.drawn': 'Drawn',
  'sortitions.state.cancelled': 'Cancelled',
  'sortitions.toBeDrawnOn': 'To be drawn on {date}',
  'sortitions.notYetDrawn': 'Not drawn yet',
  'sortitions.drawnOn': 'Drawn on {date}',
  'sortitions.drawnThenCancelled': 'Drawn on {date}, then cancelled',
  'sortitions.cancelledUndrawn': 'Cancelled before it was drawn',
  'sortitions.cancelledOn': 'Cancelled on {date}',
  'sortitions.countAmong.proposals_one': '{count} proposal among {among}',
  'sortitions.countAmong.proposals_other': '{count} proposals among {among}',
  'sortitions.countAmong.panel_one': '{count} person among {among} volunteers',
  'sortitions.countAmong.panel_other': '{count} people among {among} volunteers',
  'sortitions.manage': 'Manage this draw',
  'sortitions.cancelled.title': 'This draw was cancelled.',
  'sortitions.cancelled.reason': 'Reason:',

  'sortitions.before.title': 'Before the draw',
  'sortitions.before.intro':
    'The list drawn from was fixed before the draw, and its fingerprint published: if a single character of the list changed, the fingerprint would be completely different.',
  'sortitions.before.commitment': 'Commitment (SHA-256 fingerprint of the list)',
  'sortitions.before.preparedAt': 'List fixed on',
  'sortitions.before.revealAt': 'Public numbers revealed',
  'sortitions.before.revealAtNone': 'Date not announced',
  'sortitions.before.candidates': 'Candidate proposals',
  'sortitions.before.candidatesCount_one': '{count} proposal',
  'sortitions.before.candidatesCount_other': '{count} proposals',
  'sortitions.before.area': 'area “{area}”',
  'sortitions.before.count': 'Proposals drawn',
  'sortitions.before.candidatesHint':
    'The candidates are the proposals published when the list was fixed, neither withdrawn, hidden nor rejected. The full list is in the draw.json file below.',
  'sortitions.before.panel': 'Panel',
  'sortitions.before.categories': 'Categories of the quotas',
  'sortitions.chances.title': 'Each volunteer’s chance',
  'sortitions.chances.intro':
    'With quotas, not everyone can have exactly the same chance of being drawn. The distribution published with the commitment makes the smallest chance as large as possible (the LEXIMIN method); here, for each group, are the number of volunteers, the seats it gets and the chance of each of its members.',
  'sortitions.chances.caption': 'Selection chances per group',
  'sortitions.chances.category': 'Category',
  'sortitions.chances.value': 'Group',
  'sortitions.chances.volunteers': 'Volunteers',
  'sortitions.chances.seats': 'Seats on the panel',
  'sortitions.chances.lowest': 'Lowest chance',
  'sortitions.chances.highest': 'Highest chance',
  'sortitions.chances.min': 'Lowest chance of any volunteer: {min} (uniform ideal: {uniform}).',
  'sortitions.chances.minHint':
    'The uniform ideal is everyone’s chance without quotas: {count} seats for {among} volunteers.',
  'sortitions.pool.deletesAt':
    'The list of volunteers (identifiers and categories) will be deleted on {date}, at the end of its retention period.',
  'sortitions.pool.deleted':
    'The list of volunteers was deleted on {date}, at the end of its retention period. The draw keeps its commitment, public numbers, result and published chances.',

  'sortitions.draw.title': 'The draw',
  'sortitions.draw.notYet':
    'The draw is not made yet: the public numbers will be revealed on {date}.',
  'sortitions.draw.notYetUndated': 'The draw is not made yet.',
  'sortitions.draw.never': 'This draw will not be made.',
  'sortitions.draw.numbers': 'Public numbers',
  'sortitions.draw.witnesses': 'Witnesses',
  'sortitions.draw.drawnAt': 'Drawn on',
  'sortitions.result.title': 'Result',
  'sortitions.result.proposals': 'Proposals drawn, in the order of the draw:',
  'sortitions.result.panel':
    'Members of the panel, in the order of the draw (numbers in the register of volunteers, never names):',
  'sortitions.result.replacements_one': 'Replacements ({count})',
  'sortitions.result.replacements_other': 'Replacements ({count})',
  'sortitions.result.replacementsHint':
    'If a member withdraws, the first replacement still available in their group takes their seat: the quotas stay met.',
  'sortitions.result.moreReplacements_one': 'And {count} more, in draw.json.',
  'sortitions.result.moreReplacements_other': 'And {count} more, in draw.json.',

  'sortitions.verify.title': 'Verify this draw',
  'sortitions.verify.intro':
    'You do not have to take the platform’s word for it: the draw.json file holds the sealed list, the commitment and, once drawn, the public numbers and the result. The same calculation gives the same result on any computer.',
  'sortitions.verify.json': 'This draw’s draw.json file',
  'sortitions.verify.command':
    'With Node.js 22.18 or later, from a copy of Palabre’s source code, this command redoes the draw:',
  'sortitions.verify.verified':
    'It ends with VERIFIED if the commitment matches the list and the calculation gives exactly the published result.',
  'sortitions.verify.keepCopy':
    'Keep a copy of this page or of draw.json now (or a web archive): it will prove that the commitment was public before the numbers were known.',
  'sortitions.verify.poolDeleted':
    'The list of volunteers having been deleted, draw.json no longer holds it: the draw can no longer be redone, but its commitment and result stay published.',
  'sortitions.verify.readme':
    'The steps to follow, what the calculation cannot check for you, and the recipe to write your own check are in tools/sortition/README.md, in Palabre’s source code.',
};
