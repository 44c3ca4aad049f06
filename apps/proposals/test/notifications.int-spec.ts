import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { InternalIdentity } from '@palabre/auth';
import { Topics, type NotificationJson } from '@palabre/contracts';
import { publish } from '@palabre/messaging';
import { bootService, testDatabaseTargets, type BootedService } from '@palabre/testing';
import { proposalsService } from '../src/proposals.definition';
import { VoteWriter, type VoteOp } from '../src/votes/vote-writer';

const BODY =
  'Installer des fontaines à eau potable dans les parcs publics de la commune avant l’été prochain.';
const TITLE = 'Des fontaines dans les parcs';

/**
 * What proposals tells the people its changes concern (ADR 0040): the
 * proposal's author of its evaluation, answer, comments and threshold, a
 * comment's author of a reply; never the person who did it. Read from what
 * it published (its outbox, or the bus once relayed). Decided without
 * spaces (no SERVICE_URL_SPACES), from the component settings it was sent.
 */
describe.each(testDatabaseTargets())('notifications of proposals on $name', (target) => {
  let booted: BootedService;
  let server: Parameters<typeof request>[0];
  const org = randomUUID();
  const space = randomUUID();
  const slug = `quartiers-${space.slice(0, 6)}`;
  const admin: InternalIdentity = {
    organizationId: org,
    userId: randomUUID(),
    displayName: 'Admin',
    grants: [{ role: 'org-admin' }],
  };
  const person = (name = 'Camille Martin'): InternalIdentity => ({
    organizationId: org,
    userId: randomUUID(),
    displayName: name,
    grants: [],
  });
  const sql = <T = Record<string, unknown>>(q: string, p?: unknown[]) => booted.db.query<T>(q, p);

  const until = async (check: () => Promise<boolean>, what: string) => {
    const deadline = Date.now() + 15_000;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };

  /** What spaces publishes; resolves once proposals applied it. */
  const fromSpaces = async (topic: string, key: string, payload: object, applied: () => string) => {
    await booted.service.runtime.dataSource.transaction((m) =>
      publish(m, 'proposals', { topic, key, tenantId: org, payload }),
    );
    await until(async () => (await sql(applied())).length === 1, topic);
  };

  /** A proposals component open for proposals and supports, in a space proposals knows. */
  const component = async (settings: Record<string, unknown> = {}) => {
    const componentId = randomUUID();
    await fromSpaces(
      Topics.SpacesComponentSettingsChangedV1,
      componentId,
      {
        componentId,
        spaceId: space,
        organizationId: org,
        componentType: 'proposals',
        activePhaseId: '',
        cause: 'global',
        settings: { creation_enabled: true, votes_enabled: true, ...settings },
      },
      () => `SELECT 1 FROM proposals.components WHERE component_id = '${componentId}'`,
    );
    return componentId;
  };

  const as = (who: InternalIdentity) => booted.as(who);
  const propose = async (componentId: string, who: InternalIdentity, origin?: string) => {
    const r = await request(server)
      .post(`/components/${componentId}/proposals`)
      .set(...(await as(who)))
      .send({ title: TITLE, body: BODY, ...(origin ? { origin } : {}) });
    expect(r.status).toBe(201);
    return r.body.id as string;
  };
  const answer = async (id: string, who: InternalIdentity, state: string, text?: string) =>
    request(server)
      .post(`/proposals/${id}/answer`)
      .set(...(await as(who)))
      .send({ state, ...(text ? { answer: text } : {}) })
      .expect(200);
  const comment = async (id: string, who: InternalIdentity, parentId?: string) =>
    (
      await request(server)
        .post(`/proposals/${id}/comments`)
        .set(...(await as(who)))
        .send({ body: 'Une remarque sur cette proposition.', ...(parentId ? { parentId } : {}) })
        .expect(201)
    ).body.id as string;
  const vote = async (id: string, who: InternalIdentity, method: 'post' | 'delete' = 'post') =>
    request(server)
      [method](`/proposals/${id}/votes`)
      .set(...(await as(who)));

  /** The notifications published about a proposal, in the order they were. */
  const told = async (proposalId: string): Promise<NotificationJson[]> => {
    const rows = await sql<{ payload: { notification: NotificationJson } }>(
      // Relayed first (one partition per subject, in order), then those still in the outbox.
      `SELECT payload FROM (
         SELECT payload, 0 AS relayed, seq AS n FROM palabre_bus.events WHERE topic = $1
         UNION ALL SELECT payload, 1, id FROM proposals.outbox WHERE topic = $1) e
        WHERE payload -> 'notification' ->> 'subjectId' = $2 ORDER BY relayed, n`,
      [Topics.ProposalsNotificationRequestedV1, proposalId],
    );
    return rows.map((r) => r.payload.notification);
  };
  const page = (c: string, id: string) => `/spaces/${slug}/proposals/${c}/${id}`;
  const shape = (n: NotificationJson) => ({
    kind: n.kind,
    recipientIds: n.recipientIds,
    path: n.path,
    dedupeKey: n.dedupeKey,
    ...(Object.keys(n.params ?? {}).length ? { params: n.params } : {}),
  });

  beforeAll(async () => {
    delete process.env.SERVICE_URL_SPACES;
    booted = await bootService(proposalsService, { database: target.open });
    server = booted.service.app.getHttpServer();
    await fromSpaces(
      Topics.SpacesSpaceChangedV1,
      space,
      {
        spaceId: space,
        organizationId: org,
        slug,
        title: { fr: 'Quartiers', en: 'Neighbourhoods' },
        area: {},
        state: 'published',
        private: false,
        kind: 'process',
        changedAt: new Date().toISOString(),
      },
      () => `SELECT 1 FROM proposals.spaces WHERE space_id = '${space}'`,
    );
  });
  afterAll(async () => {
    await booted.close();
  });

  it('tells the author their proposal is evaluated and answered, once per new state', async () => {
    const c = await component();
    const author = person();
    const id = await propose(c, author);
    await answer(id, admin, 'evaluating');
    await answer(id, admin, 'accepted', 'Retenue pour le budget 2027.');
    // The answer reworded, the state the same: nothing new to tell.
    await answer(id, admin, 'accepted', 'Retenue pour le budget 2027 (parc Nord).');

    const all = await told(id);
    expect(all.map(shape)).toEqual([
      {
        kind: 'proposal.evaluating',
        recipientIds: [author.userId],
        path: page(c, id),
        dedupeKey: expect.stringMatching(new RegExp(`^proposal\\.evaluating:${id}:`)),
      },
      {
        kind: 'proposal.answered',
        recipientIds: [author.userId],
        path: page(c, id),
        dedupeKey: expect.stringMatching(new RegExp(`^proposal\\.answered:${id}:`)),
        params: { state: 'accepted' },
      },
    ]);
    expect(all[0].dedupeKey).not.toBe(all[1].dedupeKey);
    expect(all[1]).toMatchObject({
      organizationId: org,
      spaceId: space,
      spaceTitle: { fr: 'Quartiers', en: 'Neighbourhoods' },
      subjectId: id,
      title: { fr: TITLE, en: TITLE },
    });

    // An official proposal has no author to tell; an admin answering their own, no one else.
    const official = await propose(c, admin, 'official');
    await answer(official, admin, 'rejected');
    const own = await propose(c, admin);
    await answer(own, admin, 'accepted');
    expect(await told(official)).toEqual([]);
    expect(await told(own)).toEqual([]);
  });

  it('tells the author of comments and a comment’s author of replies, once each, never oneself', async () => {
    const c = await component();
    const [author, bea, chloe] = [person('Auteur'), person('Béa'), person('Chloé')];
    const id = await propose(c, author);

    const byBea = await comment(id, bea);
    await comment(id, author); // the author's own: nobody told
    const byAuthor = await comment(id, author);
    const chloeToBea = await comment(id, chloe, byBea);
    const beaToAuthor = await comment(id, bea, byAuthor);
    const beaToHerself = await comment(id, bea, byBea);
    await comment(id, author, byAuthor); // the author answering their own thread

    const at = (commentId: string) => `${page(c, id)}#comment-${commentId}`;
    expect((await told(id)).map(shape)).toEqual([
      {
        kind: 'proposal.commented',
        recipientIds: [author.userId],
        path: at(byBea),
        dedupeKey: `proposal.commented:${byBea}`,
      },
      {
        kind: 'comment.replied',
        recipientIds: [bea.userId],
        path: at(chloeToBea),
        dedupeKey: `comment.replied:${chloeToBea}`,
      },
      {
        kind: 'proposal.commented',
        recipientIds: [author.userId],
        path: at(chloeToBea),
        dedupeKey: `proposal.commented:${chloeToBea}`,
      },
      // A reply to the author's comment tells them once, as a reply.
      {
        kind: 'comment.replied',
        recipientIds: [author.userId],
        path: at(beaToAuthor),
        dedupeKey: `comment.replied:${beaToAuthor}`,
      },
      {
        kind: 'proposal.commented',
        recipientIds: [author.userId],
        path: at(beaToHerself),
        dedupeKey: `proposal.commented:${beaToHerself}`,
      },
    ]);
  });

  it('tells the author once when supports reach the threshold, whatever the concurrency', async () => {
    const c = await component({ threshold_per_proposal: 3 });
    const author = person();
    const id = await propose(c, author);
    const voters = Array.from({ length: 8 }, () => person('Soutien'));
    const results = await Promise.all(voters.map((v) => vote(id, v)));
    expect(results.map((r) => r.status)).toEqual(voters.map(() => 201));
    // Below the threshold and past it again: still told once.
    for (const v of voters.slice(0, 6)) expect((await vote(id, v, 'delete')).status).toBe(200);
    for (const v of voters.slice(0, 6)) expect((await vote(id, v)).status).toBe(201);

    expect((await told(id)).map(shape)).toEqual([
      {
        kind: 'proposal.threshold',
        recipientIds: [author.userId],
        path: page(c, id),
        dedupeKey: `proposal.threshold:${id}`,
        params: { threshold: '3' },
      },
    ]);

    // Two batches crossing it at once (two replicas): the second waits for the first's
    // row lock, then finds the stamp; only one tells.
    const raced = await propose(c, author);
    const writer = booted.service.app.get(VoteWriter);
    const op = (voter: InternalIdentity): VoteOp => ({
      kind: 'vote',
      organizationId: org,
      componentId: c,
      proposalId: raced,
      voterId: voter.userId as string,
      limit: 0,
      minimum: 1,
      cap: 0,
      threshold: 3,
    });
    const ds = booted.service.runtime.dataSource;
    await ds.transaction((m) => writer.store(m, [op(person()), op(person())]));
    await Promise.all(
      [person(), person()].map((v) => ds.transaction((m) => writer.store(m, [op(v)]))),
    );
    expect((await told(raced)).map((n) => n.dedupeKey)).toEqual([`proposal.threshold:${raced}`]);

    // The author's own support taking it there: nobody to tell.
    const other = await component({ threshold_per_proposal: 1 });
    const own = await propose(other, author);
    expect((await vote(own, author)).status).toBe(201);
    expect(await told(own)).toEqual([]);
    const [stamp] = await sql<{ threshold_reached_at: Date | null }>(
      `SELECT threshold_reached_at FROM proposals.proposals WHERE id = $1`,
      [own],
    );
    expect(stamp.threshold_reached_at).not.toBeNull();
    // No threshold set: never told.
    const none = await propose(await component(), author);
    expect((await vote(none, person())).status).toBe(201);
    expect(await told(none)).toEqual([]);
  });
});
