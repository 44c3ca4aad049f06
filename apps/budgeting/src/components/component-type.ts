import { booleanSetting as bool, type ComponentTypeSpec } from '@palabre/component-host';
import {
  BUDGET_WORKFLOWS,
  type BudgetWorkflow,
  type SettingDefinitionJson,
} from '@palabre/contracts';
import { signInPath } from '../budgeting.exception';

/**
 * The `budgets` component type as this service declares it to spaces
 * (spaces.component-type.registered.v1, at every start). Bump VERSION with
 * any change of settings or actions.
 */
export const COMPONENT_TYPE = 'budgets';
export const VERSION = 2;

export type Workflow = BudgetWorkflow;
export const WORKFLOWS: Workflow[] = [...BUDGET_WORKFLOWS];

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

/** A component's settings in force, typed, defaults filled in. */
export interface ComponentSettings {
  workflow: Workflow;
  allowCancel: boolean;
  showVotes: boolean;
  votesEnabled: boolean;
  showResults: boolean;
}

/** Typed settings from the values in force (readSettings filled in the defaults). */
export function settingsFrom(raw: Record<string, unknown>): ComponentSettings {
  return {
    workflow: raw.workflow as Workflow,
    allowCancel: raw.allow_cancel as boolean,
    showVotes: raw.show_votes as boolean,
    votesEnabled: raw.votes_enabled as boolean,
    showResults: raw.show_results as boolean,
  };
}

/** Refusals that signing in (again) with FranceConnect, as a signer, would lift. */
const FRANCECONNECT_HELPS = new Set(['SIGN_IN_REQUIRED', 'NOT_VERIFIED', 'AGE_UNVERIFIABLE']);

export const BUDGETS: ComponentTypeSpec<ComponentSettings> = {
  type: COMPONENT_TYPE,
  service: 'budgeting',
  version: VERSION,
  name: { fr: 'Budgets', en: 'Budgets' },
  globalSettings: GLOBAL_SETTINGS,
  phaseSettings: PHASE_SETTINGS,
  actions: [{ name: 'vote', label: { fr: 'Voter', en: 'Vote' }, enabledBy: 'votes_enabled' }],
  settings: settingsFrom,
  visibilityAction: 'vote',
  // While the permission is unknown, the strictest: an identity proven by FranceConnect.
  permissionUnknown: { verification: 'franceconnect', minimumAge: null },
  closedCode: 'VOTING_CLOSED',
  noun: 'budgets component',
  closedMessage: (message) => (message ? `Voting is closed: ${message}` : 'Voting is closed'),
  // Where a FranceConnect sign-in brings the voter back: the component's (or a budget's) page.
  refusalExtra: (a, where, budgetId) =>
    FRANCECONNECT_HELPS.has(a.reason)
      ? { signIn: signInPath({ spaceId: where.spaceId, id: where.componentId }, budgetId) }
      : {},
};
