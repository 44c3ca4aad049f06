import {
  buttonTextColor,
  checkBlocks,
  contrastRatio,
  InvalidNewsletterBlocksError,
  renderNewsletter,
  renderNewsletterTemplate,
  type NewsletterMailInput,
} from './newsletter-mail';

const input: NewsletterMailInput = {
  lang: 'fr',
  subject: 'La lettre de mars',
  preheader: 'Le budget participatif ouvre',
  organization: {
    name: 'Ville de Lyon',
    logoUrl: null,
    primaryColor: '#000091',
    origin: 'https://lyon.example',
  },
  blocks: [
    {
      kind: 'text',
      text: 'Premier paragraphe.\n\nSecond paragraphe, voir https://lyon.example/budget.',
    },
    {
      kind: 'image',
      url: 'https://lyon.example/parc.jpg',
      alt: 'Le parc de la Tête d’Or au printemps',
      width: 400,
    },
    {
      kind: 'button',
      label: 'Proposer un projet',
      url: 'https://lyon.example/budget/propose?from=mail&n=3',
    },
  ],
  unsubscribeUrl: 'https://lyon.example/newsletter/unsubscribe?token=abc',
  whyYouGetThis: "Vous recevez cette lettre car vous l'avez demandée sur lyon.example.",
};

describe('renderNewsletter', () => {
  it('gives an HTML part with the language, the title, alternative texts, the button and the unsubscribe link', async () => {
    const { html } = await renderNewsletter(input);
    expect(html).toMatch(/<html[^>]* lang="fr"/);
    expect(html).toContain('<title>La lettre de mars</title>');
    expect(html).toContain('alt="Le parc de la Tête d’Or au printemps"');
    expect(html).toContain('href="https://lyon.example/budget/propose?from=mail&amp;n=3"');
    expect(html).toContain('Proposer un projet');
    expect(html).toContain('href="https://lyon.example/newsletter/unsubscribe?token=abc"');
    expect(html).toContain('Se désinscrire');
    expect(html).toContain('Le budget participatif ouvre');
    expect(html).toContain('<a href="https://lyon.example/budget"');
  });

  it('gives the HTML part neither script nor external font nor stylesheet', async () => {
    const { html } = await renderNewsletter(input);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link/i);
    expect(html).not.toContain('@import');
  });

  it('lays the blocks out in MJML responsive columns', async () => {
    const { html } = await renderNewsletter(input);
    expect(html).toContain('mj-column-per-100');
    expect(html).toContain('@media only screen and (min-width:480px)');
  });

  it('writes the English wording for an English newsletter', async () => {
    const { html, text } = await renderNewsletter({ ...input, lang: 'en' });
    expect(html).toMatch(/<html[^>]* lang="en"/);
    expect(text).toContain('Unsubscribe: https://lyon.example/newsletter/unsubscribe?token=abc');
  });

  it('gives a plain-text part with the paragraphs, the alternative texts, the button URL and the unsubscribe URL', async () => {
    const { text } = await renderNewsletter(input);
    expect(text).toContain('La lettre de mars');
    expect(text).toContain(
      'Premier paragraphe.\n\nSecond paragraphe, voir https://lyon.example/budget.',
    );
    expect(text).toContain('[Image\u00a0: Le parc de la Tête d’Or au printemps]');
    expect(text).toContain(
      'Proposer un projet\u00a0: https://lyon.example/budget/propose?from=mail&n=3',
    );
    expect(text).toContain("Vous recevez cette lettre car vous l'avez demandée sur lyon.example.");
    expect(text).toContain(
      'Se désinscrire\u00a0: https://lyon.example/newsletter/unsubscribe?token=abc',
    );
    expect(text).not.toContain('<');
  });

  it('escapes what the administrator wrote', async () => {
    const { html } = await renderNewsletter({
      ...input,
      subject: 'Ordre & <b>désordre</b>',
      blocks: [
        { kind: 'text', text: 'Avant <script>alert(1)</script> après' },
        {
          kind: 'image',
          url: 'https://lyon.example/a.png',
          alt: 'Un "chat" <img src=x onerror=alert(1)>',
        },
        { kind: 'button', label: '<b>Go</b>', url: 'https://lyon.example/' },
      ],
    });
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('Avant &lt;script&gt;alert(1)&lt;/script&gt; après');
    expect(html).toContain('alt="Un &quot;chat&quot; &lt;img src=x onerror=alert(1)&gt;"');
    expect(html).toContain('&lt;b&gt;Go&lt;/b&gt;');
    expect(html).toContain('<title>Ordre &amp; &lt;b&gt;désordre&lt;/b&gt;</title>');
    expect(html).not.toContain('<b>');
  });

  it('refuses to render blocks that checkBlocks refuses', async () => {
    await expect(
      renderNewsletter({
        ...input,
        blocks: [{ kind: 'image', url: 'http://lyon.example/a.png', alt: 'A' }],
      }),
    ).rejects.toBeInstanceOf(InvalidNewsletterBlocksError);
  });
});

