import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { bootService, testDatabaseTargets, type BootedService } from '@palabre/testing';
import { antispamService } from '../src/antispam.definition';

const SPAM_PROPOSAL = {
  kind: 'content',
  type: 'proposal',
  title: 'Améliorer le parc du quartier',
  text: 'Gagnez de l’argent facilement avec notre casino en ligne : bonus de 500 € sans dépôt, jackpot garanti ! Inscrivez-vous sur https://meilleur-casino-bonus.xyz/promo?ref=parc et sur https://jackpot-gratuit.top',
  lang: 'fr',
};
const HAM_PROPOSAL = {
  kind: 'content',
  type: 'proposal',
  title: 'Des bancs le long de la promenade',
  text: 'Les personnes âgées du quartier aimeraient pouvoir se reposer le long de la promenade au bord de la rivière : trois ou quatre bancs suffiraient, à l’ombre des platanes.',
  lang: 'fr',
};
const SPAM_ACCOUNT = {
  kind: 'account',
  nickname: 'best_seo_services_2024',
  about:
    'Cheap SEO backlinks, buy followers, casino bonus, crypto trading signals. Visit https://cheap-backlinks-seo.xyz',
  personalUrl: 'https://cheap-backlinks-seo.xyz',
  emailDomain: 'mailinator.com',
  contributions: 0,
  accountAgeDays: 0,
};

describe.each(testDatabaseTargets())('antispam scores on $name', (target) => {
  let booted: BootedService;
  let server: Parameters<typeof request>[0];
  const org = randomUUID();
  const admin = () => booted.as({ organizationId: org, grants: [{ role: 'org-admin' }] });

  beforeAll(async () => {
    booted = await bootService(antispamService, { database: target.open });
    server = booted.service.app.getHttpServer();
  });
  afterAll(() => booted.close());

  const score = async (body: object, as = admin()) =>
    request(server)
      .post('/score')
      .set(...(await as))
      .send(body);

  it('scores a contribution and an account with a verdict and its reasons', async () => {
    const spam = await score(SPAM_PROPOSAL);
    expect(spam.status).toBe(200);
    expect(spam.body.score).toBeGreaterThan(0.7);
    // Above 0.99 too, but automatic blocking is off by default: reported, not blocked.
    expect(spam.body.verdict).toBe('flag');
    expect(spam.body.reasons).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^links: .*meilleur-casino-bonus\.xyz/),
        expect.stringMatching(/^spam-words: /),
      ]),
    );
    expect(spam.body.model).toMatch(/^[0-9a-f]{12}-[0-9a-f]{12}$/);

    const ham = await score(HAM_PROPOSAL);
    expect(ham.status).toBe(200);
    expect(ham.body).toMatchObject({ verdict: 'ok' });
    expect(ham.body.score).toBeLessThan(0.3);

    const account = await score(SPAM_ACCOUNT);
    expect(account.status).toBe(200);
    expect(account.body.score).toBeGreaterThan(0.7);
    expect(account.body.reasons).toEqual(
      expect.arrayContaining(['disposable-email', 'no-contributions', 'new-account']),
    );
  });

  it("gives the verdict by the organization's thresholds", async () => {
    const before = await score(SPAM_PROPOSAL);
    expect(before.body.score).toBeGreaterThan(0.75);
    const put = await request(server)
      .put('/settings')
      .set(...(await admin()))
      .send({ flagThreshold: 0.5, blockThreshold: 0.75, autoBlock: true });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ autoBlock: true, model: before.body.model });
    expect((await score(SPAM_PROPOSAL)).body.verdict).toBe('block');
    // Another organization keeps the defaults.
    const other = await score(
      SPAM_PROPOSAL,
      booted.as({ organizationId: randomUUID(), grants: [{ role: 'org-admin' }] }),
    );
    expect(other.body.score).toBe(before.body.score);
    const settings = await request(server)
      .get('/settings')
      .set(...(await admin()));
    expect(settings.body).toMatchObject({
      flagThreshold: 0.5,
      blockThreshold: 0.75,
      autoBlock: true,
    });
  });

  it('refuses a block threshold under the flag threshold, naming it', async () => {
    const r = await request(server)
      .put('/settings')
      .set(...(await admin()))
      .send({ flagThreshold: 0.8, blockThreshold: 0.75, autoBlock: false });
    expect(r.status).toBe(400);
    expect(r.body.errors).toEqual([expect.objectContaining({ field: 'blockThreshold' })]);
  });

  it('refuses an unknown kind and a missing text with 400 naming the field', async () => {
    const kind = await score({ kind: 'picture', text: 'x' });
    expect(kind.status).toBe(400);
    expect(kind.body.errors.map((e: { field: string }) => e.field)).toContain('kind');
    const text = await score({ kind: 'content', type: 'comment' });
    expect(text.status).toBe(400);
    const fields = (r: request.Response) => [
      ...new Set(r.body.errors.map((e: { field: string }) => e.field)),
    ];
    expect(fields(text)).toEqual(['text']);
    const account = await score({ kind: 'account', nickname: 'x', emailDomain: 'a.fr' });
    expect(account.status).toBe(400);
    expect(fields(account).sort()).toEqual(['accountAgeDays', 'contributions']);
  });

  it('refuses a text over the platform’s limits with 413 naming it', async () => {
    const r = await score({ kind: 'content', type: 'petition', text: 'a'.repeat(20_001) });
    expect(r.status).toBe(413);
    expect(r.body.errors).toEqual([expect.objectContaining({ field: 'text', limit: 20_000 })]);
    const about = await score({ ...SPAM_ACCOUNT, about: 'b'.repeat(2_001) });
    expect(about.status).toBe(413);
  });

  it('answers scores to administrators and moderators only', async () => {
    const participant = await score(
      HAM_PROPOSAL,
      booted.as({ organizationId: org, grants: [{ role: 'participant' }] }),
    );
    expect(participant.status).toBe(403);
    const moderator = await score(
      HAM_PROPOSAL,
      booted.as({ organizationId: org, grants: [{ role: 'moderator', spaceId: randomUUID() }] }),
    );
    expect(moderator.status).toBe(200);
    const settings = await request(server)
      .get('/settings')
      .set(...(await booted.as({ organizationId: org, grants: [{ role: 'moderator' }] })));
    expect(settings.status).toBe(403);
  });

  it('answers the same to a contributing service asking as the person it acts for, and to nobody else', async () => {
    const person = { organizationId: org, userId: randomUUID(), grants: [] };
    const internal = async (routedTo: string, body: object = SPAM_PROPOSAL) =>
      request(server)
        .post('/internal/score')
        .set(...(await booted.as(person, routedTo)))
        .send(body);
    const fromProposals = await internal('proposals');
    expect(fromProposals.status).toBe(200);
    const direct = await score(SPAM_PROPOSAL);
    expect(fromProposals.body).toEqual(direct.body);
    // The same rules: a missing text is a 400 naming it.
    const bad = await internal('meetings', { kind: 'content', type: 'proposal' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('text');
    // A token minted for the antispam service itself, or passed on by a service that is not a
    // contributing one, is refused.
    expect((await internal('antispam')).status).toBe(403);
    expect((await internal('budgeting')).status).toBe(401);
  });
});
