import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import type { InternalIdentity } from '@palabre/auth';
import { decodeEvent, Topics, type SpaceChangedJson } from '@palabre/contracts';
import { publish } from '@palabre/messaging';
import { bootService, testDatabaseTargets, type BootedService } from '@palabre/testing';
import { ComponentAccess } from '../src/components/component-access';
import { proposalsService } from '../src/proposals.definition';

const BODY =
  'Installer des fontaines à eau potable dans les parcs publics de la commune avant l’été prochain.';

interface Refusal {
  reason: string;
  message: string;
  phase?: { id: string; title: Record<string, string> };
}

/**
 * A stand-in for the spaces service's internal API (the real one is another
 * app): it knows which components exist in which organization and refuses
 * the actions a test tells it to, like POST /internal/spaces/authorize does.
 */
function fakeSpaces() {
  const components = new Map<
    string,
    { org: string; spaceId: string; type: string; refuse: Record<string, Refusal> }
  >();
  let calls = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      calls++;
      const token = String(req.headers['x-palabre-identity'] ?? '');
      const claims = token
        ? JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'))
        : null;
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      const c = components.get(body.componentId);
      res.setHeader('content-type', 'application/json');
      if (req.url !== '/internal/spaces/authorize' || !claims) {
        res.statusCode = 401;
        return res.end('{}');
      }
      if (!c || c.org !== claims.org) {
        res.statusCode = 404;
        return res.end('{}');
      }
      res.setHeader('cache-control', 'private, max-age=0');
      const refusal = c.refuse[body.action];
      res.end(
        JSON.stringify({
          allowed: !refusal,
          reason: refusal?.reason ?? '',
          message: refusal?.message ?? '',
          ...(refusal?.phase ? { phase: refusal.phase } : {}),
          spaceId: c.spaceId,
          componentType: c.type,
        }),
      );
    });
  });
  return {
    components,
    server,
    get calls() {
      return calls;
    },
  };
}