describe('renderNewsletterTemplate', () => {
  const { unsubscribeUrl: _unused, ...template } = input;

  it('gives each recipient their own unsubscribe link from one compile', async () => {
    const forRecipient = await renderNewsletterTemplate(template);
    const a = forRecipient('https://lyon.example/u?token=a');
    const b = forRecipient('https://lyon.example/u?token=b');
    expect(a.html).toContain('href="https://lyon.example/u?token=a"');
    expect(a.html).not.toContain('token=b');
    expect(b.html).toContain('href="https://lyon.example/u?token=b"');
    expect(b.text).toContain('Se désinscrire\u00a0: https://lyon.example/u?token=b');
    expect(a.html).not.toMatch(/palabre-unsubscribe-/);
  });

  it('escapes the unsubscribe URL in its HTML attribute', async () => {
    const forRecipient = await renderNewsletterTemplate(template);
    const { html, text } = forRecipient('https://lyon.example/u?t=1&x="><script>alert(1)</script>');
    expect(html).toContain(
      'href="https://lyon.example/u?t=1&amp;x=&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"',
    );
    expect(html).not.toMatch(/<script/i);
    expect(text).toContain('https://lyon.example/u?t=1&x="><script>alert(1)</script>');
  });

  it('refuses an unsubscribe URL that is not http(s)', async () => {
    const forRecipient = await renderNewsletterTemplate(template);
    expect(() => forRecipient('javascript:alert(1)')).toThrow('http(s)');
    expect(() => forRecipient('not a url')).toThrow('not a URL');
  });
});

describe('checkBlocks', () => {
  it('accepts valid blocks', () => {
    expect(checkBlocks(input.blocks)).toEqual({ errors: [] });
  });

  it('refuses an image and a button that are not https, naming their url field', () => {
    const { errors } = checkBlocks([
      { kind: 'text', text: 'Bonjour' },
      { kind: 'image', url: 'http://lyon.example/a.png', alt: 'Une image' },
      { kind: 'button', label: 'Voir', url: 'javascript:alert(1)' },
    ]);
    expect(errors).toEqual([
      expect.objectContaining({ field: 'blocks.1.url', rule: 'https' }),
      expect.objectContaining({ field: 'blocks.2.url', rule: 'https' }),
    ]);
  });

  it('refuses an image without an alternative text, naming blocks.N.alt', () => {
    const { errors } = checkBlocks([
      { kind: 'image', url: 'https://lyon.example/a.png', alt: '  ' },
    ]);
    expect(errors).toEqual([expect.objectContaining({ field: 'blocks.0.alt', rule: 'required' })]);
  });

  it('refuses empty texts and labels, too long texts, bad widths, unknown kinds and fields', () => {
    const { errors } = checkBlocks([
      { kind: 'text', text: '' },
      { kind: 'button', label: 'x'.repeat(81), url: 'https://lyon.example/' },
      { kind: 'image', url: 'https://lyon.example/a.png', alt: 'A', width: 601 },
      { kind: 'video', url: 'https://lyon.example/v.mp4' },
      { kind: 'text', text: 'Bonjour', html: '<b>x</b>' },
    ]);
    expect(errors.map(({ field, rule }) => ({ field, rule }))).toEqual([
      { field: 'blocks.0.text', rule: 'required' },
      { field: 'blocks.1.label', rule: 'maxLength' },
      { field: 'blocks.2.width', rule: 'range' },
      { field: 'blocks.3.kind', rule: 'oneOf' },
      { field: 'blocks.4.html', rule: 'unknown' },
    ]);
  });

  it('refuses what is not a list', () => {
    expect(checkBlocks({ kind: 'text' }).errors).toEqual([
      expect.objectContaining({ field: 'blocks', rule: 'type' }),
    ]);
  });
});

describe('buttonTextColor', () => {
  it('writes white on a dark primary colour and black on a light one, each at least 4.5:1', () => {
    expect(buttonTextColor('#000091')).toBe('#ffffff');
    expect(buttonTextColor('#ffcc00')).toBe('#000000');
    for (const color of ['#000091', '#ffcc00', '#767676', '#777777', '#e1000f', '#fff']) {
      expect(contrastRatio(color, buttonTextColor(color))).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('gives the button of a light primary colour black text in the mail', async () => {
    const { html } = await renderNewsletter({
      ...input,
      organization: { ...input.organization, primaryColor: '#ffcc00' },
    });
    expect(html).toMatch(/background:#ffcc00;color:#000000/);
  });
});
