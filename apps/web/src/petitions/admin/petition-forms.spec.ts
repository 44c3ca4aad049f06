import { parseInteger } from '../../shared/html/form-controls';
import { I18n } from '../../shared/i18n/i18n';
import { parseDay } from '../../shared/forms/form-read';
import { readAnswer, readOffline, readReject } from './petition-actions.form';
import { TYPE_API_FIELDS, readTypeForm } from './petition-type.form';

const fr = new I18n('fr');

describe('back-office forms', () => {
  it('reads whole numbers as people type them, and nothing else', () => {
    expect(parseInteger('100 000')).toBe(100000);
    expect(parseInteger('100\u202f000')).toBe(100000);
    expect(parseInteger('1.250')).toBe(1250);
    expect(parseInteger('-20')).toBe(-20);
    expect(parseInteger('1,5')).toBeNull();
    expect(parseInteger('12abc')).toBeNull();
    expect(parseInteger('')).toBeNull();
  });

  it('reads real dates, in ISO or French order', () => {
    expect(parseDay('2026-11-20')).toBe('2026-11-20');
    expect(parseDay('3/2/2026')).toBe('2026-02-03');
    expect(parseDay('31/02/2026')).toBeNull();
    expect(parseDay('2026-13-01')).toBeNull();
  });

  it('needs a reason to reject, and a non-zero count with a source for paper signatures', () => {
    expect(readReject(fr, { reason: '  ' }).errors).toEqual([
      { field: 'reason', message: 'Ce champ est obligatoire.' },
    ]);
    expect(readReject(fr, { reason: 'Hors des compétences de la commune.' }).dto).toEqual({
      decision: 'reject',
      reason: 'Hors des compétences de la commune.',
    });
    expect(readOffline(fr, { count: '0', source: 'x' }).errors.map((e) => e.field)).toEqual([
      'count',
      'source',
    ]);
    expect(readOffline(fr, { count: '1 250', source: 'Mairie' }).dto).toEqual({
      count: 1250,
      source: 'Mairie',
    });
    expect(
      readAnswer(fr, { answerText: 'Réponse.', answerDate: '20/11/2026', answerUrl: 'ftp://x.fr' })
        .errors,
    ).toEqual([{ field: 'answerUrl', message: expect.stringContaining('adresse web') }]);
  });

  it('reads a petition type with the coherence rules of the service, each error on its field', () => {
    const base = {
      'name-fr': 'Pétition citoyenne',
      signatureDays: '183',
      signers: 'franceconnect',
      authors: 'account',
      active: 'true',
    };
    const bad = readTypeForm(fr, {
      ...base,
      'milestone-0-threshold': '5 000',
      'milestone-0-label-fr': 'Débat',
      'milestone-2-threshold': '1000',
      'milestone-2-label-en': 'Examined',
      areaRuleSignatures: '5000',
    });
    expect(bad.dto).toBeNull();
    expect(bad.errors.map((e) => e.field)).toEqual([
      'milestone-2-threshold',
      'areaRuleAreas',
      'areaBreakdown',
    ]);
    // An empty row in the middle is kept so the form comes back as typed.
    expect(bad.values.milestones).toHaveLength(3);
    const good = readTypeForm(fr, {
      ...base,
      'milestone-0-threshold': '1 000',
      'milestone-0-label-fr': 'Examen en conseil',
      'milestone-0-label-en': ' Examined by the council ',
      'milestone-1-threshold': '2000',
      'milestone-1-label-en': 'Debated',
      areaBreakdown: 'true',
      areaRuleSignatures: '5000',
      areaRuleAreas: '3',
    });
    expect(good.errors).toEqual([]);
    expect(good.dto).toEqual({
      name: { fr: 'Pétition citoyenne' },
      description: {},
      signatureDays: 183,
      signers: 'franceconnect',
      authors: 'account',
      withdrawalAllowed: false,
      milestones: [
        { threshold: 1000, label: { fr: 'Examen en conseil', en: 'Examined by the council' } },
        { threshold: 2000, label: { en: 'Debated' } },
      ],
      areaBreakdown: true,
      areaRule: { signatures: 5000, areas: 3 },
      active: true,
    });
  });

  it('wants a name and each milestone label in one language at least, each language within its limit', () => {
    const read = readTypeForm(fr, {
      'name-fr': '  ',
      'name-en': '',
      'description-fr': 'é'.repeat(4000),
      'description-en': 'x'.repeat(4001),
      signatureDays: '30',
      signers: 'franceconnect',
      authors: 'franceconnect',
      'milestone-0-threshold': '10',
      'milestone-0-label-en': '',
    });
    expect(read.errors).toEqual([
      { field: 'name-fr', message: 'Donnez le nom dans une langue au moins.' },
      {
        field: 'description-en',
        message: expect.stringContaining('caractères (vous en avez saisi'),
      },
      { field: 'milestone-0-label-fr', message: expect.stringContaining('une langue au moins') },
    ]);
    // What the service still refuses lands on the control of the language it names.
    expect(TYPE_API_FIELDS['name.en']).toBe('name-en');
    expect(TYPE_API_FIELDS['milestones.3.label.en']).toBe('milestone-3-label-en');
    expect(TYPE_API_FIELDS['milestones.3.label']).toBe('milestone-3-label-fr');
  });
});
