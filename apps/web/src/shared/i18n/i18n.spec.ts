import { en } from './messages.en';
import { fr } from './messages.fr';
import { I18n, fromAcceptLanguage } from './i18n';

describe('i18n', () => {
  it('has the same keys, all non-empty, with the same placeholders in every language', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
    for (const key of Object.keys(fr) as (keyof typeof fr)[]) {
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(en[key].trim()).not.toBe('');
      expect([key, names(en[key])]).toEqual([key, names(fr[key])]);
    }
  });

  it('picks the best supported language from Accept-Language', () => {
    expect(fromAcceptLanguage('de-DE,de;q=0.9,en;q=0.8,fr;q=0.7')).toBe('en');
    expect(fromAcceptLanguage('fr-CA')).toBe('fr');
    expect(fromAcceptLanguage('en;q=0, fr;q=0.1')).toBe('fr');
    expect(fromAcceptLanguage('de')).toBeNull();
    expect(fromAcceptLanguage(undefined)).toBeNull();
  });

  it('formats numbers, plurals, dates and time left per locale', () => {
    const f = new I18n('fr');
    const e = new I18n('en');
    expect(f.plural('petitions.signatures', 12345)).toMatch(/^12\s345 signatures$/);
    expect(e.plural('petitions.signatures', 1)).toBe('1 signature');
    expect(f.plural('petitions.signatures', 1)).toBe('1 signature');
    expect(e.plural('petitions.signatures', 12345)).toBe('12,345 signatures');
    expect(f.date('2026-03-01T12:00:00Z')).toBe('1 mars 2026');
    expect(e.date('2026-03-01T12:00:00Z')).toBe('1 March 2026');
    expect(e.timeLeft(3 * 86_400 + 5)).toBe('3 days left');
    expect(f.timeLeft(3_600)).toBe('Encore 1 heure');
    expect(f.percent(0.456)).toMatch(/^46\s%$/);
  });
});
