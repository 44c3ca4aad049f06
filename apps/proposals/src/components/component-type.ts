import {
  booleanSetting as bool,
  integerSetting as int,
  type ComponentTypeSpec,
} from '@palabre/component-host';
import type { SettingDefinitionJson } from '@palabre/contracts';

/**
 * The `proposals` component type as this service declares it to spaces
 * (spaces.component-type.registered.v1, at every start). Bump VERSION with
 * any change of settings or actions.
 */
export const COMPONENT_TYPE = 'proposals';
export const VERSION = 1;

export const GLOBAL_SETTINGS: SettingDefinitionJson[] = [
  int(
    'proposal_limit',
    0,
    0,
    1000,
    'Propositions par personne (0 : sans limite)',
    'Proposals per person (0: no limit)',
  ),
  int(
    'proposal_length',
    1000,
    100,
    10000,
    'Longueur maximale du texte',
    'Longest proposal text (characters)',
  ),
  int(
    'minimum_age',
    0,
    0,
    120,
    'Âge minimum pour proposer et voter',
    'Minimum age to propose and vote',
  ),
  int(
    'edit_window_minutes',
    15,
    0,
    10080,
    'Délai de modification par l’auteur (minutes)',
    'Minutes an author may edit a proposal',
  ),
  int(
    'vote_limit',
    0,
    0,
    1000,
    'Soutiens par personne (0 : sans limite)',
    'Supports per person (0: no limit)',
  ),
  int(
    'minimum_votes_per_user',
    0,
    0,
    1000,
    'Soutiens minimum pour qu’ils comptent',
    'Supports a person must give before they count',
  ),
  int(
    'threshold_per_proposal',
    0,
    0,
    1000000,
    'Seuil de soutiens par proposition',
    'Supports a proposal needs (threshold)',
  ),
  bool(
    'can_accumulate_votes_beyond_threshold',
    true,
    'Soutiens au-delà du seuil',
    'Supports beyond the threshold',
  ),
  bool(
    'votes_hidden_until_end',
    false,
    'Masquer les soutiens pendant le vote',
    'Hide support counts while voting is open',
  ),
  int(
    'reports_threshold',
    3,
    1,
    100,
    'Signalements avant masquage',
    'Reports before content is hidden',
  ),
  bool('official_proposals_enabled', true, 'Propositions officielles', 'Official proposals'),
  bool('comments_enabled', true, 'Commentaires', 'Comments'),
];

export const PHASE_SETTINGS: SettingDefinitionJson[] = [
  bool('creation_enabled', false, 'Dépôt de propositions', 'Proposal creation'),
  bool('votes_enabled', false, 'Soutiens', 'Supports'),
  bool('votes_blocked', false, 'Soutiens bloqués', 'Supports blocked'),
  bool('votes_hidden', false, 'Soutiens masqués', 'Support counts hidden'),
  bool('comments_blocked', false, 'Commentaires bloqués', 'Comments blocked'),
];

export type Action = 'create' | 'vote' | 'comment' | 'report';

/** A component's settings in force, typed, defaults filled in. */
export interface ComponentSettings {
  proposalLimit: number;
  proposalLength: number;
  minimumAge: number;
  editWindowMinutes: number;
  voteLimit: number;
  minimumVotesPerUser: number;
  thresholdPerProposal: number;
  canAccumulateBeyondThreshold: boolean;
  votesHiddenUntilEnd: boolean;
  reportsThreshold: number;
  officialProposalsEnabled: boolean;
  commentsEnabled: boolean;
  creationEnabled: boolean;
  votesEnabled: boolean;
  votesBlocked: boolean;
  votesHidden: boolean;
  commentsBlocked: boolean;
}

/** Typed settings from the values in force (readSettings filled in the defaults). */
export function settingsFrom(raw: Record<string, unknown>): ComponentSettings {
  const n = (k: string) => raw[k] as number;
  const b = (k: string) => raw[k] as boolean;
  return {
    proposalLimit: n('proposal_limit'),
    proposalLength: n('proposal_length'),
    minimumAge: n('minimum_age'),
    editWindowMinutes: n('edit_window_minutes'),
    voteLimit: n('vote_limit'),
    minimumVotesPerUser: n('minimum_votes_per_user'),
    thresholdPerProposal: n('threshold_per_proposal'),
    canAccumulateBeyondThreshold: b('can_accumulate_votes_beyond_threshold'),
    votesHiddenUntilEnd: b('votes_hidden_until_end'),
    reportsThreshold: n('reports_threshold'),
    officialProposalsEnabled: b('official_proposals_enabled'),
    commentsEnabled: b('comments_enabled'),
    creationEnabled: b('creation_enabled'),
    votesEnabled: b('votes_enabled'),
    votesBlocked: b('votes_blocked'),
    votesHidden: b('votes_hidden'),
    commentsBlocked: b('comments_blocked'),
  };
}

/**
 * Support counts are hidden from the public while the phase hides them, or
 * while voting is open when the component hides them until the end.
 */
export function countsHidden(s: ComponentSettings): boolean {
  return s.votesHidden || (s.votesHiddenUntilEnd && s.votesEnabled);
}

/** The minimum that makes a person's supports count (0 and 1 both mean "at once"). */
export function countingMinimum(s: ComponentSettings): number {
  return Math.max(1, s.minimumVotesPerUser);
}

export const PROPOSALS: ComponentTypeSpec<ComponentSettings> = {
  type: COMPONENT_TYPE,
  service: 'proposals',
  version: VERSION,
  name: { fr: 'Propositions', en: 'Proposals' },
  globalSettings: GLOBAL_SETTINGS,
  phaseSettings: PHASE_SETTINGS,
  actions: [
    {
      name: 'create',
      label: { fr: 'Déposer une proposition', en: 'Create a proposal' },
      enabledBy: 'creation_enabled',
    },
    {
      name: 'vote',
      label: { fr: 'Soutenir', en: 'Support' },
      enabledBy: 'votes_enabled',
      blockedBy: 'votes_blocked',
    },
    { name: 'comment', label: { fr: 'Commenter', en: 'Comment' }, blockedBy: 'comments_blocked' },
    { name: 'report', label: { fr: 'Signaler', en: 'Report' } },
  ],
  settings: settingsFrom,
  // "report" has no phase switch: the answer is about the person and the space only.
  visibilityAction: 'report',
  closedCode: 'ACTION_NOT_ALLOWED',
  noun: 'proposals component',
};
