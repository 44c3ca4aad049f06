import { fromJson, type JsonValue } from '@bufbuild/protobuf';
import {
  ComponentTypeRegisteredSchema,
  type ComponentTypeRegisteredJson,
} from '@palabre/contracts';
import {
  applyPatch,
  componentTypeFrom,
  effective,
  InvalidRegistrationError,
  validateSettings,
} from './component-type';

/** A registration as a service publishes it (proto3 JSON), decoded like the consumer does. */
const registration = (over: Partial<ComponentTypeRegisteredJson> = {}) =>
  fromJson(ComponentTypeRegisteredSchema, {
    type: 'proposals',
    service: 'proposals',
    version: 3,
    globalSettings: [
      {
        name: 'votes_limit',
        type: 'SETTING_TYPE_INTEGER',
        minimum: 0,
        maximum: 10,
        defaultValue: 2,
      },
    ],
    phaseSettings: [{ name: 'votes_enabled', type: 'SETTING_TYPE_BOOLEAN' }],
    actions: [{ name: 'vote', enabledBy: 'votes_enabled' }],
    ...over,
  } as JsonValue);

describe('component type registrations', () => {
  it('reads settings with their defaults and actions with their switches', () => {
    const t = componentTypeFrom(registration());
    expect(t).toMatchObject({
      type: 'proposals',
      version: 3,
      organizationId: null,
      globalSettings: [
        { name: 'votes_limit', type: 'integer', default: 2, minimum: 0, maximum: 10 },
      ],
      phaseSettings: [{ name: 'votes_enabled', type: 'boolean', default: false }],
      actions: [{ name: 'vote', enabledBy: 'votes_enabled' }],
    });
  });

  it('keeps the words for the choices of an enum, by locale', () => {
    const t = componentTypeFrom(
      registration({
        globalSettings: [
          {
            name: 'workflow',
            type: 'SETTING_TYPE_ENUM',
            choices: ['all', 'one'],
            choiceLabels: [{ value: 'one', label: { fr: 'Un seul budget', en: 'One budget' } }],
          },
        ],
      }),
    );
    expect(t.globalSettings[0]).toEqual({
      name: 'workflow',
      type: 'enum',
      default: 'all',
      choices: ['all', 'one'],
      choiceLabels: { one: { fr: 'Un seul budget', en: 'One budget' } },
      label: {},
    });
  });

  it.each([
    [
      'an action switched by an unknown setting',
      { actions: [{ name: 'vote', enabledBy: 'nope' }] },
    ],
    ['a name that is not kebab-case', { type: 'Proposals' }],
    [
      'a default of the wrong type',
      {
        phaseSettings: [
          { name: 'votes_enabled', type: 'SETTING_TYPE_BOOLEAN', defaultValue: 'yes' },
        ],
      },
    ],
    [
      'a setting declared twice',
      { phaseSettings: [{ name: 'votes_limit', type: 'SETTING_TYPE_BOOLEAN' }] },
    ],
    ['an enum without choices', { globalSettings: [{ name: 'order', type: 'SETTING_TYPE_ENUM' }] }],
    ['a setting without a type', { globalSettings: [{ name: 'order' }] }],
    [
      'a label for something that is not a choice',
      {
        globalSettings: [
          {
            name: 'order',
            type: 'SETTING_TYPE_ENUM',
            choices: ['random'],
            choiceLabels: [{ value: 'recent', label: { fr: 'Récentes' } }],
          },
        ],
      },
    ],
    [
      'choice labels on a setting that is not an enum',
      {
        globalSettings: [
          {
            name: 'votes_limit',
            type: 'SETTING_TYPE_INTEGER',
            choiceLabels: [{ value: '1', label: { fr: 'Un' } }],
          },
        ],
      },
    ],
  ] as [string, Partial<ComponentTypeRegisteredJson>][])('refuses %s', (_what, over) => {
    expect(() => componentTypeFrom(registration(over))).toThrow(InvalidRegistrationError);
  });
});

describe('settings against a type', () => {
  const t = componentTypeFrom(registration());

  it('names unknown settings and bad values by their field', () => {
    expect(
      validateSettings(
        t.globalSettings,
        { votes_limit: 11, colour: 'red' },
        'settings',
        'proposals',
      ),
    ).toEqual([
      { field: 'settings.votes_limit', message: 'must be at most 10' },
      {
        field: 'settings.colour',
        message: 'unknown setting for components of type proposals; known: votes_limit',
      },
    ]);
    expect(
      validateSettings(t.globalSettings, { votes_limit: null }, 'settings', 'proposals'),
    ).toEqual([]);
  });

  it('fills in defaults and ignores stored values a newer type no longer accepts', () => {
    expect(effective(t.globalSettings, {})).toEqual({ votes_limit: 2 });
    expect(effective(t.globalSettings, { votes_limit: 50, gone: true })).toEqual({
      votes_limit: 2,
    });
    expect(applyPatch({ votes_limit: 4 }, { votes_limit: null })).toEqual({});
  });
});
