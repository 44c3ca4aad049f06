import { strFromU8, unzipSync } from 'fflate';
import request from 'supertest';
import type { InternalIdentity } from '@palabre/auth';
import { Topics } from '@palabre/contracts';
import { MailCatcher, Mailer } from '@palabre/mail';
import { bootService, testDatabaseTargets, type BootedService } from '@palabre/testing';
import { IdentityConfig } from '../src/config/identity.config';
import { identityService } from '../src/identity.definition';
import {
  newsletterUnsubscribeToken,
  newsletterUnsubscribeUrl,
} from '../src/newsletter-consent/unsubscribe-token';

const WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

/**
 * Consent to the newsletter (issue 20): asked at registration or from "my
 * account", granted only by the mailed link (double opt-in), withdrawn in one
 * click from a newsletter without signing in (RFC 8058), with an unsubscribe
 * token nobody can forge.
 */
describe.each(testDatabaseTargets())('newsletter consent on $name', (target) => {
  let booted: BootedService;
  let server: Parameters<typeof request>[0];
  let catcher: MailCatcher;
  let mailer: Mailer;
  let config: IdentityConfig;
  let orgA: string;
  let orgB: string;
  const operator: InternalIdentity = {
    organizationId: '00000000-0000-4000-8000-000000000001',
    grants: [{ role: 'platform-operator' }],
  };
  const visitor = (organizationId: string): InternalIdentity => ({ organizationId, grants: [] });

  beforeAll(async () => {
    catcher = new MailCatcher();
    mailer = new Mailer(await catcher.start(), 'Palabre <test@palabre.local>');
    booted = await bootService(identityService, { database: target.open, mailer });
    server = booted.service.app.getHttpServer();
    config = booted.service.app.get(IdentityConfig);
    const create = async (slug: string) =>
      (
        await request(server)
          .post('/organizations')
          .set(...(await booted.as(operator)))
          .send({ slug, name: `Ville ${slug}`, hosts: [`www.${slug}.fr`], defaultLocale: 'fr' })
          .expect(201)
      ).body.id as string;
    orgA = await create('ville-lettre');
    orgB = await create('ville-autre');
  });
  afterAll(async () => {
    await booted?.close();
    mailer?.close();
    await catcher?.stop();
  });

  const as = async (identity: InternalIdentity) => booted.as(identity);

  async function register(organizationId: string, email: string, newsletter?: boolean) {
    const { body: captcha } = await request(server)
      .get('/captcha')
      .set(...(await as(visitor(organizationId))))
      .expect(200);
    const [, a, b] = /What is (\w+) plus (\w+)\?/.exec(captcha.question.en)!;
    await request(server)
      .post('/registrations')
      .set(...(await as(visitor(organizationId))))
      .send({
        email,
        password: 'correct horse battery',
        displayName: 'Lectrice',
        captchaId: captcha.id,
        captchaAnswer: String(WORDS.indexOf(a) + WORDS.indexOf(b)),
        ...(newsletter === undefined ? {} : { newsletter }),
      })
      .expect(202);
    const [user] = await booted.db.query<{ id: string }>(
      `SELECT id FROM identity.users WHERE organization_id = $1 AND email = $2`,
      [organizationId, email],
    );
    return { organizationId, userId: user.id, grants: [] } as InternalIdentity;
  }

  const consentRow = async (userId: string) =>
    (
      await booted.db.query<{ state: string; granted_at: Date | null; withdrawn_at: Date | null }>(
        `SELECT state, granted_at, withdrawn_at FROM identity.newsletter_consents WHERE user_id = $1`,
        [userId],
      )
    )[0];
  const mine = async (me: InternalIdentity) =>
    (
      await request(server)
        .get('/me/newsletter')
        .set(...(await as(me)))
        .expect(200)
    ).body;
  /** The states of this account's consent events (sorted): still in the outbox, or relayed to the log. */
  const events = async (userId: string) =>
    (
      await booted.db.query<{ payload: { state: string; organizationId: string } }>(
        `SELECT DISTINCT ON (event_id) event_id, payload FROM (
           SELECT event_id, payload, created_at FROM identity.outbox WHERE topic = $1 AND key = $2
           UNION ALL
           SELECT event_id, payload, created_at FROM palabre_bus.events WHERE topic = $1 AND key = $2) e`,
        [Topics.IdentityNewsletterConsentChangedV1, userId],
      )
    )
      .map((e) => e.payload.state)
      .sort();
  const tokenIn = (text: string) =>
    /\/account\/newsletter\/confirm\?token=([A-Za-z0-9_-]+)/.exec(text)![1];
  const confirm = async (organizationId: string, token: string) =>
    request(server)
      .post('/newsletter/confirm')
      .set(...(await as(visitor(organizationId))))
      .send({ token });

  it('registration with the box ticked: pending and a mail; its link confirms once, with the date', async () => {
    const email = 'lectrice@example.org';
    const me = await register(orgA, email, true);
    expect(await mine(me)).toMatchObject({ state: 'pending', askedAt: expect.any(String) });

    const mail = await catcher.waitFor(email, /lettre d’information/);
    expect(mail.text).toContain('https://www.ville-lettre.fr/account/newsletter/confirm?token=');
    expect(mail.text).toContain('newsletter');
    const token = tokenIn(mail.text);

    const confirmed = await confirm(orgA, token);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ state: 'granted', grantedAt: expect.any(String) });
    expect((await consentRow(me.userId!)).granted_at).toBeInstanceOf(Date);

    // Single use: a second press, or another organization's host, is a 400 naming the token.
    const again = await confirm(orgA, token);
    expect(again.status).toBe(400);
    expect(again.body.errors).toEqual([expect.objectContaining({ field: 'token' })]);
    expect(await events(me.userId!)).toEqual(expect.arrayContaining(['pending', 'granted']));
  });

  it('registration without the box: no consent, no newsletter mail', async () => {
    const email = 'sans-lettre@example.org';
    const me = await register(orgA, email);
    await catcher.waitFor(email, /confirmez votre adresse/);
    expect(await mine(me)).toMatchObject({ state: 'none' });
    expect(catcher.list(email).filter((m) => /lettre d’information/.test(m.subject))).toEqual([]);
  });

  it('an expired confirmation link changes nothing', async () => {
    const email = 'en-retard@example.org';
    const me = await register(orgA, email, true);
    const token = tokenIn((await catcher.waitFor(email, /lettre d’information/)).text);
    await booted.db.query(
      `UPDATE identity.newsletter_consents SET token_expires_at = now() - interval '1 minute' WHERE user_id = $1`,
      [me.userId],
    );
    expect((await confirm(orgA, token)).status).toBe(400);
    expect((await mine(me)).state).toBe('pending');
  });

  it('my account: ask (mail), already granted asks nothing, withdraw at once', async () => {
    const email = 'compte@example.org';
    const me = await register(orgA, email);
    const asked = await request(server)
      .post('/me/newsletter')
      .set(...(await as(me)))
      .send({})
      .expect(200);
    expect(asked.body.state).toBe('pending');
    const mail = await catcher.waitFor(email, /lettre d’information/);
    expect((await confirm(orgA, tokenIn(mail.text))).status).toBe(200);

    const mails = catcher.list(email).length;
    const again = await request(server)
      .post('/me/newsletter')
      .set(...(await as(me)))
      .send({})
      .expect(200);
    expect(again.body.state).toBe('granted');
    expect(catcher.list(email)).toHaveLength(mails);

    const withdrawn = await request(server)
      .post('/me/newsletter/withdraw')
      .set(...(await as(me)))
      .send({})
      .expect(200);
    expect(withdrawn.body).toMatchObject({ state: 'withdrawn', withdrawnAt: expect.any(String) });
    expect(await events(me.userId!)).toEqual(['pending', 'granted', 'withdrawn'].sort());
  });

  describe('one-click unsubscribe, signed out', () => {
    async function subscriber(organizationId: string, email: string) {
      const me = await register(organizationId, email, true);
      const mail = await catcher.waitFor(email, /lettre d’information/);
      expect((await confirm(organizationId, tokenIn(mail.text))).status).toBe(200);
      return me;
    }
    const unsubscribe = async (organizationId: string, body: object, query = '') =>
      request(server)
        .post(`/newsletter/unsubscribe${query}`)
        .set(...(await as(visitor(organizationId))))
        .send(body);

    it('withdraws with a valid token, and answers 200 again the second time', async () => {
      const me = await subscriber(orgA, 'desabonne@example.org');
      const token = newsletterUnsubscribeToken(config.secret, orgA, me.userId!);
      expect((await unsubscribe(orgA, { token })).status).toBe(200);
      expect((await consentRow(me.userId!)).state).toBe('withdrawn');
      const before = await events(me.userId!);
      expect((await unsubscribe(orgA, { token })).status).toBe(200);
      expect((await consentRow(me.userId!)).state).toBe('withdrawn');
      expect(await events(me.userId!)).toEqual(before);
    });

    it('accepts the RFC 8058 POST of a mail client to the List-Unsubscribe URL', async () => {
      const me = await subscriber(orgA, 'un-clic@example.org');
      const url = new URL(
        newsletterUnsubscribeUrl(config.secret, 'https://www.ville-lettre.fr', orgA, me.userId!),
      );
      expect(url.pathname).toBe('/newsletter/unsubscribe');
      const r = await request(server)
        .post(`/newsletter/unsubscribe${url.search}`)
        .set(...(await as(visitor(orgA))))
        .type('form')
        .send('List-Unsubscribe=One-Click');
      expect(r.status).toBe(200);
      expect((await consentRow(me.userId!)).state).toBe('withdrawn');
    });

    it('refuses a tampered token with 400 and changes nothing', async () => {
      const me = await subscriber(orgA, 'intacte@example.org');
      const token = newsletterUnsubscribeToken(config.secret, orgA, me.userId!);
      const other = await register(orgA, 'voisine@example.org');
      const [, mac] = token.split('.');
      const flipped = mac.slice(0, -2) + (mac.at(-2) === 'A' ? 'B' : 'A') + mac.at(-1);
      for (const bad of [
        `${me.userId}.${flipped}`,
        `${other.userId}.${mac}`,
        `${me.userId}.`,
        'not a token at all, really',
      ]) {
        const r = await unsubscribe(orgA, { token: bad });
        expect(r.status).toBe(400);
        expect(r.body.errors).toEqual([expect.objectContaining({ field: 'token' })]);
      }
      expect((await unsubscribe(orgA, { 'List-Unsubscribe': 'One-Click' })).status).toBe(400);
      expect((await consentRow(me.userId!)).state).toBe('granted');
    });

    it("another organization's token does nothing here", async () => {
      const inB = await subscriber(orgB, 'ailleurs@example.org');
      const inA = await subscriber(orgA, 'ici@example.org');
      // B's subscriber's token, sent to A; and A's subscriber with B's token shape.
      const tokenB = newsletterUnsubscribeToken(config.secret, orgB, inB.userId!);
      expect((await unsubscribe(orgA, { token: tokenB })).status).toBe(400);
      const forgedForA = newsletterUnsubscribeToken(config.secret, orgB, inA.userId!);
      expect((await unsubscribe(orgA, { token: forgedForA })).status).toBe(400);
      expect((await consentRow(inB.userId!)).state).toBe('granted');
      expect((await consentRow(inA.userId!)).state).toBe('granted');
    });
  });

  it('the copy of my data holds the consent with its dates', async () => {
    const me = await register(orgA, 'archive@example.org', true);
    const r = await request(server)
      .get('/me/export')
      .set(...(await as(me)))
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const files = unzipSync(new Uint8Array(r.body as Buffer));
    const identity = JSON.parse(strFromU8(files['identity.json']));
    expect(identity.newsletterConsent).toEqual({
      state: 'pending',
      askedAt: expect.any(String),
      grantedAt: null,
      withdrawnAt: null,
    });
  });

  it('deleting the account erases its consent', async () => {
    const me = await register(orgA, 'partie@example.org', true);
    await request(server)
      .delete('/me')
      .set(...(await as(me)))
      .expect(204);
    expect(await consentRow(me.userId!)).toBeUndefined();
  });
});
