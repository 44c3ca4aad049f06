/**
 * A petition's author is told what became of it (ADR 0040): published,
 * rejected (with the reason they are shown), each milestone, each answer.
 * Petitions publishes `petitions.notification.requested.v1` in the
 * transaction of the change, naming the author's account and nobody else:
 * never a signer, never a deleted author, and nothing for a change that
 * changes nothing.
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import type { InternalIdentity } from '@palabre/auth';
import { Topics, type NotificationJson, type UserErasedJson } from '@palabre/contracts';
import { createMessagingTables, publish } from '@palabre/messaging';
import { bootService, testDatabaseTargets, until, type BootedService } from '@palabre/testing';
import { petitionsService } from '../src/petitions.definition';

const TEXT =
  'Nous demandons que la commune installe des fontaines à eau potable dans chaque parc public avant l’été.';
const STUB = 'identity_stub';

describe.each(testDatabaseTargets())('notifications to petition authors on $name', (target) => {
  let booted: BootedService;
  let server: Parameters<typeof request>[0];
  let identity: DataSource;
  const org = randomUUID();
  const admin: InternalIdentity = {
    organizationId: org,
    userId: randomUUID(),
    displayName: 'Admin',
    grants: [{ role: 'org-admin' }],
  };
  const newAuthor = (): InternalIdentity => ({
    organizationId: org,
    userId: randomUUID(),
    displayName: 'Camille Martin',
    identified: true,
    grants: [],
  });
  const signer = (): InternalIdentity => ({
    organizationId: org,
    signerKey: randomUUID(),
    grants: [],
  });
  const resident = (): InternalIdentity => ({
    organizationId: org,
    userId: randomUUID(),
    grants: [],
  });
  const as = (who: InternalIdentity) => booted.as(who);

  /** The notifications requested about a petition (by dedupe key): still in the outbox, or relayed. */
  const told = async (petitionId: string) =>
    (
      await booted.db.query<{ payload: { notification: NotificationJson }; headers: object }>(
        `SELECT payload, headers FROM (
           SELECT DISTINCT ON (event_id) event_id, payload, headers FROM (
             SELECT event_id, payload, headers FROM petitions.outbox WHERE topic = $1 AND key = $2
             UNION ALL
             SELECT event_id, payload, headers FROM palabre_bus.events WHERE topic = $1 AND key = $2
           ) e) d
         ORDER BY payload->'notification'->>'dedupeKey'`,
        [Topics.PetitionsNotificationRequestedV1, petitionId],
      )
    ).map((e) => ({ ...e.payload.notification, headers: e.headers }));

  const createType = async (overrides: Record<string, unknown> = {}) =>
    (
      await request(server)
        .post('/types')
        .set(...(await as(admin)))
        .send({
          name: { fr: `Type ${randomUUID().slice(0, 8)}` },
          signatureDays: 30,
          signers: 'franceconnect-or-account',
          milestones: [
            { threshold: 2, label: { fr: 'Examen' } },
            { threshold: 3, label: { fr: 'Débat' } },
          ],
          ...overrides,
        })
        .expect(201)
    ).body.id as string;

  /** A petition written and submitted by `author` through the API. */
  const submitted = async (author: InternalIdentity, title: string) => {
    const typeId = await createType();
    const { body } = await request(server)
      .post('/')
      .set(...(await as(author)))
      .send({ typeId, title, body: TEXT })
      .expect(201);
    await request(server)
      .post(`/${body.id}/submit`)
      .set(...(await as(author)))
      .expect(200);
    return body.id as string;
  };
  const review = async (id: string, decision: object, status = 200) =>
    request(server)
      .post(`/${id}/review`)
      .set(...(await as(admin)))
      .send(decision)
      .expect(status);
  const sign = async (id: string, who: InternalIdentity, status = 201) =>
    request(server)
      .post(`/${id}/signatures`)
      .set(...(await as(who)))
      .send({})
      .expect(status);
  const answer = async (id: string, body: object) =>
    request(server)
      .post(`/${id}/answer`)
      .set(...(await as(admin)))
      .send(body)
      .expect(200);

  beforeAll(async () => {
    process.env.PETITIONS_RECOUNT_INTERVAL_MS = '0';
    process.env.PETITIONS_CLOSE_INTERVAL_MS = '0';
    booted = await bootService(petitionsService, { database: target.open });
    server = booted.service.app.getHttpServer();
    // Identity's events (an account erased) reach petitions through the bus, from here.
    await booted.db.query(`DROP SCHEMA IF EXISTS ${STUB} CASCADE`);
    await booted.db.query(`CREATE SCHEMA ${STUB}`);
    identity = booted.db.dataSource({ schema: STUB });
    await identity.initialize();
    const qr = identity.createQueryRunner();
    await createMessagingTables(qr, STUB);
    await qr.release();
    await booted.bus.relay(identity, STUB);
  });
  afterAll(async () => {
    if (identity?.isInitialized) await identity.destroy();
    await booted?.close();
  });

  it('tells the author of the publication, each milestone once and each new answer, nobody else', async () => {
    const author = newAuthor();
    const title = 'Des fontaines dans les parcs';
    const id = await submitted(author, title);
    // Writing and submitting are the author's own doing: nothing to tell.
    expect(await told(id)).toEqual([]);

    await review(id, { decision: 'publish' });
    const common = {
      organizationId: org,
      recipientIds: [author.userId],
      spaceId: '',
      spaceTitle: {},
      subjectId: id,
      title: { fr: title, en: title },
      path: `/petitions/${id}`,
    };
    const [published] = await told(id);
    expect(published).toEqual({
      ...common,
      kind: 'petition.published',
      params: {},
      occurredAt: expect.any(String),
      dedupeKey: `petition.published:${id}`,
      headers: expect.objectContaining({
        schema: 'palabre.petitions.v1.PetitionsNotificationRequested',
        'tenant-id': org,
      }),
    });

    // A FranceConnect signer, then an account: the second signature reaches the first milestone.
    const anonymous = signer();
    await sign(id, anonymous);
    expect(await told(id)).toHaveLength(1);
    const account = resident();
    await sign(id, account);
    await sign(id, account, 200);
    await sign(id, anonymous, 200);
    await sign(id, signer());
    const afterSigning = await told(id);
    expect(afterSigning.map((n) => [n.kind, n.params, n.dedupeKey])).toEqual([
      ['petition.milestone', { milestone: '2' }, `petition.milestone:${id}:2`],
      ['petition.milestone', { milestone: '3' }, `petition.milestone:${id}:3`],
      ['petition.published', {}, `petition.published:${id}`],
    ]);
    for (const n of afterSigning) expect(n).toMatchObject(common);
    // Milestones reached already are not told again, whatever comes after.
    await request(server)
      .post(`/${id}/offline-counts`)
      .set(...(await as(admin)))
      .send({ count: 40, source: 'Mairie' })
      .expect(201);
    expect(await told(id)).toHaveLength(3);

    await answer(id, { text: 'Le conseil votera les fontaines.', date: '2026-11-20' });
    const answers = async () => (await told(id)).filter((n) => n.kind === 'petition.answered');
    expect(await answers()).toEqual([
      expect.objectContaining({
        ...common,
        kind: 'petition.answered',
        params: {},
        dedupeKey: expect.stringMatching(
          new RegExp(`^petition\\.answered:${id}:\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z$`),
        ),
      }),
    ]);
    // The same answer posted again changes nothing the author reads: nothing told.
    await answer(id, { text: 'Le conseil votera les fontaines.', date: '2026-11-20' });
    expect(await told(id)).toHaveLength(4);
    const [first] = await answers();
    // A changed answer is a new one.
    await answer(id, {
      text: 'Le conseil votera les fontaines.',
      date: '2026-11-20',
      url: 'https://ville.example/cm',
    });
    const all = await told(id);
    expect(all).toHaveLength(5);
    const second = (await answers()).find((n) => n.dedupeKey !== first.dedupeKey);
    expect(second).toMatchObject({ ...common, kind: 'petition.answered', params: {} });
    // Only ever the author: no signer, no account that signed, not the administrator.
    expect(new Set(all.flatMap((n) => n.recipientIds))).toEqual(new Set([author.userId]));
  });

  it('tells the author of a rejection with its reason, once', async () => {
    const author = newAuthor();
    const id = await submitted(author, 'Baisser les impôts nationaux');
    const reason = 'La commune n’est pas compétente en matière de fiscalité.';
    await review(id, { decision: 'reject', reason });
    expect(await told(id)).toEqual([
      expect.objectContaining({
        kind: 'petition.rejected',
        recipientIds: [author.userId],
        title: { fr: 'Baisser les impôts nationaux', en: 'Baisser les impôts nationaux' },
        path: `/petitions/${id}`,
        params: { reason },
        dedupeKey: `petition.rejected:${id}`,
      }),
    ]);
    // Reviewed already: refused, and nothing more told.
    await review(id, { decision: 'publish' }, 409);
    expect(await told(id)).toHaveLength(1);
  });

  it('tells nothing to an author who deleted their account', async () => {
    const author = newAuthor();
    const id = await submitted(author, 'Un jardin partagé rue des Lilas');
    await review(id, { decision: 'publish' });
    expect(await told(id)).toHaveLength(1);
    const erased: UserErasedJson = {
      userId: author.userId,
      organizationId: org,
      reason: 'request',
    };
    await identity.transaction((m) =>
      publish(m, STUB, {
        topic: Topics.IdentityUserErasedV1,
        key: author.userId as string,
        tenantId: org,
        schema: 'palabre.identity.v1.UserErased',
        payload: erased,
      }),
    );
    await until('the author erased', async () => {
      const [p] = await booted.db.query<{ author_name: string | null }>(
        `SELECT author_name FROM petitions.petitions WHERE id = $1`,
        [id],
      );
      return p.author_name === null;
    });
    await sign(id, signer());
    await sign(id, resident());
    await answer(id, { text: 'Le jardin sera fait au printemps.', date: '2026-12-01' });
    const [{ n }] = await booted.db.query<{ n: string }>(
      `SELECT count(*) AS n FROM petitions.milestones_reached WHERE petition_id = $1`,
      [id],
    );
    expect(Number(n)).toBe(1);
    expect((await told(id)).map((e) => e.kind)).toEqual(['petition.published']);
  });
});
