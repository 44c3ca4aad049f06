import { I18n } from '../i18n/i18n';
import { localText, messageWith } from './components';
import { Html, html, paragraphs, unsafeRaw } from './html';

describe('html', () => {
  it('escapes every interpolated string, attribute quotes included', () => {
    const name = `<script>alert("x")</script>&'`;
    expect(String(html`<p title="${name}">${name}</p>`)).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;</p>',
    );
  });

  it('nests templates without escaping them twice, joins arrays, drops null and false', () => {
    const items = ['a<b', 'c'].map((s) => html`<li>${s}</li>`);
    expect(String(html`<ul>${items}${null}${false}${undefined}${0}</ul>`)).toBe(
      '<ul><li>a&lt;b</li><li>c</li>0</ul>',
    );
    expect(html`${unsafeRaw('<b>ok</b>')}`).toBeInstanceOf(Html);
  });

  it('turns user text into paragraphs, escaped', () => {
    expect(String(paragraphs('One <i>\nline\n\nTwo'))).toBe(
      '<p>One &lt;i&gt;<br />line</p><p>Two</p>',
    );
  });

  it("shows an administrator's text in the page's language, another language marked, inside a sentence", () => {
    const text = { fr: 'Examen <en> conseil' };
    const shown = (locale: string, t: object) => String(html`${localText(locale, t)}`);
    expect(shown('fr', text)).toBe('Examen &lt;en&gt; conseil');
    expect(shown('en', text)).toBe('<span lang="fr">Examen &lt;en&gt; conseil</span>');
    // A blank language is not written: the other one is shown, marked.
    expect(shown('en', { fr: 'Examen', en: ' ' })).toBe('<span lang="fr">Examen</span>');
    expect(shown('en', {})).toBe('');
    const sentence = messageWith(
      new I18n('en'),
      'petition.milestone',
      { count: 1200, threshold: 5000, percent: '24%' },
      { label: localText('en', text) },
    );
    expect(String(sentence)).toBe(
      '<span lang="fr">Examen &lt;en&gt; conseil</span>: 1,200 of 5,000 signatures (24%)',
    );
  });
});
