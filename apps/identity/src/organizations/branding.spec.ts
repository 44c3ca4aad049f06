import { cleanLocalizedText, contrastWithWhite, normalizeHexColor } from './branding';

describe('branding rules', () => {
  it('measures the contrast of a colour with white as WCAG defines it', () => {
    expect(contrastWithWhite('#000000')).toBeCloseTo(21, 5);
    expect(contrastWithWhite('#ffffff')).toBeCloseTo(1, 5);
    expect(contrastWithWhite('#000091')).toBeGreaterThan(4.5);
    // #767676 is the lightest grey that passes AA on white; #777777 fails.
    expect(contrastWithWhite('#767676')).toBeGreaterThanOrEqual(4.5);
    expect(contrastWithWhite('#777')).toBeLessThan(4.5);
    expect(contrastWithWhite('#ffcc00')).toBeLessThan(2);
  });

  it('normalizes colours and localized texts', () => {
    expect(normalizeHexColor('#ABC')).toBe('#aabbcc');
    expect(normalizeHexColor(' #1D4ED8 ')).toBe('#1d4ed8');
    expect(cleanLocalizedText({ fr: '  Bonjour\r\nà tous ', en: '   ', de: null })).toEqual({
      fr: 'Bonjour\nà tous',
    });
  });
});
