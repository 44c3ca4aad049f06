import { I18n, type Locale } from '../i18n/i18n';
import type { PageContext } from '../layout/page-context';
import { apiFieldErrors, refusedText } from './form-notices';

const ctxIn = (locale: Locale) => {
  const i18n = new I18n(locale);
  return { t: i18n.t.bind(i18n) } as unknown as PageContext;
};

describe("a service's refusal on a page", () => {
  const problem = {
    errors: [
      {
        field: 'title',
        message: 'title must be shorter than or equal to 1200 characters',
        rule: 'maxLength',
        limit: 1200,
      },
      { field: 'slug', message: 'slug must match /^[a-z]+$/', rule: 'matches' },
      { field: 'body', message: 'some rule of its own', rule: 'somethingNew' },
      { field: 'summary', message: 'summary is too long', rule: 'maxLength' },
    ],
  };
  const fields = { title: 'title', slug: 'slug', body: 'body', summary: 'summary' };

  it('names the broken rule in the page’s language, with its number, never in the service’s English', () => {
    expect(apiFieldErrors(ctxIn('fr'), problem, fields)).toEqual([
      { field: 'title', message: 'Saisissez au plus 1\u202f200 caractères.' },
      { field: 'slug', message: 'Cette valeur n’a pas la forme attendue.' },
      { field: 'body', message: 'Valeur refusée par le service.' },
      { field: 'summary', message: 'Valeur refusée par le service.' },
    ]);
    expect(apiFieldErrors(ctxIn('en'), problem, fields)[0].message).toBe(
      'Enter at most 1,200 characters.',
    );
  });

  it('says a refusal of the whole form by its status', () => {
    expect(refusedText(ctxIn('fr'), 409)).toMatch(/^Ce n’est pas possible dans l’état actuel/);
    expect(refusedText(ctxIn('en'), 403)).toMatch(/^You are not allowed/);
    expect(refusedText(ctxIn('fr'), 400)).toMatch(/^Le service a refusé/);
  });
});
