import request from 'supertest';
import type { InternalIdentity } from '@palabre/auth';
import { MailCatcher, Mailer } from '@palabre/mail';
import { bootService, testDatabaseTargets, type BootedService } from '@palabre/testing';
import { identityService } from '../src/identity.definition';

const WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

/**
 * A mailed link leads to the organization's own address: https on its primary
 * host (the first it was given), never the Host header or port the request
 * named, which whoever sends the request chooses (a reset link to their own
 * server would hand them the token).
 */
describe.each(testDatabaseTargets())('links in account mail on $name', (target) => {
  let booted: BootedService;
  let server: Parameters<typeof request>[0];
  let catcher: MailCatcher;
  let mailer: Mailer;
  let visitor: InternalIdentity;
  const operator: InternalIdentity = {
    organizationId: '00000000-0000-4000-8000-000000000001',
    grants: [{ role: 'platform-operator' }],
  };

  beforeAll(async () => {
    catcher = new MailCatcher();
    mailer = new Mailer(await catcher.start(), 'Palabre <test@palabre.local>');
    booted = await bootService(identityService, { database: target.open, mailer });
    server = booted.service.app.getHttpServer();
    // The primary host is the first given, not the first in alphabetical order.
    const created = await request(server)
      .post('/organizations')
      .set(...(await booted.as(operator)))
      .send({
        slug: 'ville-liens',
        name: 'Ville des liens',
        hosts: ['www.ville-liens.fr', 'participer.ville-liens.fr'],
        defaultLocale: 'fr',
      })
      .expect(201);
    visitor = { organizationId: created.body.id, grants: [] };
  });
  afterAll(async () => {
    await booted?.close();
    mailer?.close();
    await catcher?.stop();
  });

  const post = async (path: string, body: object, host: string) =>
    request(server)
      .post(path)
      .set('Host', host)
      .set(...(await booted.as(visitor)))
      .send(body);

  it('sends confirmation and reset links to https://<primary host>, whatever Host was asked', async () => {
    const email = 'liens@example.org';
    const { body: captcha } = await request(server)
      .get('/captcha')
      .set(...(await booted.as(visitor)))
      .expect(200);
    const [, a, b] = /What is (\w+) plus (\w+)\?/.exec(captcha.question.en)!;
    const registered = await post(
      '/registrations',
      {
        email,
        password: 'correct horse battery',
        displayName: 'Liens',
        captchaId: captcha.id,
        captchaAnswer: String(WORDS.indexOf(a) + WORDS.indexOf(b)),
      },
      'attacker.example:8443',
    );
    expect(registered.status).toBe(202);
    const confirm = await catcher.waitFor(email, /confirmez/);
    expect(confirm.text).toContain('https://www.ville-liens.fr/account/confirm?token=');
    expect(confirm.text).not.toContain('attacker.example');

    // A reset asked on another of its hosts, on another port: the link is the same site's.
    await post('/password-resets', { email }, 'participer.ville-liens.fr:8080').then((r) =>
      expect(r.status).toBe(202),
    );
    const reset = await catcher.waitFor(email, /nouveau mot de passe/);
    expect(reset.text).toContain('https://www.ville-liens.fr/account/password-reset?token=');
    expect(reset.text).not.toMatch(/:8080|participer\.ville-liens\.fr/);
  });

  it("shows administrators where the organization's mails lead", async () => {
    const [admin] = await booted.db.query<{ id: string }>(
      `INSERT INTO identity.users (organization_id, email, display_name, email_confirmed_at)
       VALUES ($1, 'admin-liens@example.org', 'Admin', now()) RETURNING id`,
      [visitor.organizationId],
    );
    const r = await request(server)
      .get('/organization')
      .set(
        ...(await booted.as({
          organizationId: visitor.organizationId,
          userId: admin.id,
          grants: [{ role: 'org-admin' }],
        })),
      )
      .expect(200);
    expect(r.body).toMatchObject({
      hosts: ['participer.ville-liens.fr', 'www.ville-liens.fr'],
      primaryHost: 'www.ville-liens.fr',
    });
  });
});