describe.each(testDatabaseTargets())('proposals on $name', (target) => {
  let booted: BootedService;
  let server: Parameters<typeof request>[0];
  const spaces = fakeSpaces();
  const org = randomUUID();
  const otherOrg = randomUUID();
  const space = randomUUID();
  const phase = randomUUID();
  const admin: InternalIdentity = {
    organizationId: org,
    userId: randomUUID(),
    displayName: 'Admin',
    grants: [{ role: 'org-admin' }],
  };
  const moderator: InternalIdentity = {
    organizationId: org,
    userId: randomUUID(),
    displayName: 'Modération',
    grants: [{ role: 'moderator' }],
  };
  const evaluator: InternalIdentity = {
    organizationId: org,
    userId: randomUUID(),
    displayName: 'Service voirie',
    grants: [{ role: 'evaluator', spaceId: space }],
  };
  const anonymous: InternalIdentity = { organizationId: org, grants: [] };
  const person = (name = 'Camille Martin'): InternalIdentity => ({
    organizationId: org,
    userId: randomUUID(),
    displayName: name,
    grants: [],
  });
  const outsider: InternalIdentity = {
    organizationId: otherOrg,
    userId: randomUUID(),
    displayName: 'Ailleurs',
    grants: [{ role: 'org-admin' }],
  };
  const as = (identity: InternalIdentity) => booted.as(identity);
  const sql = <T = Record<string, unknown>>(q: string, p?: unknown[]) => booted.db.query<T>(q, p);

  const until = async (check: () => Promise<boolean>, what: string) => {
    const deadline = Date.now() + 15_000;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };

  /** What spaces would publish: this component's settings in force now. */
  const settingsChanged = async (
    componentId: string,
    settings: Record<string, unknown>,
    organizationId = org,
  ) => {
    await booted.service.runtime.dataSource.transaction((m) =>
      publish(m, 'proposals', {
        topic: Topics.SpacesComponentSettingsChangedV1,
        key: componentId,
        tenantId: organizationId,
        payload: {
          componentId,
          spaceId: space,
          organizationId,
          componentType: 'proposals',
          activePhaseId: phase,
          cause: 'global',
          settings,
        },
      }),
    );
    await until(async () => {
      const rows = await sql(
        `SELECT 1 FROM proposals.components WHERE component_id = $1 AND settings @> $2::jsonb AND $2::jsonb @> settings`,
        [componentId, JSON.stringify(settings)],
      );
      return rows.length === 1;
    }, 'the settings to arrive');
  };

  /** A proposals component, open for proposals and supports unless told otherwise. */
  const component = async (settings: Record<string, unknown> = {}, organizationId = org) => {
    const id = randomUUID();
    spaces.components.set(id, {
      org: organizationId,
      spaceId: space,
      type: 'proposals',
      refuse: {},
    });
    await settingsChanged(
      id,
      { creation_enabled: true, votes_enabled: true, ...settings },
      organizationId,
    );
    return id;
  };

  /**
   * A request that needs a token first: `await call(...)` gives the response,
   * `call(...).expect(201)` checks the status like supertest does.
   */
  type Call = PromiseLike<request.Response> & {
    expect(status: number): Promise<request.Response>;
  };
  const call = (make: () => Promise<{ test: request.Test }>): Call => ({
    then: (ok, ko) =>
      make()
        .then(({ test }) => test.then((r) => r))
        .then(ok, ko),
    expect: (status) => make().then(({ test }) => test.expect(status)),
  });

  const submit = (
    componentId: string,
    who: InternalIdentity,
    extra: Record<string, unknown> = {},
  ) =>
    call(async () => ({
      test: request(server)
        .post(`/components/${componentId}/proposals`)
        .set(...(await as(who)))
        .send({ title: 'Des fontaines dans les parcs', body: BODY, ...extra }),
    }));

  const propose = async (
    componentId: string,
    who: InternalIdentity = person(),
    extra: Record<string, unknown> = {},
  ) => {
    const r = await submit(componentId, who, extra);
    expect(r.status).toBe(201);
    return r.body.id as string;
  };

  const vote = (id: string, who: InternalIdentity) =>
    call(async () => ({
      test: request(server)
        .post(`/proposals/${id}/votes`)
        .set(...(await as(who))),
    }));

  const list = (componentId: string, who: InternalIdentity, query = '') =>
    call(async () => ({
      test: request(server)
        .get(`/components/${componentId}/proposals${query}`)
        .set(...(await as(who))),
    }));

  const events = async (topic: string) => {
    const rows = await sql<{ payload: Record<string, unknown> }>(
      `SELECT payload FROM proposals.outbox WHERE topic = $1
       UNION ALL SELECT payload FROM palabre_bus.events WHERE topic = $1`,
      [topic],
    );
    return rows.map((r) => r.payload);
  };

  beforeAll(async () => {
    await new Promise<void>((r) => spaces.server.listen(0, '127.0.0.1', r));
    process.env.SERVICE_URL_SPACES = `http://127.0.0.1:${(spaces.server.address() as AddressInfo).port}`;
    booted = await bootService(proposalsService, { database: target.open });
    server = booted.service.app.getHttpServer();
  });
  afterAll(async () => {
    await booted.close();
    delete process.env.SERVICE_URL_SPACES;
    await new Promise((r) => spaces.server.close(r));
  });

  describe('registration and settings', () => {
    it('declares the proposals component type at start, in a shape spaces accepts', async () => {
      let payloads: Record<string, unknown>[] = [];
      await until(async () => {
        payloads = await events(Topics.SpacesComponentTypeRegisteredV1);
        return payloads.length > 0;
      }, 'the registration');
      const reg = decodeEvent(Topics.SpacesComponentTypeRegisteredV1, payloads[0]);
      expect(reg.type).toBe('proposals');
      expect(reg.version).toBeGreaterThan(0);
      expect(reg.globalSettings.map((s) => s.name)).toEqual(
        expect.arrayContaining([
          'proposal_limit',
          'vote_limit',
          'minimum_votes_per_user',
          'threshold_per_proposal',
          'reports_threshold',
          'edit_window_minutes',
        ]),
      );
      expect(reg.actions.find((a) => a.name === 'vote')).toMatchObject({
        enabledBy: 'votes_enabled',
        blockedBy: 'votes_blocked',
      });
      expect(reg.actions.find((a) => a.name === 'comment')?.blockedBy).toBe('comments_blocked');
    });

    it('learns a component spaces vouches for before any settings event (type defaults)', async () => {
      const id = randomUUID();
      spaces.components.set(id, { org, spaceId: space, type: 'proposals', refuse: {} });
      const r = await list(id, anonymous).expect(200);
      expect(r.body.items).toEqual([]);
      const [row] = await sql<{ source: string; space_id: string }>(
        `SELECT source, space_id FROM proposals.components WHERE component_id = $1`,
        [id],
      );
      expect(row).toEqual({ source: 'authorize', space_id: space });
      // A component of another type, or unknown to spaces, is not ours.
      const budgets = randomUUID();
      spaces.components.set(budgets, { org, spaceId: space, type: 'budgets', refuse: {} });
      await list(budgets, anonymous).expect(404);
      await list(randomUUID(), anonymous).expect(404);
    });
  });

  describe('proposals', () => {
    it('lets a participant submit, read, edit within the window and withdraw', async () => {
      const c = await component({ edit_window_minutes: 15 });
      const author = person();
      await submit(c, anonymous).expect(401);
      const created = await submit(c, author, {
        address: '1 place de la Mairie',
        latitude: 47.9,
        longitude: 1.9,
        area: 'Centre-ville',
        onBehalfOf: 'Association des parents',
      }).expect(201);
      expect(created.body).toMatchObject({
        title: 'Des fontaines dans les parcs',
        origin: 'participant',
        official: false,
        author: { name: 'Camille Martin', onBehalfOf: 'Association des parents' },
        mine: true,
        state: null,
        votes: 0,
        comments: 0,
        latitude: 47.9,
      });
      expect(created.body.editableUntil).toBeDefined();
      expect(JSON.stringify(created.body)).not.toContain(author.userId);
      const id = created.body.id;
      const pub = await request(server)
        .get(`/proposals/${id}`)
        .set(...(await as(anonymous)))
        .expect(200);
      expect(pub.body.mine).toBe(false);
      expect(pub.headers['cache-control']).toContain('public');
      // Shared among anonymous visitors only: a signed-in caller's view is their own.
      expect(pub.headers.vary).toBe('Cookie');
      const signed = await request(server)
        .get(`/proposals/${id}`)
        .set(...(await as(author)))
        .expect(200);
      expect(signed.headers['cache-control']).toBe('private, no-store');
      await request(server)
        .patch(`/proposals/${id}`)
        .set(...(await as(person())))
        .send({ title: 'Un autre titre assez long' })
        .expect(403);
      const edited = await request(server)
        .patch(`/proposals/${id}`)
        .set(...(await as(author)))
        .send({ title: 'Des fontaines dans tous les parcs' })
        .expect(200);
      expect(edited.body.title).toBe('Des fontaines dans tous les parcs');
      await request(server)
        .post(`/proposals/${id}/withdraw`)
        .set(...(await as(person())))
        .expect(403);
      const withdrawn = await request(server)
        .post(`/proposals/${id}/withdraw`)
        .set(...(await as(author)))
        .expect(200);
      expect(withdrawn.body.state).toBe('withdrawn');
      await request(server)
        .post(`/proposals/${id}/withdraw`)
        .set(...(await as(author)))
        .expect(409);
      const published = await events(Topics.ProposalsProposalPublishedV1);
      expect(published.some((p) => p.proposalId === id)).toBe(true);
    });

    it('closes edits when the edit window is over', async () => {
      const c = await component({ edit_window_minutes: 0 });
      const author = person();
      const id = await propose(c, author);
      await new Promise((r) => setTimeout(r, 5));
      const late = await request(server)
        .patch(`/proposals/${id}`)
        .set(...(await as(author)))
        .send({ title: 'Un autre titre assez long' })
        .expect(409);
      expect(late.body.code).toBe('EDIT_WINDOW_CLOSED');
    });

    it('refuses bad input with 400 naming each field', async () => {
      const c = await component({ proposal_length: 100 });
      const bad = await submit(c, person(), {
        title: 'court',
        body: 1,
        latitude: 200,
        longitude: 2,
        origin: 'martian',
        extra: true,
      }).expect(400);
      const fields = bad.body.errors.map((e: { field: string }) => e.field);
      expect(fields).toEqual(
        expect.arrayContaining(['title', 'body', 'latitude', 'origin', 'extra']),
      );
      const long = await submit(c, person(), { body: 'x'.repeat(150) }).expect(400);
      expect(long.body.errors).toEqual([
        { field: 'body', message: expect.stringContaining('100') },
      ]);
      const oneCoordinate = await submit(c, person(), { latitude: 45 }).expect(400);
      expect(oneCoordinate.body.errors.map((e: { field: string }) => e.field)).toContain(
        'longitude',
      );
      const q = await list(c, anonymous, '?limit=500&sort=loudest').expect(400);
      expect(q.body.errors.map((e: { field: string }) => e.field)).toEqual(['sort']);
      const unknown = await list(c, anonymous, '?colour=blue').expect(400);
      expect(unknown.body.errors[0].field).toBe('colour');
      const badId = await request(server)
        .get('/proposals/not-a-uuid')
        .set(...(await as(anonymous)))
        .expect(400);
      expect(badId.body.errors[0].field).toBe('id');
      const badCursor = await list(c, anonymous, '?sort=newest&cursor=Zm9v').expect(400);
      expect(badCursor.body.code).toBe('BAD_CURSOR');
    });

    it('refuses creation when the phase is closed, naming the phase', async () => {
      const c = await component();
      spaces.components.get(c)!.refuse.create = {
        reason: 'PHASE_CLOSED',
        message: '"create" is not open in the phase "Vote"',
        phase: { id: phase, title: { fr: 'Vote', en: 'Vote' } },
      };
      const r = await submit(c, person()).expect(409);
      expect(r.body).toMatchObject({
        code: 'ACTION_NOT_ALLOWED',
        reason: 'PHASE_CLOSED',
        phase: { id: phase, title: { fr: 'Vote' } },
      });
      expect(r.body.detail).toContain('Vote');
    });

    it('holds the per-person limit exactly under concurrent submissions', async () => {
      const c = await component({ proposal_limit: 3 });
      const author = person();
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          submit(c, author, { title: `Proposition numéro ${i} du même auteur` }),
        ),
      );
      const statuses = results.map((r) => r.status).sort();
      expect(statuses).toEqual([201, 201, 201, 422, 422, 422, 422, 422]);
      const refused = results.find((r) => r.status === 422)!;
      expect(refused.body.code).toBe('PROPOSAL_LIMIT_REACHED');
      expect(refused.body.detail).toContain('3');
      const [{ n }] = await sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM proposals.proposals WHERE component_id = $1`,
        [c],
      );
      expect(n).toBe(3);
      // Withdrawing one frees a place.
      const first = results.find((r) => r.status === 201)!.body.id;
      await request(server)
        .post(`/proposals/${first}/withdraw`)
        .set(...(await as(author)))
        .expect(200);
      await submit(c, author).expect(201);
      await submit(c, author).expect(422);
    });

    it('lets admins enter official, paper and workshop proposals, shown as such', async () => {
      const c = await component({ proposal_limit: 1 });
      const official = await submit(c, admin, { origin: 'paper' }).expect(201);
      expect(official.body).toMatchObject({
        origin: 'paper',
        official: true,
        author: { name: '' },
      });
      await submit(c, admin, { origin: 'workshop' }).expect(201);
      await submit(c, person(), { origin: 'official' }).expect(403);
      const off = await component({ official_proposals_enabled: false });
      const r = await submit(off, admin, { origin: 'official' }).expect(409);
      expect(r.body.code).toBe('OFFICIAL_PROPOSALS_DISABLED');
    });
  });

  describe('votes', () => {
    it('never lets one person exceed the maximum, whatever the concurrency', async () => {
      const c = await component({ vote_limit: 10 });
      const ids = await Promise.all(Array.from({ length: 20 }, () => propose(c)));
      const voter = person('Voteur');
      const results = await Promise.all(ids.map((id) => vote(id, voter)));
      const statuses = results.map((r) => `${r.status} ${r.body.code ?? ''}`.trim()).sort();
      expect(statuses).toEqual([
        ...Array<string>(10).fill('201'),
        ...Array<string>(10).fill('422 VOTE_LIMIT_REACHED'),
      ]);
      const over = results.find((r) => r.status === 422)!;
      expect(over.body.code).toBe('VOTE_LIMIT_REACHED');
      expect(over.body.limit).toBe(10);
      expect(over.body.detail).toContain('10');
      const [row] = await sql<{ votes: number; rows: number; supports: number }>(
        `SELECT (SELECT votes FROM proposals.voter_tallies WHERE component_id = $1 AND voter_id = $2) AS votes,
                (SELECT count(*)::int FROM proposals.votes WHERE component_id = $1 AND voter_id = $2) AS rows,
                (SELECT sum(support_count)::int FROM proposals.proposals WHERE component_id = $1) AS supports`,
        [c, voter.userId],
      );
      expect(row).toEqual({ votes: 10, rows: 10, supports: 10 });

      const voted = results.find((r) => r.status === 201)!.body.proposalId;
      const again = await vote(voted, voter).expect(200);
      expect(again.body).toMatchObject({ voted: true, used: 10, remaining: 0 });
      const withdrawn = await request(server)
        .delete(`/proposals/${voted}/votes`)
        .set(...(await as(voter)))
        .expect(200);
      expect(withdrawn.body).toMatchObject({ voted: false, used: 9, remaining: 1 });
      const info = await request(server)
        .get(`/components/${c}`)
        .set(...(await as(voter)))
        .expect(200);
      expect(info.body).toMatchObject({
        settings: { voteLimit: 10 },
        open: { create: true, vote: true },
        mine: { supports: 9, proposals: 0 },
      });
      const mine = await request(server)
        .get(`/components/${c}/votes/mine`)
        .set(...(await as(voter)))
        .expect(200);
      expect(mine.body).toMatchObject({ used: 9, limit: 10, remaining: 1 });
      expect(mine.body.proposalIds).toHaveLength(9);
    });

    it('counts every support of many people on one proposal', async () => {
      const c = await component();
      const id = await propose(c);
      const results = await Promise.all(Array.from({ length: 30 }, () => vote(id, person())));
      expect(results.every((r) => r.status === 201)).toBe(true);
      const r = await request(server)
        .get(`/proposals/${id}`)
        .set(...(await as(anonymous)))
        .expect(200);
      expect(r.body.votes).toBe(30);
    });

    it('refuses supports when the phase closes them, with the phase named', async () => {
      const c = await component();
      const id = await propose(c);
      spaces.components.get(c)!.refuse.vote = {
        reason: 'PHASE_CLOSED',
        message: '"vote" is not open in the phase "Idea box"',
        phase: { id: phase, title: { fr: 'Boîte à idées', en: 'Idea box' } },
      };
      const r = await vote(id, person()).expect(409);
      expect(r.body).toMatchObject({
        reason: 'PHASE_CLOSED',
        phase: { title: { fr: 'Boîte à idées', en: 'Idea box' } },
      });
      expect(r.body.detail).toContain('Idea box');
      await vote(id, anonymous).expect(401);
    });

    it('counts a person’s supports only once they reached the minimum', async () => {
      const c = await component({ minimum_votes_per_user: 3, vote_limit: 5 });
      const [a, b, d] = await Promise.all([propose(c), propose(c), propose(c)]);
      const voter = person();
      const counts = async () =>
        (
          await sql<{ vote_count: number; support_count: number }>(
            `SELECT vote_count, support_count FROM proposals.proposals WHERE id = ANY($1::uuid[])
              ORDER BY array_position($1::uuid[], id)`,
            [[a, b, d]],
          )
        ).map((r) => [r.vote_count, r.support_count]);
      expect((await vote(a, voter).expect(201)).body).toMatchObject({ counted: false, minimum: 3 });
      await vote(b, voter).expect(201);
      expect(await counts()).toEqual([
        [0, 1],
        [0, 1],
        [0, 0],
      ]);
      expect((await vote(d, voter).expect(201)).body.counted).toBe(true);
      expect(await counts()).toEqual([
        [1, 1],
        [1, 1],
        [1, 1],
      ]);
      const back = await request(server)
        .delete(`/proposals/${a}/votes`)
        .set(...(await as(voter)))
        .expect(200);
      expect(back.body.counted).toBe(false);
      expect(await counts()).toEqual([
        [0, 0],
        [0, 1],
        [0, 1],
      ]);
    });

    it('stops at the threshold when supports may not accumulate beyond it', async () => {
      const c = await component({
        threshold_per_proposal: 2,
        can_accumulate_votes_beyond_threshold: false,
      });
      const id = await propose(c);
      const results = await Promise.all(Array.from({ length: 5 }, () => vote(id, person())));
      expect(results.map((r) => r.status).sort()).toEqual([201, 201, 409, 409, 409]);
      expect(results.find((r) => r.status === 409)!.body.code).toBe('THRESHOLD_REACHED');
      const r = await request(server)
        .get(`/proposals/${id}`)
        .set(...(await as(anonymous)))
        .expect(200);
      expect(r.body.threshold).toEqual({ value: 2, reached: true });
    });

    it('hides counts while configured, from lists, details and exports, but not from admins', async () => {
      const c = await component({ votes_hidden: true });
      const id = await propose(c);
      await vote(id, person()).expect(201);
      const pub = await list(c, anonymous, '?sort=newest').expect(200);
      expect(pub.body.countsHidden).toBe(true);
      expect(pub.body.items[0].votes).toBeNull();
      const sorted = await list(c, anonymous, '?sort=most-voted').expect(400);
      expect(sorted.body.errors[0].field).toBe('sort');
      const adm = await list(c, admin, '?sort=most-voted').expect(200);
      expect(adm.body.items[0].votes).toBe(1);
      const json = await request(server)
        .get(`/components/${c}/open-data/proposals.json`)
        .set(...(await as(anonymous)))
        .expect(200);
      expect(JSON.parse(json.text).proposals[0].votes).toBeNull();
    });

    it('refuses supports on withdrawn and rejected proposals', async () => {
      const c = await component();
      const author = person();
      const id = await propose(c, author);
      await request(server)
        .post(`/proposals/${id}/withdraw`)
        .set(...(await as(author)))
        .expect(200);
      expect((await vote(id, person()).expect(409)).body.code).toBe('PROPOSAL_NOT_VOTABLE');
    });
  });

  describe('comments', () => {
    it('threads one level deep, keeps edits as history, deletes for the author', async () => {
      const c = await component();
      const id = await propose(c);
      const alice = person('Alice');
      const bob = person('Bob');
      const top = await request(server)
        .post(`/proposals/${id}/comments`)
        .set(...(await as(alice)))
        .send({ body: 'Très bonne idée pour les familles.', stance: 'for' })
        .expect(201);
      const reply = await request(server)
        .post(`/proposals/${id}/comments`)
        .set(...(await as(bob)))
        .send({ body: 'Qui paiera l’entretien ?', stance: 'against', parentId: top.body.id })
        .expect(201);
      const deep = await request(server)
        .post(`/proposals/${id}/comments`)
        .set(...(await as(alice)))
        .send({ body: 'La commune.', parentId: reply.body.id })
        .expect(400);
      expect(deep.body.errors[0].field).toBe('parentId');
      const bad = await request(server)
        .post(`/proposals/${id}/comments`)
        .set(...(await as(alice)))
        .send({ body: '', stance: 'maybe' })
        .expect(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(
        expect.arrayContaining(['body', 'stance']),
      );
      await request(server)
        .patch(`/comments/${top.body.id}`)
        .set(...(await as(bob)))
        .send({ body: 'Pas à moi' })
        .expect(403);
      const edited = await request(server)
        .patch(`/comments/${top.body.id}`)
        .set(...(await as(alice)))
        .send({ body: 'Très bonne idée, surtout l’été.', stance: 'neutral' })
        .expect(200);
      expect(edited.body).toMatchObject({ edited: true, stance: 'neutral' });
      const versions = await request(server)
        .get(`/comments/${top.body.id}/versions`)
        .set(...(await as(anonymous)))
        .expect(200);
      expect(versions.body.items.map((v: { body: string }) => v.body)).toEqual([
        'Très bonne idée pour les familles.',
        'Très bonne idée, surtout l’été.',
      ]);
      let thread = await request(server)
        .get(`/proposals/${id}/comments`)
        .set(...(await as(anonymous)))
        .expect(200);
      expect(thread.body.count).toBe(2);
      expect(thread.body.items).toHaveLength(1);
      expect(thread.body.items[0].replies[0]).toMatchObject({
        stance: 'against',
        author: { name: 'Bob' },
      });
      await request(server)
        .delete(`/comments/${top.body.id}`)
        .set(...(await as(alice)))
        .expect(204);
      thread = await request(server)
        .get(`/proposals/${id}/comments`)
        .set(...(await as(anonymous)))
        .expect(200);
      expect(thread.body.count).toBe(1);
      // The deleted comment stays as an empty placeholder because a reply hangs from it.
      expect(thread.body.items[0]).toMatchObject({ deleted: true, body: null, author: null });
      expect(thread.body.items[0].replies).toHaveLength(1);
      const [{ n }] = await sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM proposals.comment_versions WHERE comment_id = $1`,
        [top.body.id],
      );
      expect(n).toBe(0);
      const p = await request(server)
        .get(`/proposals/${id}`)
        .set(...(await as(anonymous)))
        .expect(200);
      expect(p.body.comments).toBe(1);
    });

    it('refuses comments when blocked in the phase or turned off', async () => {
      const c = await component();
      const id = await propose(c);
      spaces.components.get(c)!.refuse.comment = {
        reason: 'ACTION_BLOCKED',
        message: '"comment" is closed in the phase "Analysis"',
        phase: { id: phase, title: { fr: 'Analyse', en: 'Analysis' } },
      };
      const r = await request(server)
        .post(`/proposals/${id}/comments`)
        .set(...(await as(person())))
        .send({ body: 'Trop tard ?' })
        .expect(409);
      expect(r.body.reason).toBe('ACTION_BLOCKED');
      const off = await component({ comments_enabled: false });
      const id2 = await propose(off);
      const r2 = await request(server)
        .post(`/proposals/${id2}/comments`)
        .set(...(await as(person())))
        .send({ body: 'Trop tard ?' })
        .expect(409);
      expect(r2.body.code).toBe('COMMENTS_DISABLED');
    });
  });

  describe('moderation', () => {
    it('hides content reported by enough people, everywhere, until a moderator restores it', async () => {
      const c = await component({ reports_threshold: 3 });
      const id = await propose(c, person(), {
        title: 'Publicité pour un casino en ligne',
        body: 'Gagnez gros au casino en ligne, inscrivez-vous vite sur notre site partenaire.',
      });
      const keep = await propose(c);
      const report = (who: InternalIdentity) =>
        call(async () => ({
          test: request(server)
            .post(`/proposals/${id}/reports`)
            .set(...(await as(who)))
            .send({ reason: 'spam', details: 'publicité' }),
        }));
      const first = person();
      expect((await report(first).expect(201)).body.hiddenPendingReview).toBe(false);
      expect((await report(first).expect(409)).body.code).toBe('ALREADY_REPORTED');
      await report(person()).expect(201);
      const third = await report(person()).expect(201);
      expect(third.body.hiddenPendingReview).toBe(true);
      // Hidden: nobody else can even find it to report it.
      await report(person()).expect(404);

      // Nowhere for the public: detail, lists, search, exports, votes, comments.
      await request(server)
        .get(`/proposals/${id}`)
        .set(...(await as(anonymous)))
        .expect(404);
      for (const q of ['', '?sort=newest', '?state=withdrawn,not_answered', '?q=casino']) {
        const r = await list(c, anonymous, q).expect(200);
        expect(r.body.items.map((p: { id: string }) => p.id)).not.toContain(id);
      }
      expect(
        (await list(c, anonymous, '?sort=newest')).body.items.map((p: { id: string }) => p.id),
      ).toContain(keep);
      for (const file of ['proposals.json', 'proposals.csv']) {
        const r = await request(server)
          .get(`/components/${c}/open-data/${file}`)
          .set(...(await as(anonymous)))
          .expect(200);
        expect(r.text).not.toContain(id);
        expect(r.text).not.toContain('casino');
      }
      await vote(id, person()).expect(404);
      await request(server)
        .get(`/proposals/${id}/comments`)
        .set(...(await as(anonymous)))
        .expect(404);

      // Moderators see it in their queue, with the reports (no reporter ids).
      await request(server)
        .get(`/components/${c}/moderation`)
        .set(...(await as(person())))
        .expect(403);
      const queue = await request(server)
        .get(`/components/${c}/moderation`)
        .set(...(await as(moderator)))
        .expect(200);
      const item = queue.body.items.find((x: { id: string }) => x.id === id);
      expect(item).toMatchObject({
        type: 'proposal',
        hidden: true,
        hiddenReason: 'reports',
        reportCount: 3,
      });
      expect(item.reports).toHaveLength(3);
      expect(JSON.stringify(queue.body)).not.toContain(first.userId);
      await request(server)
        .get(`/proposals/${id}`)
        .set(...(await as(moderator)))
        .expect(200);

      await request(server)
        .post(`/moderation/proposals/${id}/restore`)
        .set(...(await as(moderator)))
        .send({})
        .expect(400);
      await request(server)
        .post(`/moderation/proposals/${id}/restore`)
        .set(...(await as(moderator)))
        .send({ reason: 'Faux positif' })
        .expect(200);
      await request(server)
        .get(`/proposals/${id}`)
        .set(...(await as(anonymous)))
        .expect(200);
      await request(server)
        .post(`/moderation/proposals/${keep}/hide`)
        .set(...(await as(moderator)))
        .send({ reason: 'Hors sujet' })
        .expect(200);
      await request(server)
        .get(`/proposals/${keep}`)
        .set(...(await as(anonymous)))
        .expect(404);
      const log = await request(server)
        .get(`/moderation/log?componentId=${c}`)
        .set(...(await as(moderator)))
        .expect(200);
      expect(log.body.items.map((e: { action: string }) => e.action)).toEqual([
        'hide',
        'restore',
        'hidden-by-reports',
      ]);
      expect(log.body.items[0]).toMatchObject({ actorId: moderator.userId, reason: 'Hors sujet' });
      expect(log.body.items[2].actorId).toBeNull();
    });

    it('dismisses unfounded reports: the content stays shown, leaves the queue, and its reporters cannot bring it back', async () => {
      const c = await component({ reports_threshold: 3 });
      const id = await propose(c);
      const reporter = person();
      const report = (who: InternalIdentity, reason = 'offensive') =>
        call(async () => ({
          test: request(server)
            .post(`/proposals/${id}/reports`)
            .set(...(await as(who)))
            .send({ reason }),
        }));
      await report(reporter).expect(201);
      const queued = await request(server)
        .get(`/components/${c}/moderation`)
        .set(...(await as(moderator)))
        .expect(200);
      expect(queued.body.items.map((x: { id: string }) => x.id)).toContain(id);
      const summary = async () =>
        (
          await request(server)
            .get('/staff/summary')
            .set(...(await as(moderator)))
            .expect(200)
        ).body.components.find((x: { componentId: string }) => x.componentId === c);
      expect((await summary()).toModerate).toBe(1);

      const dismiss = async (who: InternalIdentity, body: object, status: number) =>
        request(server)
          .post(`/moderation/proposals/${id}/dismiss`)
          .set(...(await as(who)))
          .send(body)
          .expect(status);
      await dismiss(person(), { reason: 'Rien à redire' }, 403);
      await dismiss(moderator, {}, 400);
      const done = await dismiss(moderator, { reason: 'Critique, pas insulte' }, 200);
      expect(done.body).toEqual({ id, dismissedReports: 1 });
      // Nothing left to dismiss: said as such, not a 500.
      expect((await dismiss(moderator, { reason: 'Encore' }, 409)).body.code).toBe('WRONG_STATE');

      // Shown, out of the queue, nothing to moderate any more.
      await request(server)
        .get(`/proposals/${id}`)
        .set(...(await as(anonymous)))
        .expect(200);
      const after = await request(server)
        .get(`/components/${c}/moderation`)
        .set(...(await as(moderator)))
        .expect(200);
      expect(after.body.items.map((x: { id: string }) => x.id)).not.toContain(id);
      expect((await summary()).toModerate).toBe(0);
      // The reporter cannot bring it back, for the same reason or another.
      expect((await report(reporter).expect(409)).body.code).toBe('ALREADY_REPORTED');
      expect((await report(reporter, 'spam').expect(409)).body.code).toBe('ALREADY_REPORTED');
      // Someone else still may: a new report, counted from zero.
      await report(person()).expect(201);
      const again = await request(server)
        .get(`/components/${c}/moderation`)
        .set(...(await as(moderator)))
        .expect(200);
      expect(again.body.items.find((x: { id: string }) => x.id === id)).toMatchObject({
        reportCount: 1,
        hidden: false,
        reports: [{ reason: 'offensive', details: null }],
      });
      // The decision is in the log: who, when, why.
      const log = await request(server)
        .get(`/moderation/log?componentId=${c}`)
        .set(...(await as(moderator)))
        .expect(200);
      expect(log.body.items[0]).toMatchObject({
        targetId: id,
        action: 'dismiss-reports',
        actorId: moderator.userId,
        reason: 'Critique, pas insulte',
      });
      expect(Date.parse(log.body.items[0].at)).not.toBeNaN();
    });

    it('hides reported comments and keeps the comment count to what the public sees', async () => {
      const c = await component({ reports_threshold: 1 });
      const id = await propose(c);
      const cm = await request(server)
        .post(`/proposals/${id}/comments`)
        .set(...(await as(person())))
        .send({ body: 'Commentaire injurieux' })
        .expect(201);
      await request(server)
        .post(`/comments/${cm.body.id}/reports`)
        .set(...(await as(person())))
        .send({ reason: 'offensive' })
        .expect(201);
      const thread = await request(server)
        .get(`/proposals/${id}/comments`)
        .set(...(await as(anonymous)))
        .expect(200);
      expect(thread.body).toEqual({ items: [], count: 0 });
      const csv = await request(server)
        .get(`/components/${c}/open-data/comments.csv`)
        .set(...(await as(anonymous)))
        .expect(200);
      expect(csv.text).not.toContain('injurieux');
    });

    it('blocks an author: their content is hidden and they may not post, until unblocked', async () => {
      const c = await component();
      const troll = person('Troll');
      const id = await propose(c, troll);
      await request(server)
        .post(`/moderation/users/${troll.userId}/block`)
        .set(...(await as({ ...moderator, grants: [{ role: 'moderator', spaceId: space }] })))
        .send({ reason: 'Spam répété' })
        .expect(403);
      const blocked = await request(server)
        .post(`/moderation/users/${troll.userId}/block`)
        .set(...(await as(moderator)))
        .send({ reason: 'Spam répété' })
        .expect(200);
      expect(blocked.body.hiddenProposals).toBe(1);
      await request(server)
        .get(`/proposals/${id}`)
        .set(...(await as(anonymous)))
        .expect(404);
      expect((await submit(c, troll).expect(403)).body.code).toBe('AUTHOR_BLOCKED');
      await request(server)
        .post(`/moderation/users/${troll.userId}/unblock`)
        .set(...(await as(moderator)))
        .send({ reason: 'Recours accepté' })
        .expect(200);
      await request(server)
        .get(`/proposals/${id}`)
        .set(...(await as(anonymous)))
        .expect(200);
      const log = await request(server)
        .get('/moderation/log')
        .set(...(await as(moderator)))
        .expect(200);
      expect(log.body.items.slice(0, 2)).toEqual([
        expect.objectContaining({ action: 'unblock-author', targetId: troll.userId }),
        expect.objectContaining({ action: 'block-author', reason: 'Spam répété' }),
      ]);
    });

    it('hides the content of an account identity blocked', async () => {
      const c = await component();
      const spammer = person('Spammeur');
      const id = await propose(c, spammer);
      await booted.service.runtime.dataSource.transaction((m) =>
        publish(m, 'proposals', {
          topic: Topics.IdentityUserBlockedV1,
          key: spammer.userId!,
          tenantId: org,
          payload: { userId: spammer.userId, organizationId: org, source: 'antispam' },
        }),
      );
      await until(
        async () =>
          (
            await request(server)
              .get(`/proposals/${id}`)
              .set(...(await as(anonymous)))
          ).status === 404,
        'the block to hide the proposal',
      );
    });
  });

  describe('listing and search', () => {
    let c: string;
    const ids: Record<string, string> = {};
    const me = person('Moi');
    beforeAll(async () => {
      c = await component();
      const items: [string, string, string, string | null][] = [
        [
          'ecole',
          'Végétaliser la cour de l’école',
          'Planter des arbres dans les cours des écoles élémentaires pour l’ombre.',
          'Nord',
        ],
        [
          'garden',
          'Community gardens in every district',
          'Turn empty lots into shared gardens with raised beds for residents.',
          'Sud',
        ],
        [
          'velo',
          'Une piste cyclable protégée',
          'Relier la gare au lycée par une piste cyclable séparée des voitures.',
          'Nord',
        ],
        [
          'banc',
          'Des bancs le long du canal',
          'Installer des bancs ombragés tous les deux cents mètres au bord du canal.',
          null,
        ],
        [
          'lumiere',
          'Éclairage public économe',
          'Remplacer les lampadaires par des LED qui baissent la nuit.',
          'Est',
        ],
      ];
      for (const [k, title, body, area] of items)
        ids[k] = await propose(c, k === 'velo' || k === 'banc' ? me : person(), {
          title,
          body,
          ...(area ? { area } : {}),
        });
      for (let i = 0; i < 3; i++) await vote(ids.velo, person()).expect(201);
      await vote(ids.banc, person()).expect(201);
      await vote(ids.garden, me).expect(201);
      for (let i = 0; i < 2; i++)
        await request(server)
          .post(`/proposals/${ids.ecole}/comments`)
          .set(...(await as(person())))
          .send({ body: 'Bonne idée !' })
          .expect(201);
      await request(server)
        .post(`/proposals/${ids.lumiere}/answer`)
        .set(...(await as(admin)))
        .send({ state: 'accepted', answer: 'Retenue', costCents: 500000 })
        .expect(200);
    });

    const order = async (query: string, who: InternalIdentity = anonymous) =>
      ((await list(c, who, query).expect(200)).body.items as { id: string }[]).map((p) => p.id);

    it('sorts by most voted, most commented and newest', async () => {
      const voted = await order('?sort=most-voted');
      expect(voted[0]).toBe(ids.velo);
      expect(voted.slice(1, 3).sort()).toEqual([ids.banc, ids.garden].sort());
      expect((await order('?sort=most-commented'))[0]).toBe(ids.ecole);
      expect((await order('?sort=newest'))[0]).toBe(ids.lumiere);
    });

    it('filters by state, area, my proposals and my supports', async () => {
      expect(await order('?state=accepted')).toEqual([ids.lumiere]);
      expect((await order('?state=not_answered')).sort()).toEqual(
        [ids.ecole, ids.garden, ids.velo, ids.banc].sort(),
      );
      expect((await order('?area=Nord')).sort()).toEqual([ids.ecole, ids.velo].sort());
      expect((await order('?filter=mine', me)).sort()).toEqual([ids.velo, ids.banc].sort());
      expect(await order('?filter=voted', me)).toEqual([ids.garden]);
      await list(c, anonymous, '?filter=mine').expect(401);
      const mine = await list(c, me, '?filter=voted').expect(200);
      expect(mine.headers['cache-control']).toBe('private, no-store');
      expect(mine.body.items[0].votedByMe).toBe(true);
    });

    it('searches in French and English, accents or not', async () => {
      expect(await order('?q=ecoles')).toEqual([ids.ecole]);
      expect(await order('?q=arbre')).toEqual([ids.ecole]);
      expect(await order('?q=garden')).toEqual([ids.garden]);
      expect(await order('?q=éclairage')).toEqual([ids.lumiere]);
      expect(await order('?q=cyclables')).toEqual([ids.velo]);
      expect(await order('?q=zeppelin')).toEqual([]);
      expect(await order('?q=piste&sort=newest')).toEqual([ids.velo]);
      // Ranked by relevance on demand (websearch syntax: or, quotes, -word).
      const ranked = await order('?q=école or canal&sort=relevance');
      expect(ranked.sort()).toEqual([ids.ecole, ids.banc].sort());
      expect(await order('?q="piste cyclable" -voitures&sort=relevance')).toEqual([]);
      const noQuery = await list(c, anonymous, '?sort=relevance').expect(400);
      expect(noQuery.body.errors[0].field).toBe('sort');
    });

    it('pages with cursors, and keeps a random order stable for one seed', async () => {
      for (const sort of ['newest', 'most-voted', 'most-commented', 'random']) {
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const r: request.Response = await list(
            c,
            anonymous,
            `?sort=${sort}&limit=2&seed=12345${cursor ? `&cursor=${cursor}` : ''}`,
          ).expect(200);
          seen.push(...r.body.items.map((p: { id: string }) => p.id));
          cursor = r.body.nextCursor;
        } while (cursor);
        expect(seen.sort()).toEqual(Object.values(ids).sort());
      }
      // A random order is a rotation starting at the seed: a seed above every
      // proposal starts past the wrap (every page after it in the second part),
      // one in the middle wraps partway. Each page follows the one-page order.
      for (const seed of [0, 1_073_741_823, 2_147_483_646]) {
        const whole = await order(`?sort=random&seed=${seed}`);
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const r: request.Response = await list(
            c,
            anonymous,
            `?sort=random&limit=2&seed=${seed}${cursor ? `&cursor=${cursor}` : ''}`,
          ).expect(200);
          seen.push(...r.body.items.map((p: { id: string }) => p.id));
          cursor = r.body.nextCursor;
        } while (cursor);
        expect(seen).toEqual(whole);
        expect([...seen].sort()).toEqual(Object.values(ids).sort());
      }
      const a = await order('?sort=random&seed=42');
      expect(await order('?sort=random&seed=42')).toEqual(a);
      const other = await list(c, anonymous, '?sort=random').expect(200);
      expect(other.body.seed).toEqual(expect.any(Number));
      const wrong = await list(c, anonymous, '?sort=newest&limit=1').expect(200);
      await list(c, anonymous, `?sort=most-voted&cursor=${wrong.body.nextCursor}`).expect(400);
      const noSuchPart = Buffer.from(
        JSON.stringify(['random', 42, 2, 5, '00000000-0000-4000-8000-000000000000']),
      ).toString('base64url');
      const bad = await list(c, anonymous, `?sort=random&seed=42&cursor=${noSuchPart}`).expect(400);
      expect(bad.body.errors[0].field).toBe('cursor');
    });
  });

  describe('evaluation and budgets', () => {
    it('answers with states, assigned evaluators and a cost, then sends to a budget', async () => {
      const c = await component();
      const id = await propose(c);
      const states = await request(server)
        .post(`/components/${c}/states`)
        .set(...(await as(admin)))
        .send({ key: 'feasible', label: { fr: 'Faisable', en: 'Feasible' } })
        .expect(201);
      expect(states.body.items.map((s: { key: string }) => s.key)).toEqual([
        'evaluating',
        'accepted',
        'rejected',
        'feasible',
      ]);
      await request(server)
        .post(`/components/${c}/states`)
        .set(...(await as(admin)))
        .send({ key: 'feasible', label: { fr: 'Encore' } })
        .expect(409);
      const badKey = await request(server)
        .post(`/components/${c}/states`)
        .set(...(await as(admin)))
        .send({ key: 'Bad Key', label: {} })
        .expect(400);
      expect(badKey.body.errors[0].field).toBe('key');
      await request(server)
        .post(`/components/${c}/states`)
        .set(...(await as(person())))
        .send({ key: 'other', label: { fr: 'Autre' } })
        .expect(403);

      await request(server)
        .post(`/proposals/${id}/answer`)
        .set(...(await as(evaluator)))
        .send({ state: 'evaluating' })
        .expect(403);
      await request(server)
        .put(`/proposals/${id}/evaluators/${evaluator.userId}`)
        .set(...(await as(admin)))
        .expect(200);
      const assigned = await request(server)
        .get(`/components/${c}/evaluations/mine`)
        .set(...(await as(evaluator)))
        .expect(200);
      expect(assigned.body.items.map((p: { id: string }) => p.id)).toEqual([id]);
      await request(server)
        .post(`/proposals/${id}/answer`)
        .set(...(await as(evaluator)))
        .send({ state: 'feasible', answer: 'Étude en cours', costCents: 1200000 })
        .expect(200);
      const unknown = await request(server)
        .post(`/proposals/${id}/answer`)
        .set(...(await as(admin)))
        .send({ state: 'maybe' })
        .expect(400);
      expect(unknown.body.errors[0].field).toBe('state');
      await request(server)
        .post(`/proposals/${id}/send-to-budget`)
        .set(...(await as(admin)))
        .send({})
        .expect(409);
      const accepted = await request(server)
        .post(`/proposals/${id}/answer`)
        .set(...(await as(admin)))
        .send({ state: 'accepted', answer: 'Retenue par le conseil' })
        .expect(200);
      expect(accepted.body.answer).toMatchObject({
        state: 'accepted',
        text: 'Retenue par le conseil',
        costCents: 1200000,
      });
      const budget = randomUUID();
      await request(server)
        .post(`/proposals/${id}/send-to-budget`)
        .set(...(await as(admin)))
        .send({ budgetComponentId: budget })
        .expect(200);
      const answered = await events(Topics.ProposalsProposalAnsweredV1);
      expect(answered.filter((e) => e.proposalId === id).map((e) => e.state)).toEqual(
        expect.arrayContaining(['feasible', 'accepted']),
      );
      const sent = (await events(Topics.ProposalsProposalAcceptedForBudgetV1)).find(
        (e) => e.proposalId === id,
      );
      expect(decodeEvent(Topics.ProposalsProposalAcceptedForBudgetV1, sent)).toMatchObject({
        budgetComponentId: budget,
        title: 'Des fontaines dans les parcs',
        body: BODY,
        costCents: 1200000n,
      });
      await request(server)
        .delete(`/components/${c}/states/feasible`)
        .set(...(await as(admin)))
        .expect(204);
    });
  });

  describe('open data and isolation', () => {
    it('exports proposals and comments as CSV and JSON, formulas defused, no account ids', async () => {
      const c = await component();
      const author = person('=HYPERLINK("http://evil")');
      const id = await propose(c, author, { title: '=1+1 une formule en titre' });
      await request(server)
        .post(`/proposals/${id}/comments`)
        .set(...(await as(author)))
        .send({ body: '@SUM(A1) un commentaire', stance: 'for' })
        .expect(201);
      const csv = await request(server)
        .get(`/components/${c}/open-data/proposals.csv`)
        .set(...(await as(anonymous)))
        .expect(200);
      expect(csv.headers['content-type']).toContain('text/csv');
      expect(csv.text).toContain("'=1+1 une formule en titre");
      expect(csv.text).toContain(`"'=HYPERLINK(""http://evil"")"`);
      const comments = await request(server)
        .get(`/components/${c}/open-data/comments.csv`)
        .set(...(await as(anonymous)))
        .expect(200);
      expect(comments.text).toContain("'@SUM(A1) un commentaire");
      const json = await request(server)
        .get(`/components/${c}/open-data/comments.json`)
        .set(...(await as(anonymous)))
        .expect(200);
      expect(JSON.parse(json.text).comments[0]).toMatchObject({ proposalId: id, stance: 'for' });
      for (const r of [csv, comments, json]) expect(r.text).not.toContain(author.userId);
    });

    it('keeps organizations apart', async () => {
      const c = await component();
      const id = await propose(c);
      await list(c, outsider).expect(404);
      await request(server)
        .get(`/proposals/${id}`)
        .set(...(await as(outsider)))
        .expect(404);
      await vote(id, outsider).expect(404);
      await submit(c, outsider).expect(404);
      await request(server)
        .post(`/moderation/proposals/${id}/hide`)
        .set(...(await as(outsider)))
        .send({ reason: 'pas chez moi' })
        .expect(404);
      await request(server)
        .get(`/components/${c}/open-data/proposals.json`)
        .set(...(await as(outsider)))
        .expect(404);
      // A settings event from another organization cannot take over this component.
      await booted.service.runtime.dataSource.transaction((m) =>
        publish(m, 'proposals', {
          topic: Topics.SpacesComponentSettingsChangedV1,
          key: c,
          tenantId: otherOrg,
          payload: {
            componentId: c,
            spaceId: space,
            organizationId: otherOrg,
            componentType: 'proposals',
            activePhaseId: '',
            cause: 'global',
            settings: { creation_enabled: false },
          },
        }),
      );
      await new Promise((r) => setTimeout(r, 500));
      const [row] = await sql<{ organization_id: string; settings: Record<string, unknown> }>(
        `SELECT organization_id, settings FROM proposals.components WHERE component_id = $1`,
        [c],
      );
      expect(row.organization_id).toBe(org);
      expect(row.settings.creation_enabled).toBe(true);
      expect(spaces.calls).toBeGreaterThan(0);
    });
  });

  describe('the copy of spaces', () => {
    /** What spaces publishes when a space changes, delivered through the bus; resolves once handled. */
    const spaceChanged = async (payload: SpaceChangedJson & { spaceId: string }) => {
      const eventId = await booted.service.runtime.dataSource.transaction((m) =>
        publish(m, 'proposals', {
          topic: Topics.SpacesSpaceChangedV1,
          key: payload.spaceId,
          tenantId: payload.organizationId,
          schema: 'palabre.spaces.v1.SpaceChanged',
          payload,
        }),
      );
      await until(
        async () =>
          (
            await sql(`SELECT 1 FROM proposals.inbox WHERE consumer = $1 AND event_id = $2`, [
              'proposals.spaces',
              eventId,
            ])
          ).length === 1,
        'the space event to be handled',
      );
    };
    const at = (second: number) => `2026-03-01T10:00:${String(second).padStart(2, '0')}.000001Z`;
    const announced = (spaceId: string, over: Partial<SpaceChangedJson> = {}) => ({
      spaceId,
      organizationId: org,
      slug: `s-${spaceId.slice(0, 8)}`,
      title: { fr: 'Conseil de quartier', en: 'Neighbourhood council' },
      area: { fr: 'Nord' },
      state: 'published',
      private: false,
      kind: 'assembly',
      changedAt: at(10),
      ...over,
    });

    it('keeps the newest of what spaces announces, each space in its organization', async () => {
      const access = booted.service.app.get(ComponentAccess);
      const id = randomUUID();
      await spaceChanged(announced(id, { state: 'draft', changedAt: at(10) }));
      expect(await access.space(org, id)).toEqual({
        id,
        slug: `s-${id.slice(0, 8)}`,
        title: { fr: 'Conseil de quartier', en: 'Neighbourhood council' },
        area: { fr: 'Nord' },
        state: 'draft',
        private: false,
        kind: 'assembly',
      });
      await spaceChanged(announced(id, { state: 'published', slug: 'conseil', changedAt: at(20) }));
      // A redelivered or re-announced older state does not undo the newer one.
      await spaceChanged(announced(id, { state: 'draft', slug: 'ancien', changedAt: at(15) }));
      // Another organization cannot take the space over, however new its event.
      await spaceChanged(
        announced(id, { organizationId: otherOrg, slug: 'pris', changedAt: at(59) }),
      );
      expect(await access.space(org, id)).toMatchObject({ slug: 'conseil', state: 'published' });
      expect(await access.space(otherOrg, id)).toBeNull();
      // Deleted: the row stays, so that no late event brings the space back.
      await spaceChanged(announced(id, { state: 'deleted', slug: 'conseil', changedAt: at(30) }));
      await spaceChanged(announced(id, { state: 'published', changedAt: at(25) }));
      expect((await access.space(org, id))?.state).toBe('deleted');
      expect(await access.space(org, 'not-a-uuid')).toBeNull();
    });

    it('answers many spaces at once and says which ones a person may see listed', async () => {
      const access = booted.service.app.get(ComponentAccess);
      const [open, closed, draft, gone, elsewhere] = [1, 2, 3, 4, 5].map(() => randomUUID());
      await spaceChanged(announced(open));
      await spaceChanged(announced(closed, { private: true, kind: 'process' }));
      await spaceChanged(announced(draft, { state: 'draft' }));
      await spaceChanged(announced(gone, { state: 'deleted' }));
      await spaceChanged(announced(elsewhere, { organizationId: otherOrg }));
      const mine = [open, closed, draft, gone, elsewhere];
      expect(
        (await access.spaces(org, [closed, elsewhere, 'nope', open, randomUUID()])).map((s) => [
          s.id,
          s.kind,
          s.private,
        ]),
      ).toEqual([
        [closed, 'process', true],
        [open, 'assembly', false],
      ]);
      const listed = async (identity: InternalIdentity) => {
        const params: unknown[] = [mine];
        const rows = await sql<{ space_id: string }>(
          `SELECT sp.space_id FROM proposals.spaces sp
            WHERE sp.space_id = ANY($1::uuid[]) AND ${access.listedSpaces(identity, params)}`,
          params,
        );
        return rows.map((r) => r.space_id).sort();
      };
      expect(await listed(anonymous)).toEqual([open]);
      expect(await listed(person())).toEqual([open]);
      const staff: InternalIdentity = {
        ...person(),
        grants: [{ role: 'moderator', spaceId: closed }],
      };
      expect(await listed(staff)).toEqual([open, closed].sort());
      expect(await listed(admin)).toEqual([open, closed].sort());
      expect(await listed(outsider)).toEqual([elsewhere]);
    });
  });
});
