import { I18n } from '../../shared/i18n/i18n';
import type { ComponentType, SettingDef } from '../spaces.api';
import { readAllSettings, readPermission, readSettings, shownValue } from './component.form';
import { readPhaseForm, readSpaceForm } from './space.form';

const fr = new I18n('fr');
const DEFS: SettingDef[] = [
  { name: 'creation_enabled', type: 'boolean', default: false, label: { fr: 'Dépôt' } },
  { name: 'votes_limit', type: 'integer', default: 0, minimum: 0, maximum: 10, label: {} },
  { name: 'order', type: 'enum', default: 'random', choices: ['random', 'recent'], label: {} },
  { name: 'announcement', type: 'string', default: '', maxLength: 10, label: {} },
];

describe('settings forms generated from a type', () => {
  it('reads each kind: an unticked box is false, an empty number goes back to the default', () => {
    const r = readSettings(fr, { 'g-order': 'recent', 'g-announcement': ' Bienvenue ' }, DEFS, 'g');
    expect(r.errors).toEqual([]);
    expect(r.dto).toEqual({
      creation_enabled: false,
      votes_limit: null,
      order: 'recent',
      announcement: 'Bienvenue',
    });
    expect(
      readSettings(
        fr,
        { 'g-creation_enabled': 'true', 'g-votes_limit': '7', 'g-order': 'random' },
        DEFS,
        'g',
      ).dto,
    ).toMatchObject({ creation_enabled: true, votes_limit: 7 });
  });

  it('reads the whole settings form: global, no active phase, and only the phases it showed', () => {
    const type = { globalSettings: DEFS.slice(1, 2), phaseSettings: DEFS } as ComponentType;
    const [one, two] = [
      '6f1c2a4e-0000-4000-8000-000000000001',
      '6f1c2a4e-0000-4000-8000-000000000002',
    ];
    const body = {
      'global-votes_limit': '4',
      'default-order': 'random',
      phases: [one, two],
      [`phase-${one}-creation_enabled`]: 'true',
      [`phase-${one}-order`]: 'recent',
      [`phase-${two}-order`]: 'random',
    };
    const r = readAllSettings(fr, body, type);
    expect(r.errors).toEqual([]);
    expect(r.dto).toEqual({
      settings: { votes_limit: 4 },
      defaultPhaseSettings: {
        creation_enabled: false,
        votes_limit: null,
        order: 'random',
        announcement: '',
      },
      phaseSettings: {
        [one]: { creation_enabled: true, votes_limit: null, order: 'recent', announcement: '' },
        [two]: { creation_enabled: false, votes_limit: null, order: 'random', announcement: '' },
      },
    });
    // A phase the form did not show (added since) is left alone, not read as "all off".
    expect(
      Object.keys(readAllSettings(fr, { ...body, phases: one }, type).dto!.phaseSettings),
    ).toEqual([one]);
    // One bad value in one phase: named on its field, and nothing to send.
    const bad = readAllSettings(fr, { ...body, [`phase-${two}-votes_limit`]: '11' }, type);
    expect(bad.dto).toBeNull();
    expect(bad.errors).toEqual([
      { field: `phase-${two}-votes_limit`, message: expect.stringContaining('10') },
    ]);
    expect(bad.values[`phase-${two}-votes_limit`]).toBe('11');
  });

  it('names each bad value on its field: bounds, whole numbers, choices, length', () => {
    const r = readSettings(
      fr,
      { 'p-votes_limit': '11', 'p-order': 'oldest', 'p-announcement': 'beaucoup trop long' },
      DEFS,
      'p',
    );
    expect(r.dto).toBeNull();
    expect(r.errors.map((e) => e.field)).toEqual(['p-votes_limit', 'p-order', 'p-announcement']);
    expect(r.errors[0].message).toContain('de 0 à 10');
    expect(
      readSettings(fr, { 'p-votes_limit': '2,5', 'p-order': 'random' }, DEFS, 'p').errors[0],
    ).toEqual({
      field: 'p-votes_limit',
      message: 'Saisissez un nombre entier.',
    });
  });

  it('shows what is stored, else the default', () => {
    expect(shownValue(DEFS[0], {})).toBe('');
    expect(shownValue(DEFS[0], { creation_enabled: true })).toBe('true');
    expect(shownValue(DEFS[1], { votes_limit: 4 })).toBe('4');
    expect(shownValue(DEFS[2], {})).toBe('random');
  });
});

describe('permission form', () => {
  it('reads who may act, and refuses an age out of 1–18 (no age above adult is known)', () => {
    expect(
      readPermission(
        fr,
        { 'perm-vote-verification': 'franceconnect', 'perm-vote-age': '16' },
        'vote',
      ).dto,
    ).toEqual({ verification: 'franceconnect', minimumAge: 16, membersOnly: false });
    const bad = readPermission(
      fr,
      { 'perm-vote-verification': 'maybe', 'perm-vote-age': '0' },
      'vote',
    );
    expect(bad.dto).toBeNull();
    expect(bad.errors.map((e) => e.field)).toEqual(['perm-vote-verification', 'perm-vote-age']);
    const adultPlus = readPermission(
      fr,
      { 'perm-vote-verification': 'franceconnect', 'perm-vote-age': '21' },
      'vote',
    );
    expect(adultPlus.dto).toBeNull();
    expect(adultPlus.errors.map((e) => e.field)).toEqual(['perm-vote-age']);
  });
});

describe('space and phase forms', () => {
  it('sends only the languages written, dates as YYYY-MM-DD, and no autoPhases for an assembly', () => {
    const r = readSpaceForm(
      fr,
      {
        kind: 'assembly',
        slug: 'conseil-nord',
        'title-fr': 'Conseil nord',
        startsOn: '01/02/2026',
      },
      { creating: true },
    );
    expect(r.errors).toEqual([]);
    expect(r.dto).toMatchObject({
      kind: 'assembly',
      title: { fr: 'Conseil nord' },
      subtitle: {},
      startsOn: '2026-02-01',
      endsOn: null,
      imageUrl: null,
    });
    expect(r.dto).not.toHaveProperty('autoPhases');
  });

  it('refuses what the API would, each on its field', () => {
    const r = readSpaceForm(
      fr,
      { kind: 'assembly', slug: 'settings', autoPhases: 'true', videoUrl: 'https://localhost' },
      { creating: true },
    );
    expect(r.errors.map((e) => e.field)).toEqual(['slug', 'title-fr', 'videoUrl', 'autoPhases']);
    const p = readPhaseForm(fr, {
      'phaseTitle-en': 'Vote',
      phaseStartsOn: '2026-05-02',
      phaseEndsOn: '2026-05-01',
    });
    expect(p.errors.map((e) => e.field)).toEqual(['phaseEndsOn']);
  });
});
