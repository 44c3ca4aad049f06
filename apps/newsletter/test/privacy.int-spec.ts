import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { Topics } from '@palabre/contracts';
import { publish } from '@palabre/messaging';
import { bootService, testDatabaseTargets, until, type BootedService } from '@palabre/testing';
import { newsletterService } from '../src/newsletter.definition';

/**
 * The newsletter's part of a person's rights (docs/adr/0018): what identity's
 * archive gathers from it with the person's own token, and what an erased
 * account leaves here.
 */
describe.each(testDatabaseTargets())('newsletter personal data on $name', (target) => {
  let booted: BootedService;
  let server: Parameters<typeof request>[0];
  const sql = <T = Record<string, unknown>>(q: string, p?: unknown[]) => booted.db.query<T>(q, p);

  beforeAll(async () => {
    booted = await bootService(newsletterService, { database: target.open });
    server = booted.service.app.getHttpServer();
  });
  afterAll(() => booted.close());

  /** As identity announces it, through the bus. */
  const announce = (topic: string, key: string, organizationId: string, payload: object) =>
    booted.service.runtime.dataSource.transaction((m) =>
      publish(m, 'newsletter', { topic, key, tenantId: organizationId, payload }),
    );

  const newsletter = async (
    organizationId: string,
    subjects: Record<string, string>,
    state: string,
    scheduledAt: string | null = null,
  ) => {
    const id = randomUUID();
    const contents = Object.fromEntries(
      Object.entries(subjects).map(([lang, subject]) => [
        lang,
        { subject, preheader: '', blocks: [{ type: 'text', text: subject }] },
      ]),
    );
    await sql(
      `INSERT INTO newsletter.newsletters (id, organization_id, contents, audience, state, scheduled_at, started_at)
       VALUES ($1, $2, $3, '{"kind":"all"}', $4, $5,
               CASE WHEN $4 = 'sent' THEN now() - interval '1 hour' END)`,
      [id, organizationId, JSON.stringify(contents), state, scheduledAt],
    );
    return id;
  };

  const delivery = (
    newsletterId: string,
    organizationId: string,
    userId: string,
    state: string,
    sentAt: string | null = null,
  ) =>
    sql(
      `INSERT INTO newsletter.deliveries (newsletter_id, organization_id, user_id, state, sent_at, attempts, error)
       VALUES ($1, $2, $3, $4, $5, CASE WHEN $4 = 'failed' THEN 1 ELSE 0 END,
               CASE WHEN $4 = 'failed' THEN 'smtp 550 5.1.1' END)`,
      [newsletterId, organizationId, userId, state, sentAt],
    );

  const personalData = async (organizationId: string, userId: string) =>
    request(server)
      .get('/internal/newsletter/personal-data')
      // As identity passes the person's token on while gathering the archive.
      .set(...(await booted.as({ organizationId, userId, grants: [] }, 'identity')));

  const org = randomUUID();
  const otherOrg = randomUUID();
  const person = randomUUID();
  const neighbour = randomUUID();
  let april: string;
  let may: string;
  let june: string;

  beforeAll(async () => {
    const changedAt = '2026-03-02T08:00:00.000Z';
    for (const [organizationId, userId, state] of [
      [org, person, 'granted'],
      [org, neighbour, 'granted'],
      [otherOrg, person, 'withdrawn'],
    ])
      await announce(Topics.IdentityNewsletterConsentChangedV1, userId, organizationId, {
        userId,
        organizationId,
        state,
        changedAt,
      });
    await until('the consents copied', async () => {
      const [{ n }] = await sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM newsletter.subscribers WHERE user_id IN ($1, $2)`,
        [person, neighbour],
      );
      return n === 3;
    });
    april = await newsletter(org, { fr: 'Les travaux d’avril', en: 'April works' }, 'sent');
    may = await newsletter(org, { fr: 'Budget participatif : à vous', en: 'Your budget' }, 'sent');
    june = await newsletter(
      org,
      { fr: 'La fête de juin' },
      'scheduled',
      new Date(Date.now() + 30 * 24 * 3600_000).toISOString(),
    );
    await delivery(april, org, person, 'sent', '2026-04-03T09:00:00.000Z');
    await delivery(april, org, neighbour, 'sent', '2026-04-03T09:00:01.000Z');
    await delivery(may, org, person, 'failed');
    await delivery(june, org, person, 'pending');
    await sql(
      `INSERT INTO newsletter.notifications (organization_id, user_id, kind, cadence, subject_id, title,
         path, occurred_at, dedupe_key, read_at)
       VALUES ($1, $2, 'petition.published', 'instant', 'p1', '{"fr":"Des arbres"}', '/petitions/p1',
               '2026-04-10T10:00:00.000Z', 'k1', '2026-04-11T10:00:00.000Z')`,
      [org, person],
    );
    await sql(
      `INSERT INTO newsletter.notification_preferences (organization_id, user_id, kind, cadence)
       VALUES ($1, $2, 'proposal.commented', 'weekly')`,
      [org, person],
    );
    const elsewhere = await newsletter(otherOrg, { fr: 'Une autre ville' }, 'sent');
    await delivery(elsewhere, otherOrg, person, 'sent', '2026-04-05T09:00:00.000Z');
  });

  it("gives identity's archive the consent copy and the newsletters addressed to the person, in this organization only", async () => {
    const r = await personalData(org, person);
    expect(r.status).toBe(200);
    expect(r.headers['cache-control']).toBe('no-store');
    expect(r.body).toEqual({
      format: 'palabre.newsletter.personal-data.v1',
      organizationId: org,
      subscription: { state: 'granted', blocked: false, changedAt: '2026-03-02T08:00:00.000Z' },
      // Subjects in the organization's default language (French when identity cannot say).
      newsletters: [
        {
          newsletterId: april,
          subject: 'Les travaux d’avril',
          sentAt: '2026-04-03T09:00:00.000Z',
          state: 'sent',
        },
        {
          newsletterId: may,
          subject: 'Budget participatif : à vous',
          sentAt: null,
          state: 'failed',
        },
        { newsletterId: june, subject: 'La fête de juin', sentAt: null, state: 'pending' },
      ],
      notifications: [
        {
          kind: 'petition.published',
          title: { fr: 'Des arbres' },
          path: '/petitions/p1',
          occurredAt: '2026-04-10T10:00:00.000Z',
          readAt: '2026-04-11T10:00:00.000Z',
          mailedAt: null,
        },
      ],
      notificationPreferences: { 'proposal.commented': 'weekly' },
    });
    // Another organization's part of the same account is that organization's alone.
    const there = await personalData(otherOrg, person);
    expect(there.body).toMatchObject({
      organizationId: otherOrg,
      subscription: { state: 'withdrawn' },
      newsletters: [expect.objectContaining({ subject: 'Une autre ville', state: 'sent' })],
    });
  });

  it('answers an account never asked with an empty part', async () => {
    const r = await personalData(org, randomUUID());
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ subscription: null, newsletters: [] });
  });

  it('refuses a token not meant for it, and one that names no account, with 401', async () => {
    // Petitions passes no token on to the newsletter (TOKEN_RELAYS): that token has no MAC here.
    await request(server)
      .get('/internal/newsletter/personal-data')
      .set(...(await booted.as({ organizationId: org, userId: person, grants: [] }, 'petitions')))
      .expect(401);
    await request(server)
      .get('/internal/newsletter/personal-data')
      .set(...(await booted.as({ organizationId: org, grants: [] }, 'identity')))
      .expect(401);
  });

  it('forgets an erased account’s consent and unsent newsletters, and keeps the deliveries made for the counts', async () => {
    const erased = await announce(Topics.IdentityUserErasedV1, person, org, {
      userId: person,
      organizationId: org,
      reason: 'request',
    });
    // Both consumers of the event (the subscribers' and the personal data keeper's) are done.
    await until('the erasure handled', async () => {
      const rows = await sql<{ consumer: string }>(
        `SELECT consumer FROM newsletter.inbox WHERE event_id = $1`,
        [erased],
      );
      return rows.length === 2;
    });
    expect(
      await sql(
        `SELECT 1 FROM newsletter.subscribers WHERE organization_id = $1 AND user_id = $2`,
        [org, person],
      ),
    ).toEqual([]);
    const left = await sql<{ newsletter_id: string; state: string; sent_at: Date | null }>(
      `SELECT newsletter_id, state, sent_at FROM newsletter.deliveries
        WHERE organization_id = $1 AND user_id = $2 ORDER BY state`,
      [org, person],
    );
    expect(left).toEqual([
      { newsletter_id: may, state: 'failed', sent_at: null },
      { newsletter_id: april, state: 'sent', sent_at: new Date('2026-04-03T09:00:00.000Z') },
      // Not sent yet: it never will be.
      { newsletter_id: june, state: 'skipped', sent_at: null },
    ]);
    // Its notifications and preferences go; its id is kept only to tell it nothing more.
    for (const table of ['notifications', 'notification_preferences'])
      expect(
        await sql(`SELECT 1 FROM newsletter.${table} WHERE organization_id = $1 AND user_id = $2`, [
          org,
          person,
        ]),
      ).toEqual([]);
    expect(
      await sql(`SELECT reason FROM newsletter.untold_accounts WHERE user_id = $1`, [person]),
    ).toEqual([{ reason: 'erased' }]);
    // The history of April's newsletter still counts the mail the erased account received.
    const [{ sent }] = await sql<{ sent: number }>(
      `SELECT count(*)::int AS sent FROM newsletter.deliveries WHERE newsletter_id = $1 AND state = 'sent'`,
      [april],
    );
    expect(sent).toBe(2);
    // The neighbour, and the same account's consent in another organization, are untouched.
    expect(
      await sql(
        `SELECT organization_id, user_id, state FROM newsletter.subscribers
                  WHERE user_id IN ($1, $2) ORDER BY state`,
        [person, neighbour],
      ),
    ).toEqual([
      { organization_id: org, user_id: neighbour, state: 'granted' },
      { organization_id: otherOrg, user_id: person, state: 'withdrawn' },
    ]);
  });
});
