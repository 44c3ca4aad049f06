/**
 * A person's notifications on the site over HTTP, against the real platform
 * on its own PostgreSQL database (ADR 0040): the header's count on every
 * page; "my notifications", newest first, with space, date and "New" in
 * words, marked read once shown; older ones by cursor; "mark all as read";
 * the settings, a cadence per kind, saved by one form; sign-in first; posts
 * from elsewhere refused. Every flow is a plain form post and its redirect,
 * as without JavaScript.
 */
import { callApi, decodeEntities, mainText } from './page-kit';
import { formFields, withFields, type FormFields } from './html-forms';
import {
  postgres,
  registerPerson,
  startNotifyingPlatform,
  tell,
  unreadOf,
  until,
  type NotifyingPlatform,
  type Person,
} from './notifications-kit';

interface Page {
  status: number;
  text: string;
  location: string | null;
}

/** The header's notifications link as a sighted person reads it, and its accessible name. */
function headerLink(markup: string): { visible: string; name: string } | null {
  const header = /<header[\s\S]*<\/header>/.exec(markup)?.[0] ?? '';
  const a = /<a\s+href="\/notifications"([^>]*)>([\s\S]*?)<\/a\s*>/.exec(header);
  if (!a) return null;
  const plain = (s: string) =>
    decodeEntities(s.replace(/<[^>]+>/g, ''))
      .replace(/[\s\u00a0\u202f]+/g, ' ')
      .trim();
  const visible = plain(a[2]);
  const label = /aria-label="([^"]*)"/.exec(a[1])?.[1];
  return { visible, name: label === undefined ? visible : plain(label) };
}

