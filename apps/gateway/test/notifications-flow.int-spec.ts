/**
 * Notifications through the platform (issue 20, ADR 0040): a service names
 * the people its change concerns; each gets a notification on their page
 * (with the header's count), mailed at once or in a digest as they chose,
 * marked read; nothing for those who chose never, a blocked or an erased
 * account; the same notification told twice is kept once.
 */
import { DateTime } from 'luxon';
import request from 'supertest';
import { randomUUID } from 'node:crypto';
import type { NotificationKind } from '@palabre/contracts';
import { publishMany } from '@palabre/messaging';
import { notificationEvents } from '@palabre/service-kit';
import { testDatabaseTargets, until } from '@palabre/testing';
import type { EmbeddedPlatform } from '../src/embedded/embedded-platform';
import { startTestPlatform } from './test-platform';

const ORIGIN = 'http://localhost';
const WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const PASSWORD = 'correct horse battery';

describe.each(testDatabaseTargets().slice(0, 1))('notifications on $name', (target) => {
  let platform: EmbeddedPlatform;
  let server: ReturnType<EmbeddedPlatform['gateway']['getHttpServer']>;
  let org: string;

  const get = (path: string, cookie?: string) => {
    const r = request(server).get(path).set('Host', 'localhost');
    return cookie ? r.set('Cookie', cookie) : r;
  };
  const send = (method: 'post' | 'put', path: string, cookie?: string, body?: object) => {
    const r = request(server)[method](path).set('Host', 'localhost').set('Origin', ORIGIN);
    if (cookie) r.set('Cookie', cookie);
    return body ? r.send(body) : r;
  };
  const newsletter = () => platform.services.find((s) => s.definition.name === 'newsletter')!;

  async function person(email: string, displayName: string) {
    const { body: captcha } = await get('/api/identity/captcha').expect(200);
    const [, a, b] = /What is (\w+) plus (\w+)\?/.exec(captcha.question.en)!;
    await send('post', '/api/identity/registrations', undefined, {
      email,
      password: PASSWORD,
      displayName,
      captchaId: captcha.id,
      captchaAnswer: String(WORDS.indexOf(a) + WORDS.indexOf(b)),
    }).expect(202);
    const mail = await platform.mail!.waitFor(email, /adresse électronique/);
    const token = /token=([A-Za-z0-9_-]+)/.exec(mail.text)![1];
    await send('post', '/api/identity/registrations/confirm', undefined, { token }).expect(204);
    const r = await send('post', '/api/identity/sessions', undefined, {
      email,
      password: PASSWORD,
    });
    const cookie = (r.headers['set-cookie'] as unknown as string[])[0].split(';')[0];
    const [row] = await platform.db.query<{ id: string; organization_id: string }>(
      `SELECT id, organization_id FROM identity.users WHERE email = $1`,
      [email],
    );
    org = row.organization_id;
    return { cookie, id: row.id, email };
  }

  /**
   * What the petitions service publishes (publishNotification), sent here
   * through the newsletter's own outbox: this test platform runs no petitions.
   */
  async function tell(
    kind: string,
    recipientIds: string[],
    subjectId = randomUUID(),
    extra: Record<string, unknown> = {},
  ) {
    await newsletter().runtime.dataSource.transaction(async (m) => {
      await publishMany(
        m,
        'newsletter',
        notificationEvents('petitions', {
          organizationId: org,
          kind: kind as NotificationKind,
          recipientIds,
          subjectId,
          title: { fr: 'Des arbres rue Pasteur', en: 'Trees on rue Pasteur' },
          path: `/petitions/${subjectId}`,
          dedupeKey: `${kind}:${subjectId}`,
          ...extra,
        }),
      );
    });
    return subjectId;
  }
  const rowsOf = async (userId: string) =>
    platform.db.query<{ kind: string; cadence: string; mailed_at: Date | null }>(
      `SELECT kind, cadence, mailed_at FROM newsletter.notifications WHERE user_id = $1 ORDER BY created_at`,
      [userId],
    );

  beforeAll(async () => {
    platform = await startTestPlatform(target, {
      only: ['identity', 'newsletter', 'web'],
      env: { ...process.env, NOTIFICATIONS_DIGEST_HOUR: '0' },
    });
    server = platform.gateway.getHttpServer();
  }, 120_000);
  afterAll(() => platform?.stop());

  let zoe: { cookie: string; id: string; email: string };
  let yann: { cookie: string; id: string; email: string };

  it('tells the people named, at once by mail and on their page, read when seen', async () => {
    zoe = await person('zoe.notif@example.org', 'Zoé');
    yann = await person('yann.notif@example.org', 'Yann');
    const subject = await tell('petition.published', [zoe.id, yann.id]);

    const mail = await platform.mail!.waitFor(
      zoe.email,
      /Votre pétition « Des arbres rue Pasteur » est publiée/,
    );
    expect(mail.text).toContain('Bonjour Zoé,');
    expect(mail.text).toContain(`http://localhost/petitions/${subject}`);
    expect(mail.text).toContain('http://localhost/account/notifications');
    expect(mail.html).toContain('lang="fr"');
    await platform.mail!.waitFor(
      yann.email,
      /Votre pétition « Des arbres rue Pasteur » est publiée/,
    );

    const count = await get('/api/newsletter/me/notifications/count', zoe.cookie).expect(200);
    expect(count.body).toEqual({ unread: 1 });
    const page = await get('/api/newsletter/me/notifications?lang=en', zoe.cookie).expect(200);
    expect(page.body).toMatchObject({
      unread: 1,
      next: null,
      items: [
        {
          kind: 'petition.published',
          text: 'Your petition “Trees on rue Pasteur” is published: it can be signed.',
          path: `/petitions/${subject}`,
          space: null,
          readAt: null,
        },
      ],
    });
    const read = await send('post', '/api/newsletter/me/notifications/read', zoe.cookie, {
      ids: [page.body.items[0].id],
    }).expect(200);
    expect(read.body).toEqual({ unread: 0 });
    // Yann's stays unread: every query is the person's own.
    expect((await get('/api/newsletter/me/notifications/count', yann.cookie)).body).toEqual({
      unread: 1,
    });
    await get('/api/newsletter/me/notifications').expect(401);
  });

  it('keeps a notification told twice once, and honours never and digests', async () => {
    const prefs = await send('put', '/api/newsletter/me/notification-preferences', yann.cookie, {
      preferences: { 'petition.answered': 'never', 'petition.published': 'daily' },
    }).expect(200);
    expect(prefs.body.preferences).toMatchObject({
      'petition.answered': 'never',
      'petition.published': 'daily',
      'proposal.answered': 'instant',
    });
    const bad = await send('put', '/api/newsletter/me/notification-preferences', yann.cookie, {
      preferences: { 'petition.answered': 'hourly', 'made.up': 'daily' },
    }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'preferences.made.up',
      'preferences.petition.answered',
    ]);

    const answered = await tell('petition.answered', [zoe.id, yann.id]);
    await tell('petition.answered', [zoe.id, yann.id], answered);
    await platform.mail!.waitFor(zoe.email, /a reçu une réponse/);
    await until('both told', async () => (await rowsOf(zoe.id)).length === 2);
    expect((await rowsOf(zoe.id)).filter((r) => r.kind === 'petition.answered')).toHaveLength(1);
    expect((await rowsOf(yann.id)).map((r) => r.kind)).toEqual(['petition.published']);

    // Two more for Yann, to his daily digest.
    await tell('petition.published', [yann.id], randomUUID(), {
      spaceId: '2b0c7c5e-8d1e-4c44-9d3b-6f0c1d2e3f40',
      spaceTitle: { fr: 'Budget participatif 2027', en: 'Participatory budget 2027' },
    });
    await tell('petition.published', [yann.id]);
    await until('queued for the digest', async () => (await rowsOf(yann.id)).length === 3);
    expect((await rowsOf(yann.id)).slice(1).map((r) => [r.cadence, r.mailed_at])).toEqual([
      ['daily', null],
      ['daily', null],
    ]);
    // The newsletter's worker, found among its module's providers (apps do not import apps).
    const providers: (abstract new () => unknown)[] = Reflect.getMetadata(
      'providers',
      newsletter().definition.module,
    );
    const worker = newsletter().app.get(
      providers.find((p) => p.name === 'NotificationsWorker')!,
    ) as { digests(now?: DateTime): Promise<void> };
    // Today's digest (due from 07:00, Paris) covers what arrived until 07:00: these wait.
    await worker.digests();
    expect(platform.mail!.list(yann.email).filter((m) => /résumé/.test(m.subject))).toEqual([]);
    // Tomorrow's carries them (at noon in Paris: after its hour, whenever this runs).
    const tomorrow = DateTime.now().setZone('Europe/Paris').plus({ days: 1 }).set({ hour: 12 });
    await worker.digests(tomorrow);
    const digest = await platform.mail!.waitFor(yann.email, /Votre résumé du jour : 2 nouveautés/);
    expect(digest.text).toContain('Budget participatif 2027');
    expect(digest.text).toContain('Ailleurs');
    expect(digest.html).toContain('<h2');
    // The day's run is over (found by its key, whatever the clock's precision): never run again.
    const runs = await platform.db.query<{ cadence: string; finished: boolean }>(
      `SELECT cadence, finished_at IS NOT NULL AS finished FROM newsletter.digest_runs`,
    );
    expect(runs).toEqual([{ cadence: 'daily', finished: true }]);
    await worker.digests(tomorrow);
    expect(platform.mail!.list(yann.email).filter((m) => /résumé/.test(m.subject))).toHaveLength(1);
  });

  it('tells a blocked account nothing, and forgets an erased one', async () => {
    const admin = await send('post', '/api/identity/sessions', undefined, {
      email: 'admin@demo.palabre.test',
      password: 'palabre-demo-admin',
    }).expect(201);
    const adminCookie = (admin.headers['set-cookie'] as unknown as string[])[0].split(';')[0];
    await send('post', `/api/identity/users/${yann.id}/block`, adminCookie, {
      reason: 'spam',
    }).expect((r) => expect(r.status).toBeLessThan(300));
    await until('the block known', async () => {
      const [row] = await platform.db.query(
        `SELECT 1 FROM newsletter.untold_accounts WHERE user_id = $1`,
        [yann.id],
      );
      return row;
    });
    await tell('petition.milestone', [zoe.id, yann.id], randomUUID(), {
      params: { milestone: '1000' },
    });
    await until('Zoé told', async () =>
      (await rowsOf(zoe.id)).some((r) => r.kind === 'petition.milestone'),
    );
    expect((await rowsOf(yann.id)).some((r) => r.kind === 'petition.milestone')).toBe(false);

    await request(server)
      .delete('/api/identity/me')
      .set('Host', 'localhost')
      .set('Origin', ORIGIN)
      .set('Cookie', zoe.cookie)
      .expect(204);
    await until('Zoé forgotten', async () => (await rowsOf(zoe.id)).length === 0);
    await tell('petition.answered', [zoe.id]);
    await new Promise((r) => setTimeout(r, 500));
    expect(await rowsOf(zoe.id)).toEqual([]);
  });
});
