import {
  BUDGET_WORKFLOWS,
  type BudgetWorkflow,
  type ComponentTypeRegisteredJson,
  type SettingDefinitionJson,
} from '@palabre/contracts';

/**
 * The `budgets` component type as this service declares it to spaces
 * (spaces.component-type.registered.v1, at every start). Bump VERSION with
 * any change of settings or actions.
 */
export const COMPONENT_TYPE = 'budgets';
export const VERSION = 2;

export type Workflow = BudgetWorkflow;
export const WORKFLOWS: Workflow[] = [...BUDGET_WORKFLOWS];

const bool = (name: string, fallback: boolean, fr: string, en: string): SettingDefinitionJson => ({
  name,
  type: 'SETTING_TYPE_BOOLEAN',
  defaultValue: fallback,
  label: { fr, en },
});

export const GLOBAL_SETTINGS: SettingDefinitionJson[] = [
  {
    name: 'workflow',
    type: 'SETTING_TYPE_ENUM',
    choices: WORKFLOWS,
    choiceLabels: [
      { value: 'all', label: { fr: 'Tous les budgets', en: 'All budgets' } },
      { value: 'one', label: { fr: 'Un seul budget', en: 'Only one budget' } },
      {
        value: 'district_plus_one',
        label: {
          fr: 'Le budget de son quartier et un autre',
          en: 'Their district’s budget and one other',
        },
      },
    ],
    defaultValue: 'all',
    label: {
      fr: 'Budgets où voter : tous, un seul, ou celui de mon quartier plus un autre',
      en: 'Budgets a person votes in: all, only one, or their district plus one other',
    },
  },
  bool(
    'allow_cancel',
    false,
    'Annuler un vote validé tant que le vote est ouvert',
    'Let voters cancel a checked-out vote while voting is open',
  ),
  bool(
    'show_votes',
    false,
    'Afficher les votes pendant le vote',
    'Show vote counts while voting is open',
  ),
];

export const PHASE_SETTINGS: SettingDefinitionJson[] = [
  bool('votes_enabled', false, 'Vote ouvert', 'Voting open'),
  bool('show_results', false, 'Résultats publiés', 'Results shown'),
];

export function registration(): ComponentTypeRegisteredJson {
  return {
    type: COMPONENT_TYPE,
    service: 'budgeting',
    version: VERSION,
    name: { fr: 'Budgets', en: 'Budgets' },
    globalSettings: GLOBAL_SETTINGS,
    phaseSettings: PHASE_SETTINGS,
    actions: [
      {
        name: 'vote',
        label: { fr: 'Voter', en: 'Vote' },
        enabledBy: 'votes_enabled',
      },
    ],
  };
}

/** A component's settings in force, typed, defaults filled in. */
export interface ComponentSettings {
  workflow: Workflow;
  allowCancel: boolean;
  showVotes: boolean;
  votesEnabled: boolean;
  showResults: boolean;
}

/** Reads settings as spaces sent them (unknown or ill-typed values fall back to the defaults). */
export function settingsFrom(stored: Record<string, unknown>): ComponentSettings {
  const b = (k: string, d: boolean) =>
    typeof stored[k] === 'boolean' ? (stored[k] as boolean) : d;
  const w = stored.workflow;
  return {
    workflow: WORKFLOWS.includes(w as Workflow) ? (w as Workflow) : 'all',
    allowCancel: b('allow_cancel', false),
    showVotes: b('show_votes', false),
    votesEnabled: b('votes_enabled', false),
    showResults: b('show_results', false),
  };
}
