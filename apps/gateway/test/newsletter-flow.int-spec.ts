/**
 * A newsletter's life through the platform (issue 20): a resident opts in at
 * registration and confirms by the mailed link; the administrator composes a
 * newsletter, is refused bad input with the field named, previews it, sends a
 * test to themself, counts the audience and sends it; the resident receives
 * exactly one copy with the one-click unsubscribe headers (RFC 8058), and one
 * POST to that link, without signing in, withdraws the consent, which the
 * newsletter's history then counts.
 */
import request from 'supertest';
import { testDatabaseTargets, until } from '@palabre/testing';
import type { EmbeddedPlatform } from '../src/embedded/embedded-platform';
import { startTestPlatform } from './test-platform';

const ORIGIN = 'http://localhost';
const WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const ADMIN = { email: 'admin@demo.palabre.test', password: 'palabre-demo-admin' };
const READER = { email: 'lectrice@example.org', password: 'correct horse battery' };

const CONTENTS = {
  fr: {
    subject: 'La lettre de décembre',
    preheader: 'Les résultats du budget participatif',
    blocks: [
      { kind: 'text', text: 'Bonjour,\n\nLes résultats du budget participatif sont publiés.' },
      {
        kind: 'image',
        url: 'https://images.example.org/parc.jpg',
        alt: 'Le parc des Beaumonts au printemps',
      },
      { kind: 'button', label: 'Voir les résultats', url: 'https://demo.example.org/budgets' },
    ],
  },
  en: {
    subject: 'The December newsletter',
    blocks: [{ kind: 'text', text: 'Hello,\n\nThe participatory budget results are out.' }],
  },
};

