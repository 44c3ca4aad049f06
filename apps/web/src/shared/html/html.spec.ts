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
});