(postgres ? describe : describe.skip)('notifications pages', () => {
  let env: NotifyingPlatform;
  let zoe: Person;
  let yann: Person;

  async function page(
    path: string,
    opts: { cookie?: string; form?: FormFields; origin?: string; lang?: string } = {},
  ): Promise<Page> {
    const headers: Record<string, string> = { 'accept-language': opts.lang ?? 'fr-FR,fr;q=0.9' };
    if (opts.cookie) headers.cookie = opts.cookie;
    let body: string | undefined;
    if (opts.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      headers.origin = opts.origin ?? env.platform.url;
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(opts.form))
        for (const one of Array.isArray(v) ? v : [v]) params.append(k, one);
      body = params.toString();
    }
    const r = await fetch(`${env.platform.url}${path}`, {
      method: opts.form ? 'POST' : 'GET',
      redirect: 'manual',
      headers,
      body,
    });
    return { status: r.status, text: await r.text(), location: r.headers.get('location') };
  }

  beforeAll(async () => {
    env = await startNotifyingPlatform();
    [zoe, yann] = await Promise.all([
      registerPerson(env, 'zoe.pages@example.org', 'Zoé'),
      registerPerson(env, 'yann.pages@example.org', 'Yann'),
    ]);
  }, 120_000);
  afterAll(() => env?.stop());

  it('sends a visitor who is not signed in to sign in first, and back', async () => {
    for (const path of ['/notifications', '/account/notifications']) {
      const r = await page(path);
      expect([r.status, r.location]).toEqual([
        303,
        `/sign-in?returnTo=${encodeURIComponent(path)}`,
      ]);
    }
    const post = await page('/notifications/read', { form: {} });
    expect([post.status, post.location]).toEqual([303, '/sign-in?returnTo=%2Faccount']);
    // Nobody signed in: no notifications in the header.
    expect(headerLink((await page('/')).text)).toBeNull();
  });

  it('counts the unread in the header, lists them with space and date, and marks them read once shown', async () => {
    const empty = await page('/', { cookie: zoe.cookie });
    expect(headerLink(empty.text)).toEqual({ visible: 'Notifications', name: 'Notifications' });
    expect(mainText((await page('/notifications', { cookie: zoe.cookie })).text)).toContain(
      'Vous n’avez pas encore de notification.',
    );

    const [published, commented] = await tell(env, zoe, [
      {
        kind: 'petition.published',
        space: {
          id: '2b0c7c5e-8d1e-4c44-9d3b-6f0c1d2e3f40',
          title: { fr: 'Budget participatif 2027', en: 'Participatory budget 2027' },
        },
        occurredAt: new Date('2026-11-20T09:30:00Z'),
      },
      { kind: 'proposal.commented', occurredAt: new Date('2026-11-21T16:00:00Z') },
    ]);
    await until('both told', async () => (await unreadOf(env.platform.url, zoe)) === 2);

    // Every page says it, for a sighted reader and a screen reader alike.
    for (const path of ['/', '/petitions', '/account']) {
      const p = await page(path, { cookie: zoe.cookie });
      expect([path, headerLink(p.text)]).toEqual([
        path,
        { visible: 'Notifications (2)', name: 'Notifications, 2 non lues' },
      ]);
    }
    const en = await page('/?lang=en', { cookie: zoe.cookie });
    expect(headerLink(en.text)).toEqual({
      visible: 'Notifications (2)',
      name: 'Notifications, 2 unread',
    });

    const list = await page('/notifications?lang=fr', { cookie: zoe.cookie });
    expect(list.status).toBe(200);
    const text = mainText(list.text);
    // Newest first, "New" in words, with its space (or none) and date, linking to the subject.
    expect(text).toContain(
      'Mes notifications ' +
        'Ce qui est arrivé à vos pétitions, propositions, commentaires, inscriptions et votes.',
    );
    expect(text).toContain('2 notifications non lues.');
    expect(text).toContain(
      'Nouveau Nouveau commentaire sur votre proposition « Des arbres rue Pasteur ». ' +
        'Hors d’un espace · 21 novembre 2026 à 17:00 ' +
        'Nouveau Votre pétition « Des arbres rue Pasteur » est publiée : elle peut être signée. ' +
        'Espace : Budget participatif 2027 · 20 novembre 2026 à 10:30',
    );
    expect(list.text).toContain(`<a href="/petitions/${published}">`);
    expect(list.text).toContain(`<a href="/petitions/${commented}">`);
    expect(list.text).toContain('<time datetime="2026-11-20T09:30:00.000Z">');
    expect(list.text).toContain('href="/account/notifications"');
    // Seen now: the header of this very page says so, and so does every page after it.
    expect(headerLink(list.text)).toEqual({ visible: 'Notifications', name: 'Notifications' });
    expect(list.text).not.toContain('action="/notifications/read"');
    expect(await unreadOf(env.platform.url, zoe)).toBe(0);
    expect(headerLink((await page('/', { cookie: zoe.cookie })).text)?.visible).toBe(
      'Notifications',
    );

    const again = await page('/notifications?lang=en', { cookie: zoe.cookie });
    const againText = mainText(again.text);
    expect(againText).not.toContain('New New');
    expect(againText).toContain('No unread notification.');
    expect(againText).toContain(
      'New comment on your proposal “Trees on rue Pasteur”. Outside any space · 21 November 2026 at 17:00 ' +
        'Your petition “Trees on rue Pasteur” is published: it can be signed. ' +
        'Space: Participatory budget 2027 · 20 November 2026 at 10:30',
    );
  });

  it('pages by cursor, and marks all read with one form', async () => {
    // 25 milestones, one a day: daily digests by default, so no mail each.
    await tell(
      env,
      yann,
      Array.from({ length: 25 }, (_, i) => ({
        kind: 'petition.milestone' as const,
        params: { milestone: String((i + 1) * 100) },
        occurredAt: new Date(Date.UTC(2026, 9, 1 + i, 8)),
      })),
    );
    await until('all 25 told', async () => (await unreadOf(env.platform.url, yann)) === 25);

    const first = await page('/notifications', { cookie: yann.cookie });
    const items = (markup: string) =>
      [...markup.matchAll(/a atteint ([\d\s\u202f\u00a0]+) signatures/g)].map((m) =>
        Number(m[1].replace(/\D/g, '')),
      );
    expect(items(first.text)).toEqual(
      Array.from({ length: 20 }, (_, i) => (25 - i) * 100), // 2 500 down to 600
    );
    expect(mainText(first.text)).toContain('25 notifications non lues.');
    // The 20 shown are read; the header says the 5 left.
    expect(headerLink(first.text)?.visible).toBe('Notifications (5)');
    expect(await unreadOf(env.platform.url, yann)).toBe(5);
    const next = /<a href="(\/notifications\?cursor=[A-Za-z0-9_%-]+)" rel="next">/.exec(
      first.text,
    )?.[1];
    expect(next).toBeDefined();
    expect(mainText(first.text)).toContain('Notifications plus anciennes');

    // A post from another site changes nothing.
    const crossSite = await page('/notifications/read', {
      cookie: yann.cookie,
      form: {},
      origin: 'https://evil.example',
    });
    expect(crossSite.status).toBe(403);
    expect(await unreadOf(env.platform.url, yann)).toBe(5);

    const all = await page('/notifications/read', { cookie: yann.cookie, form: {} });
    expect([all.status, all.location]).toEqual([303, '/notifications?read=all']);
    expect(await unreadOf(env.platform.url, yann)).toBe(0);
    const done = await page(all.location!, { cookie: yann.cookie });
    expect(mainText(done.text)).toContain('Toutes vos notifications sont marquées comme lues.');
    expect(done.text).not.toContain('action="/notifications/read"');

    const older = await page(decodeEntities(next!), { cookie: yann.cookie });
    expect(older.status).toBe(200);
    expect(items(older.text)).toEqual([500, 400, 300, 200, 100]);
    expect(older.text).not.toContain('<strong class="tag">');
    expect(older.text).not.toContain('rel="next"');
    expect(older.text).toContain('<a href="/notifications">Revenir aux plus récentes</a>');

    // A cursor made up by hand: back to the newest.
    const made = await page('/notifications?cursor=bm90LWEtY3Vyc29y', { cookie: yann.cookie });
    expect([made.status, made.location]).toEqual([303, '/notifications']);
  });

  it('saves how each kind is wanted with one form, and says what to fix', async () => {
    const shown = await page('/account/notifications', { cookie: zoe.cookie });
    expect(shown.status).toBe(200);
    // One group of four choices per kind, each a fieldset with its legend, the defaults ticked.
    expect(shown.text.match(/<fieldset/g)).toHaveLength(14);
    expect(shown.text.match(/type="radio"/g)).toHaveLength(56);
    expect(shown.text).toContain('<legend>Ma pétition atteint un palier de signatures</legend>');
    const fields = formFields(shown.text, 'preferences');
    expect(fields).toMatchObject({
      'petition.published': 'instant',
      'petition.milestone': 'daily',
      'comment.replied': 'daily',
    });
    expect(shown.text).toContain('href="/notifications"');

    const saved = await page('/account/notifications', {
      cookie: zoe.cookie,
      form: withFields(fields, { 'petition.milestone': 'weekly', 'comment.replied': 'never' }),
    });
    expect([saved.status, saved.location]).toEqual([303, '/account/notifications?saved=1']);
    const after = await page(saved.location!, { cookie: zoe.cookie });
    expect(mainText(after.text)).toContain('Vos préférences de notification sont enregistrées.');
    expect(formFields(after.text, 'preferences')).toMatchObject({
      'petition.milestone': 'weekly',
      'comment.replied': 'never',
      'petition.published': 'instant',
    });
    const api = await callApi<{ preferences: Record<string, string> }>(
      env.platform.url,
      '/api/newsletter/me/notification-preferences',
      zoe.cookie,
    );
    expect(api.body.preferences).toMatchObject({
      'petition.milestone': 'weekly',
      'comment.replied': 'never',
    });

    // A value no radio has: said next to its group, linked from the summary, nothing saved.
    const refused = await page('/account/notifications', {
      cookie: zoe.cookie,
      form: withFields(fields, { 'petition.milestone': 'hourly', 'comment.replied': 'weekly' }),
    });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain(
      '<a href="#petition.milestone">Choisissez une des quatre possibilités.</a>',
    );
    expect(refused.text).toMatch(/<title>Le formulaire contient 1 erreur/);
    const still = await callApi<{ preferences: Record<string, string> }>(
      env.platform.url,
      '/api/newsletter/me/notification-preferences',
      zoe.cookie,
    );
    expect(still.body.preferences['comment.replied']).toBe('never');

    const crossSite = await page('/account/notifications', {
      cookie: zoe.cookie,
      form: withFields(fields, { 'comment.replied': 'weekly' }),
      origin: 'https://evil.example',
    });
    expect(crossSite.status).toBe(403);

    const en = await page('/account/notifications?lang=en', { cookie: zoe.cookie });
    const enText = mainText(en.text);
    expect(enText).toContain('My notification settings');
    expect(en.text).toContain('<legend>My petition reaches a signature milestone</legend>');
    expect(enText).toContain('In a weekly summary');
    expect(enText).toContain('Never by email');
  });

  it('links "my account" to the notifications and their settings', async () => {
    const account = await page('/account', { cookie: zoe.cookie });
    expect(account.text).toContain('<a href="/notifications">Voir mes notifications</a>');
    expect(account.text).toContain(
      '<a href="/account/notifications">Choisir comment être prévenu·e</a>',
    );
  });
});