describe.each(testDatabaseTargets().slice(0, 1))(
  'newsletters through the platform on $name',
  (target) => {
    let platform: EmbeddedPlatform;
    let server: ReturnType<EmbeddedPlatform['gateway']['getHttpServer']>;
    let admin: string;
    let reader: string;
    let readerId: string;

    const get = (path: string, cookie?: string) => {
      const r = request(server).get(path).set('Host', 'localhost');
      return cookie ? r.set('Cookie', cookie) : r;
    };
    const send = (
      method: 'post' | 'put' | 'delete',
      path: string,
      cookie?: string,
      body?: object,
    ) => {
      const r = request(server)[method](path).set('Host', 'localhost').set('Origin', ORIGIN);
      if (cookie) r.set('Cookie', cookie);
      return body ? r.send(body) : r;
    };
    const signIn = async (who: { email: string; password: string }) => {
      const r = await send('post', '/api/identity/sessions', undefined, who).expect(201);
      return (r.headers['set-cookie'] as unknown as string[])[0].split(';')[0];
    };
    const mailsTo = (email: string, subject: RegExp) =>
      platform.mail!.list(email).filter((m) => subject.test(m.subject));

    beforeAll(async () => {
      platform = await startTestPlatform(target, {
        only: ['identity', 'spaces', 'newsletter', 'web'],
      });
      server = platform.gateway.getHttpServer();
      const { body: captcha } = await get('/api/identity/captcha').expect(200);
      const [, a, b] = /What is (\w+) plus (\w+)\?/.exec(captcha.question.en)!;
      await send('post', '/api/identity/registrations', undefined, {
        ...READER,
        displayName: 'Lectrice',
        captchaId: captcha.id,
        captchaAnswer: String(WORDS.indexOf(a) + WORDS.indexOf(b)),
        newsletter: true,
      }).expect(202);
      const confirmMail = await platform.mail!.waitFor(READER.email, /adresse électronique/);
      const token = /token=([A-Za-z0-9_-]+)/.exec(confirmMail.text)![1];
      await send('post', '/api/identity/registrations/confirm', undefined, { token }).expect(204);
      const optIn = await platform.mail!.waitFor(READER.email, /lettre d’information/);
      const consent = /newsletter\/confirm\?token=([A-Za-z0-9_-]+)/.exec(optIn.text)![1];
      await send('post', '/api/identity/newsletter/confirm', undefined, { token: consent }).expect(
        200,
      );
      admin = await signIn(ADMIN);
      reader = await signIn(READER);
      readerId = (
        await platform.db.query<{ id: string }>(`SELECT id FROM identity.users WHERE email = $1`, [
          READER.email,
        ])
      )[0].id;
    }, 120_000);
    afterAll(() => platform?.stop());

    it('refuses bad newsletters with the field named, and residents altogether', async () => {
      const noDefault = await send('post', '/api/newsletter/newsletters', admin, {
        contents: { en: CONTENTS.en },
        audience: { kind: 'all' },
      });
      expect(noDefault.status).toBe(400);
      expect(noDefault.body.errors).toEqual([expect.objectContaining({ field: 'contents.fr' })]);

      const noSubject = await send('post', '/api/newsletter/newsletters', admin, {
        contents: { fr: { ...CONTENTS.fr, subject: ' ' } },
        audience: { kind: 'all' },
      });
      expect(noSubject.status).toBe(400);
      expect(noSubject.body.errors).toEqual([
        expect.objectContaining({ field: 'contents.fr.subject', rule: 'required' }),
      ]);

      const httpImage = await send('post', '/api/newsletter/newsletters', admin, {
        contents: {
          fr: {
            ...CONTENTS.fr,
            blocks: [{ kind: 'image', url: 'http://images.example.org/a.jpg', alt: 'Un parc' }],
          },
        },
        audience: { kind: 'all' },
      });
      expect(httpImage.status).toBe(400);
      expect(httpImage.body.errors).toEqual([
        expect.objectContaining({ field: 'contents.fr.blocks.0.url', rule: 'https' }),
      ]);

      const noSpaces = await send('post', '/api/newsletter/newsletters', admin, {
        contents: CONTENTS,
        audience: { kind: 'participants' },
      });
      expect(noSpaces.status).toBe(400);
      expect(noSpaces.body.errors).toEqual([
        expect.objectContaining({ field: 'audience.spaceIds' }),
      ]);

      await send('post', '/api/newsletter/newsletters', reader, {
        contents: CONTENTS,
        audience: { kind: 'all' },
      }).expect(403);
      // Nothing was written but the demo organization's draft.
      expect(
        await platform.db.query(
          `SELECT id FROM newsletter.newsletters WHERE created_by IS NOT NULL`,
        ),
      ).toEqual([]);
    });

    let id: string;

    it('previews, tests and counts, then sends one copy with one-click unsubscribe', async () => {
      const created = await send('post', '/api/newsletter/newsletters', admin, {
        contents: CONTENTS,
        audience: { kind: 'all' },
      }).expect(201);
      id = created.body.id;
      expect(created.body).toMatchObject({
        state: 'draft',
        audience: { kind: 'all', spaceIds: [] },
      });

      const preview = await get(`/api/newsletter/newsletters/${id}/preview?lang=fr`, admin).expect(
        200,
      );
      expect(preview.body.subject).toBe('La lettre de décembre');
      expect(preview.body.html).toContain('<html lang="fr"');
      expect(preview.body.html).toContain('alt="Le parc des Beaumonts au printemps"');
      expect(preview.body.text).toContain('Voir les résultats');

      await send('post', `/api/newsletter/newsletters/${id}/test`, admin).expect(200, {
        sentTo: ADMIN.email,
      });
      const test = await platform.mail!.waitFor(ADMIN.email, /\[Essai\] La lettre de décembre/);
      expect(test.html).toContain('Les résultats du budget participatif sont publiés.');

      // The consent reaches the newsletter service by identity's event.
      const audience = await until('the consent to reach the newsletter service', async () => {
        const r = await get(`/api/newsletter/newsletters/${id}/audience`, admin).expect(200);
        return r.body.recipients >= 1 ? r.body : undefined;
      });
      expect(audience).toEqual({ recipients: 1 });

      const sent = await send('post', `/api/newsletter/newsletters/${id}/send`, admin, {}).expect(
        200,
      );
      expect(sent.body.state).toBe('scheduled');
      const mail = await platform.mail!.waitFor(READER.email, /La lettre de décembre/);
      expect(mail.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
      const link = /^<(.+)>$/.exec(mail.headers['list-unsubscribe'])![1];
      expect(link).toMatch(/^http:\/\/localhost(:\d+)?\/newsletter\/unsubscribe\?token=/);
      expect(mail.html).toContain('lang="fr"');
      expect(mail.text).toContain(link);
      expect(mail.headers['message-id']).toMatch(/^<nl\.[A-Za-z0-9_-]{32}@/);
      // The local mail box shows the HTML part under a policy that runs nothing of it.
      const box = await get('/dev/mail').expect(200);
      expect(box.text).toContain(`/dev/mail/${mail.id}/html`);
      const shown = await get(`/dev/mail/${mail.id}/html`).expect(200);
      expect(shown.headers['content-security-policy']).toContain("default-src 'none'");
      expect(shown.text).toContain('Le parc des Beaumonts au printemps');

      const done = await until('the newsletter to be sent', async () => {
        const r = await get(`/api/newsletter/newsletters/${id}`, admin).expect(200);
        return r.body.state === 'sent' ? r.body : undefined;
      });
      expect(done.history).toMatchObject({
        recipients: 1,
        sent: 1,
        failed: 0,
        skipped: 0,
        pending: 0,
        unsubscribedSince: 0,
      });
      expect(mailsTo(READER.email, /La lettre de décembre/)).toHaveLength(1);

      // Sent is sent: a second send, an edit or a deletion is a 409.
      const again = await send('post', `/api/newsletter/newsletters/${id}/send`, admin, {});
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('NEWSLETTER_ALREADY_SENT');
      await send('put', `/api/newsletter/newsletters/${id}`, admin, {
        contents: CONTENTS,
        audience: { kind: 'all' },
      }).expect(409);
      await send('delete', `/api/newsletter/newsletters/${id}`, admin).expect(409);

      // One click from the mail client (RFC 8058), signed out: the consent is withdrawn.
      const path = link.replace(/^http:\/\/localhost(:\d+)?/, '');
      await request(server)
        .post(path)
        .set('Host', 'localhost')
        .type('form')
        .send('List-Unsubscribe=One-Click')
        .expect((r) => expect(r.status).toBeLessThan(400));
      expect((await get('/api/identity/me/newsletter', reader).expect(200)).body.state).toBe(
        'withdrawn',
      );
      const history = await until('the unsubscription to be counted', async () => {
        const r = await get(`/api/newsletter/newsletters/${id}`, admin).expect(200);
        return r.body.history.unsubscribedSince === 1 ? r.body.history : undefined;
      });
      expect(history.sent).toBe(1);
      expect(readerId).toBeTruthy();
    });

    it('refuses to send to an audience where nobody consented (422), and keeps the draft', async () => {
      const created = await send('post', '/api/newsletter/newsletters', admin, {
        contents: CONTENTS,
        audience: { kind: 'all' },
      }).expect(201);
      const r = await send(
        'post',
        `/api/newsletter/newsletters/${created.body.id}/send`,
        admin,
        {},
      );
      expect(r.status).toBe(422);
      expect(r.body.code).toBe('AUDIENCE_EMPTY');
      expect(
        (await get(`/api/newsletter/newsletters/${created.body.id}`, admin).expect(200)).body.state,
      ).toBe('draft');
    });

    it('refuses a schedule in the past with the field named', async () => {
      const created = await send('post', '/api/newsletter/newsletters', admin, {
        contents: CONTENTS,
        audience: { kind: 'all' },
      }).expect(201);
      const past = await send(
        'post',
        `/api/newsletter/newsletters/${created.body.id}/send`,
        admin,
        {
          at: '2020-01-01T00:00:00Z',
        },
      );
      expect(past.status).toBe(400);
      expect(past.body.errors).toEqual([expect.objectContaining({ field: 'at' })]);
    });

    it('keeps the sender settings, the SMTP password write-only', async () => {
      const put = await send('put', '/api/newsletter/settings', admin, {
        senderName: 'Ville de Démo',
        senderAddress: 'lettre@demo.example.org',
        messagesPerSecond: 20,
        smtp: {
          host: 'smtp.demo.example.org',
          port: 587,
          secure: false,
          user: 'lettre',
          password: 's3cret',
        },
      }).expect(200);
      expect(put.body).toEqual({
        senderName: 'Ville de Démo',
        senderAddress: 'lettre@demo.example.org',
        replyTo: null,
        messagesPerSecond: 20,
        smtp: { host: 'smtp.demo.example.org', port: 587, secure: false, user: 'lettre' },
      });
      const [row] = await platform.db.query<{ smtp: { password: string } }>(
        `SELECT smtp FROM newsletter.settings`,
      );
      expect(row.smtp.password).not.toContain('s3cret');
      const bad = await send('put', '/api/newsletter/settings', admin, { messagesPerSecond: 0 });
      expect(bad.status).toBe(400);
      await send('put', '/api/newsletter/settings', admin, { smtp: null }).expect(200);
    });
  },
);
