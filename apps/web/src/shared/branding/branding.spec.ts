import type { Organization } from '../layout/page-context';
import { brandCss, brandCssPath, localized, logoPath } from './branding';
import { fetchLogo, isPublicAddress, publicLookup } from './logo-fetch';

const org = (o: Partial<Organization>): Organization => ({ id: 'o', name: 'Ville', ...o });

describe('branding', () => {
  it('puts the primary colour in the stylesheet only when it is a #rrggbb colour', () => {
    expect(brandCss(org({ primaryColor: '#1d4ed8' }))).toContain('background:#1d4ed8');
    expect(brandCss(org({ primaryColor: 'red;}body{display:none' }))).not.toContain('red');
    expect(brandCss(org({ primaryColor: null }))).not.toContain('button');
  });

  it('names the stylesheet and the logo by their content', () => {
    const a = brandCssPath(org({ primaryColor: '#1d4ed8' }));
    expect(a).toMatch(/^\/assets\/brand\/[0-9a-f]{12}\.css$/);
    expect(brandCssPath(org({ primaryColor: '#000091' }))).not.toBe(a);
    expect(logoPath(org({ logoUrl: null }))).toBeNull();
    expect(logoPath(org({ logoUrl: 'https://x.example/a.png' }))).toMatch(
      /^\/assets\/brand\/logo-[0-9a-f]{12}$/,
    );
  });

  it('reads a text in the page language only', () => {
    expect(localized({ fr: 'Bonjour', en: '  ' }, 'fr')).toBe('Bonjour');
    expect(localized({ fr: 'Bonjour', en: '  ' }, 'en')).toBeNull();
    expect(localized(undefined, 'fr')).toBeNull();
  });
});

describe('logo fetch', () => {
  it('connects only to public addresses', () => {
    for (const a of [
      '127.0.0.1',
      '10.1.2.3',
      '172.20.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '::1',
      'fd00::1',
      'fe80::1',
      '::ffff:10.0.0.1',
      '0.0.0.0',
      'nonsense',
    ])
      expect([a, isPublicAddress(a)]).toEqual([a, false]);
    for (const a of ['193.51.24.1', '2001:4860:4860::8888', '::ffff:8.8.8.8'])
      expect([a, isPublicAddress(a)]).toEqual([a, true]);
  });

  it('refuses what is not an https address by name, without a request', async () => {
    await expect(fetchLogo('http://example.org/logo.png')).resolves.toBeNull();
    await expect(fetchLogo('https://127.0.0.1/logo.png')).resolves.toBeNull();
    await expect(fetchLogo('not a url')).resolves.toBeNull();
  });

  it('refuses a name that resolves to a private address, at connection time', async () => {
    const code = await new Promise((resolve) =>
      publicLookup('localhost', {}, (err) => resolve((err as NodeJS.ErrnoException | null)?.code)),
    );
    expect(code).toBe('EPRIVATE');
  });
});
