import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { IDENTITY_HEADER, type InternalIdentity } from '@palabre/auth';
import { decodeEvent, Topics, type ComponentTypeRegisteredJson } from '@palabre/contracts';
import { createMessagingTables, EventHeaders, publish } from '@palabre/messaging';
import { bootService, testDatabaseTargets, type BootedService } from '@palabre/testing';
import { AnnounceSpaces1796000020000 } from '../src/database/migrations/1796000020000-AnnounceSpaces';
import { PhaseSchedulerService } from '../src/maintenance/phase-scheduler.service';
import { spacesService } from '../src/spaces.definition';

/** What the proposals service will publish when it starts. */
const PROPOSALS: ComponentTypeRegisteredJson = {
  type: 'proposals',
  service: 'proposals',
  version: 1,
  name: { fr: 'Propositions', en: 'Proposals' },
  globalSettings: [
    {
      name: 'votes_limit',
      type: 'SETTING_TYPE_INTEGER',
      defaultValue: 0,
      minimum: 0,
      maximum: 100,
    },
    { name: 'proposal_length', type: 'SETTING_TYPE_INTEGER', defaultValue: 500, minimum: 50 },
    { name: 'order', type: 'SETTING_TYPE_ENUM', choices: ['random', 'recent', 'most_voted'] },
  ],
  phaseSettings: [
    {
      name: 'creation_enabled',
      type: 'SETTING_TYPE_BOOLEAN',
      label: { en: 'Participants may propose' },
    },
    { name: 'votes_enabled', type: 'SETTING_TYPE_BOOLEAN' },
    { name: 'comments_blocked', type: 'SETTING_TYPE_BOOLEAN' },
    { name: 'announcement', type: 'SETTING_TYPE_STRING', maxLength: 100 },
  ],
  actions: [
    { name: 'create', enabledBy: 'creation_enabled' },
    { name: 'vote', enabledBy: 'votes_enabled' },
    { name: 'comment', blockedBy: 'comments_blocked' },
  ],
};

const STUB = 'proposals_stub';
const until = async <T>(what: string, fn: () => Promise<T | undefined | false>, ms = 15_000) => {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe.each(testDatabaseTargets())('spaces on $name', (target) => {
  let booted: BootedService;
  let server: Parameters<typeof request>[0];
  let stub: DataSource;
  const org = randomUUID();
  const other = randomUUID();
  const orgAdmin: InternalIdentity = {
    organizationId: org,
    userId: randomUUID(),
    grants: [{ role: 'org-admin' }],
  };
  const participant: InternalIdentity = { organizationId: org, userId: randomUUID(), grants: [] };
  const verified: InternalIdentity = { ...participant, userId: randomUUID(), identified: true };
  const signer: InternalIdentity = { organizationId: org, signerKey: 'k1', grants: [] };
  const anonymous: InternalIdentity = { organizationId: org, grants: [] };
  const spaceAdmin = (spaceId: string): InternalIdentity => ({
    organizationId: org,
    userId: randomUUID(),
    grants: [{ role: 'space-admin', spaceId }],
  });
  const as = (identity: InternalIdentity) => booted.as(identity);
  const sql = <T = Record<string, unknown>>(q: string, p?: unknown[]) => booted.db.query<T>(q, p);
  type Shipped = {
    topic: string;
    key: string;
    headers: Record<string, string>;
    payload: Record<string, unknown>;
  };
  /**
   * Events shipped on a topic, in partition order, read from the postgres
   * transport's log (cheaper on PGlite's single session than one more
   * polling consumer).
   */
  const shipped = (topic: string) =>
    sql<Shipped>(
      `SELECT topic, key, headers, payload FROM palabre_bus.events WHERE topic = $1 ORDER BY partition, seq`,
      [topic],
    );
  const api = (
    method: 'get' | 'post' | 'patch' | 'put' | 'delete',
    path: string,
    who: InternalIdentity,
    body?: object,
  ) =>
    as(who).then((h) => {
      const r = request(server)
        [method](path)
        .set(...h);
      return body === undefined ? r : r.send(body);
    });

  /** Publishes a registration through an outbox, as the owning service does at start. */
  const register = async (payload: ComponentTypeRegisteredJson) =>
    stub.transaction((m) =>
      publish(m, STUB, {
        topic: Topics.SpacesComponentTypeRegisteredV1,
        key: payload.type as string,
        schema: 'palabre.spaces.v1.ComponentTypeRegistered',
        payload,
      }),
    );
  const typeOf = async (who: InternalIdentity, type: string) =>
    (await api('get', '/component-types', who)).body.items.find(
      (t: { type: string }) => t.type === type,
    );

  let seq = 0;
  const createSpace = async (over: Record<string, unknown> = {}, publishIt = true) => {
    const slug = `space-${++seq}-${randomUUID().slice(0, 6)}`;
    const r = await api('post', '/', orgAdmin, {
      kind: 'process',
      slug,
      title: { fr: `Espace ${seq}`, en: `Space ${seq}` },
      ...over,
    });
    expect(r.status).toBe(201);
    if (publishIt)
      await api('post', `/${r.body.id}/publish`, orgAdmin).then((x) => expect(x.status).toBe(200));
    return r.body as { id: string; slug: string; reference: string };
  };
  const TITLES = ['Information', 'Idea box', 'Analysis', 'Vote', 'Results'];
  const addPhases = async (spaceId: string, titles = TITLES) => {
    const ids: string[] = [];
    for (const en of titles) {
      const r = await api('post', `/${spaceId}/phases`, orgAdmin, { title: { en, fr: en } });
      expect(r.status).toBe(201);
      ids.push(r.body.id);
    }
    return ids;
  };
  /** A published process with five phases and a proposals component switched per phase. */
  const processWithProposals = async (over: Record<string, unknown> = {}) => {
    const space = await createSpace(over);
    const phases = await addPhases(space.id);
    const c = await api('post', `/${space.id}/components`, orgAdmin, {
      type: 'proposals',
      name: { fr: 'Propositions', en: 'Proposals' },
      settings: { votes_limit: 3 },
    });
    expect(c.status).toBe(201);
    const set = (phase: number, settings: object) =>
      api(
        'patch',
        `/${space.id}/components/${c.body.id}/phases/${phases[phase]}/settings`,
        orgAdmin,
        {
          settings,
        },
      ).then((r) => expect(r.status).toBe(200));
    await set(1, { creation_enabled: true });
    await set(3, { votes_enabled: true });
    await set(4, { comments_blocked: true });
    return { space, phases, componentId: c.body.id as string };
  };
  const activate = (spaceId: string, phaseId: string, who = orgAdmin) =>
    api('post', `/${spaceId}/phases/${phaseId}/activate`, who);
  const authorize = (who: InternalIdentity, componentId: string, action: string) =>
    api('post', '/internal/spaces/authorize', who, { componentId, action });

  beforeAll(async () => {
    process.env.SPACES_PHASE_INTERVAL_MS = '0';
    booted = await bootService(spacesService, { database: target.open });
    server = booted.service.app.getHttpServer();
    await booted.db.query(`DROP SCHEMA IF EXISTS ${STUB} CASCADE`);
    await booted.db.query(`CREATE SCHEMA ${STUB}`);
    stub = booted.db.dataSource({ schema: STUB });
    await stub.initialize();
    const qr = stub.createQueryRunner();
    await createMessagingTables(qr, STUB);
    await qr.release();
    await booted.bus.relay(stub, STUB);
    await register(PROPOSALS);
    await until('the proposals registration', () => typeOf(orgAdmin, 'proposals'));
  });
  afterAll(() => booted?.close());

  describe('component type registry', () => {
    it('stores what a service registers, keeps the newest version, refuses nonsense', async () => {
      const t = await typeOf(participant, 'proposals');
      expect(t).toMatchObject({
        service: 'proposals',
        version: 1,
        actions: [
          { name: 'create', enabledBy: 'creation_enabled' },
          { name: 'vote', enabledBy: 'votes_enabled' },
          { name: 'comment', blockedBy: 'comments_blocked' },
        ],
      });
      expect(t.phaseSettings[0]).toMatchObject({
        name: 'creation_enabled',
        type: 'boolean',
        default: false,
        label: { en: 'Participants may propose' },
      });
      expect(t.globalSettings.find((s: { name: string }) => s.name === 'order').default).toBe(
        'random',
      );

      const surveys = (version: number, extra: string) => ({
        type: 'surveys',
        service: 'surveys',
        version,
        globalSettings: [{ name: extra, type: 'SETTING_TYPE_BOOLEAN' as const }],
      });
      await register(surveys(2, 'anonymous_answers'));
      await until('surveys v2', async () => (await typeOf(orgAdmin, 'surveys'))?.version === 2);
      // A replica still running version 1 restarts: it must not undo version 2.
      await register(surveys(1, 'old_setting'));
      // An action switched by a setting that does not exist: dead-lettered, never stored.
      await register({
        type: 'broken',
        service: 'broken',
        version: 1,
        actions: [{ name: 'vote', enabledBy: 'nope' }],
      });
      // One organization's own type, invisible elsewhere.
      await register({ type: 'local-polls', service: 'polls', version: 1, organizationId: org });
      await until('local-polls', () => typeOf(orgAdmin, 'local-polls'));
      const s = await typeOf(orgAdmin, 'surveys');
      expect(s.version).toBe(2);
      expect(s.globalSettings.map((x: { name: string }) => x.name)).toEqual(['anonymous_answers']);
      expect(await typeOf(orgAdmin, 'broken')).toBeUndefined();
      expect(await typeOf({ ...orgAdmin, organizationId: other }, 'local-polls')).toBeUndefined();
    });
  });

  describe('spaces', () => {
    it('lets organization admins create spaces with a reference code given once', async () => {
      const body = {
        kind: 'process',
        slug: `budget-${randomUUID().slice(0, 6)}`,
        title: { fr: 'Budget participatif 2026', en: 'Participatory budget 2026' },
        subtitle: { fr: 'Un million pour vos idées' },
        welcome: { fr: 'Bienvenue' },
        summary: { fr: 'En bref' },
        imageUrl: 'https://ville.example/budget.jpg',
        imageAlt: { fr: 'Des habitants votent dans la cour de la mairie' },
        videoUrl: 'https://video.example/w/abc',
        objectives: { fr: 'Financer des projets' },
        participants: { fr: 'Tous les habitants' },
        decisionRules: { fr: 'Vote à la majorité' },
        area: { fr: 'Toute la ville' },
        organizer: { fr: 'Mairie' },
        startsOn: '2026-01-15',
        endsOn: '2026-12-15',
      };
      for (const who of [participant, anonymous, spaceAdmin(randomUUID())])
        expect((await api('post', '/', who, body)).status).toBe(403);
      const r = await api('post', '/', orgAdmin, body);
      expect(r.status).toBe(201);
      const ym = new Date().toISOString().slice(0, 7);
      expect(r.body.reference).toMatch(new RegExp(`^${org.slice(0, 8)}-PART-${ym}-\\d+$`));
      expect(r.body).toMatchObject({
        state: 'draft',
        facts: { organizer: { fr: 'Mairie' }, startsOn: '2026-01-15', endsOn: '2026-12-15' },
        videoUrl: 'https://video.example/w/abc',
        imageAlt: { fr: 'Des habitants votent dans la cour de la mairie' },
      });
      const taken = await api('post', '/', orgAdmin, { ...body, kind: 'assembly' });
      expect(taken.status).toBe(409);
      expect(taken.body.errors[0].field).toBe('slug');

      await api('put', '/settings', orgAdmin, { referencePrefix: 'demo' }).then((x) =>
        expect(x.status).toBe(200),
      );
      expect((await api('get', '/settings', orgAdmin)).body).toEqual({ referencePrefix: 'demo' });
      expect((await api('get', '/settings', participant)).status).toBe(403);
      await api('put', '/settings', participant, { referencePrefix: 'evil' }).then((x) =>
        expect(x.status).toBe(403),
      );
      const a = await createSpace({ kind: 'assembly' }, false);
      expect(a.reference).toMatch(new RegExp(`^demo-ASSE-${ym}-\\d+$`));
      const n = (ref: string) => Number(ref.split('-').pop());
      expect(n(a.reference)).toBeGreaterThan(n(r.body.reference));
      // Editing never changes the reference.
      const edited = await api('patch', `/${a.id}`, orgAdmin, {
        title: { fr: 'Conseil de quartier' },
      });
      expect(edited.status).toBe(200);
      expect(edited.body.reference).toBe(a.reference);
      const [{ c }] = await sql<{ c: string }>(
        `SELECT count(*) AS c FROM spaces.spaces WHERE organization_id = $1 AND reference = $2`,
        [org, a.reference],
      );
      expect(Number(c)).toBe(1);
    });

    it('refuses bad input with 400 naming each field', async () => {
      const bad = await api('post', '/', orgAdmin, {
        kind: 'council',
        slug: 'Not A Slug',
        title: { de: 'Titel' },
        imageUrl: 'http://insecure.example/x.jpg',
        startsOn: '15/01/2026',
        extra: true,
      });
      expect(bad.status).toBe(400);
      expect(bad.headers['content-type']).toContain('application/problem+json');
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(
        expect.arrayContaining(['kind', 'slug', 'title.de', 'imageUrl', 'startsOn', 'extra']),
      );
      const cases: [object, string][] = [
        [{ kind: 'process', slug: 'no-title', title: {} }, 'title'],
        [{ kind: 'process', slug: 'settings', title: { fr: 'x' } }, 'slug'],
        [
          {
            kind: 'process',
            slug: 'dates',
            title: { fr: 'x' },
            startsOn: '2026-05-01',
            endsOn: '2026-04-01',
          },
          'endsOn',
        ],
        [{ kind: 'process', slug: 'transp', title: { fr: 'x' }, transparent: true }, 'transparent'],
        [{ kind: 'assembly', slug: 'auto', title: { fr: 'x' }, autoPhases: true }, 'autoPhases'],
      ];
      for (const [body, field] of cases) {
        const r = await api('post', '/', orgAdmin, body);
        expect(r.status).toBe(400);
        expect(r.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      }
      for (const [path, field] of [
        ['/?limit=0', 'limit'],
        ['/?type=council', 'type'],
        ['/?cursor=nope', 'cursor'],
        ['/?sort=x', 'sort'],
      ]) {
        const r = await api('get', path, participant);
        expect(r.status).toBe(400);
        expect(r.body.errors[0].field).toBe(field);
      }
      const badId = await api('patch', '/not-an-id', orgAdmin, { title: { fr: 'x' } });
      expect(badId.status).toBe(400);
      expect(badId.body.errors[0].field).toBe('id');
      const [{ c }] = await sql<{ c: string }>(
        `SELECT count(*) AS c FROM spaces.spaces WHERE organization_id = $1 AND slug IN ('no-title', 'dates', 'transp', 'auto')`,
        [org],
      );
      expect(Number(c)).toBe(0);
    });

    it('shows drafts to admins only, and lets a space admin run only their space', async () => {
      const s = await createSpace({}, false);
      const mine = spaceAdmin(s.id);
      const theirs = spaceAdmin(randomUUID());
      for (const who of [participant, anonymous, theirs])
        expect((await api('get', `/${s.id}`, who)).status).toBe(404);
      expect((await api('get', `/${s.slug}`, mine)).status).toBe(200);
      const list = await api('get', '/?state=draft', mine);
      expect(list.body.items.map((x: { id: string }) => x.id)).toEqual([s.id]);
      expect((await api('get', '/?state=draft', participant)).status).toBe(400);
      expect((await api('patch', `/${s.id}`, theirs, { subtitle: { fr: 'x' } })).status).toBe(404);
      expect(
        (await api('patch', `/${s.id}`, mine, { subtitle: { fr: 'Sous-titre' } })).status,
      ).toBe(200);
      expect((await api('post', `/${s.id}/publish`, participant)).status).toBe(404);
      expect((await api('post', `/${s.id}/publish`, mine)).status).toBe(200);
      // Published: others see it, but may not change it (403 now that they see it).
      expect((await api('get', `/${s.id}`, participant)).status).toBe(200);
      expect((await api('patch', `/${s.id}`, participant, { subtitle: { fr: 'x' } })).status).toBe(
        403,
      );
      expect((await api('patch', `/${s.id}`, theirs, { subtitle: { fr: 'x' } })).status).toBe(403);
      const moderator: InternalIdentity = {
        organizationId: org,
        userId: randomUUID(),
        grants: [{ role: 'moderator', spaceId: s.id }],
      };
      expect((await api('post', `/${s.id}/phases`, moderator, { title: { fr: 'x' } })).status).toBe(
        403,
      );
      expect((await api('post', `/${s.id}/unpublish`, mine)).status).toBe(200);
      expect((await api('get', `/${s.id}`, participant)).status).toBe(404);
    });

    it('serves public landing pages and cards with ETag and shared caching', async () => {
      const { space, phases, componentId } = await processWithProposals();
      await activate(space.id, phases[1]).then((r) => expect(r.status).toBe(200));
      const r = await api('get', `/${space.slug}`, anonymous);
      expect(r.status).toBe(200);
      expect(r.headers['cache-control']).toBe('public, max-age=2, stale-while-revalidate=30');
      expect(r.body).toMatchObject({
        id: space.id,
        kind: 'process',
        reference: space.reference,
        activePhase: { id: phases[1], title: { en: 'Idea box' } },
        components: [{ id: componentId, type: 'proposals', name: { en: 'Proposals' } }],
      });
      expect(r.body.phases.map((p: { title: { en: string } }) => p.title.en)).toEqual(TITLES);
      expect(r.body.phases.filter((p: { active: boolean }) => p.active)).toHaveLength(1);
      const again = await as(anonymous).then((h) =>
        request(server)
          .get(`/${space.id}`)
          .set(...h)
          .set('If-None-Match', r.headers.etag),
      );
      expect(again.status).toBe(304);
      const card = await api('get', `/${space.id}/card`, anonymous);
      expect(card.status).toBe(200);
      expect(card.headers['cache-control']).toContain('public');
      expect(card.body).toMatchObject({
        slug: space.slug,
        path: `/spaces/${space.slug}`,
        activePhase: { title: { en: 'Idea box' } },
      });
      expect((await api('get', '/no-such-slug', anonymous)).status).toBe(404);
      expect((await api('get', `/${randomUUID()}/card`, anonymous)).status).toBe(404);
    });

    it('lists published spaces by type with a cursor', async () => {
      const made = [];
      for (let i = 0; i < 3; i++) made.push((await createSpace({ kind: 'assembly' })).id);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const r: request.Response = await api(
          'get',
          `/?type=assembly&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
          anonymous,
        );
        expect(r.status).toBe(200);
        expect(r.body.items.length).toBeLessThanOrEqual(2);
        for (const x of r.body.items) expect(x.kind).toBe('assembly');
        seen.push(...r.body.items.map((x: { id: string }) => x.id));
        cursor = r.body.nextCursor;
      } while (cursor);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).toEqual(expect.arrayContaining(made));
      const processes = await api('get', '/?type=process&limit=100', anonymous);
      expect(processes.headers['cache-control']).toContain('public');
      for (const x of processes.body.items) expect(x.kind).toBe('process');
    });
  });

  describe('phases', () => {
    it('adds, edits, reorders and removes phases of processes only', async () => {
      const s = await createSpace();
      const ids = await addPhases(s.id, ['A', 'B', 'C']);
      const assembly = await createSpace({ kind: 'assembly' });
      const refused = await api('post', `/${assembly.id}/phases`, orgAdmin, { title: { fr: 'x' } });
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('ASSEMBLIES_HAVE_NO_PHASES');
      const badDates = await api('patch', `/${s.id}/phases/${ids[0]}`, orgAdmin, {
        startsOn: '2026-05-01',
        endsOn: '2026-04-01',
      });
      expect(badDates.status).toBe(400);
      expect(badDates.body.errors[0].field).toBe('endsOn');
      const edited = await api('patch', `/${s.id}/phases/${ids[0]}`, orgAdmin, {
        description: { fr: 'Découvrir' },
        startsOn: '2026-01-01',
      });
      expect(edited.body).toMatchObject({
        description: { fr: 'Découvrir' },
        startsOn: '2026-01-01',
      });
      for (const phaseIds of [[ids[0], ids[1]], [ids[0], ids[0], ids[1]], ['x']]) {
        const r = await api('put', `/${s.id}/phases/order`, orgAdmin, { phaseIds });
        expect(r.status).toBe(400);
        expect(r.body.errors[0].field).toBe('phaseIds');
      }
      const order = await api('put', `/${s.id}/phases/order`, orgAdmin, {
        phaseIds: [ids[2], ids[0], ids[1]],
      });
      expect(order.status).toBe(200);
      expect(order.body.items.map((p: { title: { fr: string } }) => p.title.fr)).toEqual([
        'C',
        'A',
        'B',
      ]);
      await activate(s.id, ids[0]);
      const busy = await api('delete', `/${s.id}/phases/${ids[0]}`, orgAdmin);
      expect(busy.status).toBe(409);
      expect((await api('delete', `/${s.id}/phases/${ids[2]}`, orgAdmin)).status).toBe(204);
      const list = await api('get', `/${s.id}/phases`, participant);
      expect(
        list.body.items.map((p: { title: { fr: string }; position: number }) => [
          p.title.fr,
          p.position,
        ]),
      ).toEqual([
        ['A', 0],
        ['B', 1],
      ]);
      expect((await api('post', `/${s.id}/phases/${randomUUID()}/activate`, orgAdmin)).status).toBe(
        404,
      );
    });

    it('keeps exactly one active phase under concurrent activations, in the database too', async () => {
      const s = await createSpace();
      const ids = await addPhases(s.id);
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) => activate(s.id, ids[i % ids.length])),
      );
      for (const r of results) expect([200, 409]).toContain(r.status);
      const active = await sql<{ id: string }>(
        `SELECT id FROM spaces.phases WHERE space_id = $1 AND active`,
        [s.id],
      );
      expect(active).toHaveLength(1);
      const other = ids.find((id) => id !== active[0].id) as string;
      // Whatever code path tries, the database refuses a second active phase.
      await expect(
        sql(`UPDATE spaces.phases SET active = true WHERE id = $1`, [other]),
      ).rejects.toThrow(/phases_one_active|duplicate key/);
      const r = await activate(s.id, other);
      expect(r.body).toMatchObject({ id: other, active: true, previousPhaseId: active[0].id });
      const got = await until('the PhaseActivated event', async () =>
        (await shipped(Topics.SpacesPhaseActivatedV1)).find(
          (e) =>
            e.topic === Topics.SpacesPhaseActivatedV1 &&
            (e.payload as { phaseId: string }).phaseId === other &&
            (e.payload as { previousPhaseId: string }).previousPhaseId === active[0].id,
        ),
      );
      expect(got.key).toBe(s.id);
      expect(got.headers[EventHeaders.tenantId]).toBe(org);
      expect(got.payload).toMatchObject({
        spaceId: s.id,
        organizationId: org,
        previousPhaseId: active[0].id,
        activatedBy: 'admin',
      });
    });

    it('activates phases by their dates, once per window, without overruling an admin', async () => {
      const s = await createSpace({ autoPhases: true });
      const day = (offset: number) =>
        new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
      const [past, now, future] = await addPhases(s.id, ['Past', 'Now', 'Future']);
      await api('patch', `/${s.id}/phases/${past}`, orgAdmin, {
        startsOn: day(-30),
        endsOn: day(-3),
      });
      await api('patch', `/${s.id}/phases/${now}`, orgAdmin, {
        startsOn: day(-2),
        endsOn: day(20),
      });
      await api('patch', `/${s.id}/phases/${future}`, orgAdmin, {
        startsOn: day(21),
        endsOn: day(40),
      });
      const scheduler = booted.service.app.get(PhaseSchedulerService);
      expect(await scheduler.activateByDates()).toBeGreaterThanOrEqual(1);
      const landing = await api('get', `/${s.id}`, orgAdmin);
      expect(landing.body.activePhase.id).toBe(now);
      await until('the dates activation event', async () =>
        (await shipped(Topics.SpacesPhaseActivatedV1)).find(
          (e) =>
            e.topic === Topics.SpacesPhaseActivatedV1 &&
            (e.payload as { phaseId: string; activatedBy: string }).phaseId === now &&
            (e.payload as { activatedBy: string }).activatedBy === 'dates',
        ),
      );
      await activate(s.id, past);
      await scheduler.activateByDates();
      const [row] = await sql<{ id: string }>(
        `SELECT id FROM spaces.phases WHERE space_id = $1 AND active`,
        [s.id],
      );
      expect(row.id).toBe(past);
    });
    it('never calls an active phase outside its dates current, nor opens its actions', async () => {
      const { space, phases, componentId } = await processWithProposals();
      const day = (offset: number) =>
        new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
      const vote = phases[3];
      await api('patch', `/${space.id}/phases/${vote}`, orgAdmin, {
        startsOn: day(-60),
        endsOn: day(-30),
      }).then((r) => expect(r.status).toBe(200));
      expect((await activate(space.id, vote)).body).toMatchObject({
        active: true,
        timing: 'ended',
      });
      const landing = await api('get', `/${space.id}`, participant);
      expect(landing.body.activePhase).toMatchObject({ id: vote, timing: 'ended' });
      const path = `/${space.id}/components/${componentId}/effective`;
      const ended = await api('get', path, participant);
      expect(ended.body.activePhase).toMatchObject({ id: vote, timing: 'ended', endsOn: day(-30) });
      expect(ended.body.settings).toMatchObject({ votes_enabled: false });
      expect(ended.body.actions.find((a: { name: string }) => a.name === 'vote')).toMatchObject({
        open: false,
        reason: 'PHASE_CLOSED',
      });
      const refused = await authorize(participant, componentId, 'vote');
      expect(refused.body).toMatchObject({ allowed: false, reason: 'PHASE_CLOSED' });
      expect(refused.body.message).toContain(`ended on ${day(-30)}`);
      const settingsOf = (cause: string) =>
        until(`the ${cause} settings event`, async () =>
          (await shipped(Topics.SpacesComponentSettingsChangedV1))
            .filter((e) => e.key === componentId && e.payload.cause === cause)
            .pop(),
        );
      expect((await settingsOf('phase-activated')).payload.settings).toMatchObject({
        votes_enabled: false,
      });

      // Dates moved so that today is within them: the phase is in force, and announced so.
      await api('patch', `/${space.id}/phases/${vote}`, orgAdmin, { endsOn: day(5) });
      expect((await api('get', `/${space.id}`, participant)).body.activePhase.timing).toBe(
        'current',
      );
      expect((await authorize(participant, componentId, 'vote')).body.allowed).toBe(true);
      expect((await settingsOf('phase-dates')).payload.settings).toMatchObject({
        votes_enabled: true,
      });

      // Time passes (the dates are in the past without an edit): the scheduler announces it.
      await sql(`UPDATE spaces.phases SET ends_on = $2::date WHERE id = $1`, [vote, day(-1)]);
      const scheduler = booted.service.app.get(PhaseSchedulerService);
      expect(await scheduler.announceDateCrossings()).toBeGreaterThanOrEqual(1);
      const crossed = await until('the crossing event', async () => {
        const mine = (await shipped(Topics.SpacesComponentSettingsChangedV1)).filter(
          (e) => e.key === componentId && e.payload.cause === 'phase-dates',
        );
        return mine.length >= 2 && mine[mine.length - 1];
      });
      expect(crossed.payload.settings).toMatchObject({ votes_enabled: false });
      expect((await authorize(participant, componentId, 'vote')).body.reason).toBe('PHASE_CLOSED');
    });
  });

  describe('components and effective settings', () => {
    it('validates settings against the registered component type, naming the setting', async () => {
      const s = await createSpace();
      const [phase] = await addPhases(s.id, ['Only']);
      const unknownType = await api('post', `/${s.id}/components`, orgAdmin, {
        type: 'tombola',
        name: { fr: 'Tombola' },
      });
      expect(unknownType.status).toBe(400);
      expect(unknownType.body.errors[0]).toMatchObject({ field: 'type' });
      expect(unknownType.body.errors[0].message).toContain('proposals');
      const bad = await api('post', `/${s.id}/components`, orgAdmin, {
        type: 'proposals',
        name: { fr: 'Propositions' },
        settings: { votes_limit: 1000, order: 'alphabetical', colour: 'red' },
        defaultPhaseSettings: { creation_enabled: 'yes' },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
        'defaultPhaseSettings.creation_enabled',
        'settings.colour',
        'settings.order',
        'settings.votes_limit',
      ]);
      const c = await api('post', `/${s.id}/components`, orgAdmin, {
        type: 'proposals',
        name: { fr: 'Propositions' },
      });
      expect(c.status).toBe(201);
      const path = `/${s.id}/components/${c.body.id}`;
      const wrongKind = await api('patch', `${path}/phases/${phase}/settings`, orgAdmin, {
        settings: { votes_limit: 3 },
      });
      expect(wrongKind.status).toBe(400);
      expect(wrongKind.body.errors[0].field).toBe('settings.votes_limit');
      expect(wrongKind.body.errors[0].message).toContain('creation_enabled');
      const tooLong = await api('patch', `${path}/phases/${phase}/settings`, orgAdmin, {
        settings: { announcement: 'x'.repeat(101) },
      });
      expect(tooLong.body.errors[0].field).toBe('settings.announcement');
      const noBody = await api('patch', `${path}/phases/${phase}/settings`, orgAdmin, {});
      expect(noBody.body.errors[0].field).toBe('settings');
      const badPhase = await api('patch', `${path}/phases/nope/settings`, orgAdmin, {
        settings: {},
      });
      expect(badPhase.body.errors[0].field).toBe('phaseId');
      const global = await api('patch', path, orgAdmin, {
        settings: { votes_limit: 5, order: 'recent' },
      });
      expect(global.status).toBe(200);
      expect(global.body.settings).toEqual({ votes_limit: 5, order: 'recent' });
      const reset = await api('patch', path, orgAdmin, { settings: { order: null } });
      expect(reset.body.settings).toEqual({ votes_limit: 5 });
      const perm = await api('put', `${path}/permissions/teleport`, orgAdmin, {
        verification: 'none',
      });
      expect(perm.status).toBe(400);
      expect(perm.body.errors[0].field).toBe('action');
      const badRule = await api('put', `${path}/permissions/vote`, orgAdmin, {
        verification: 'passport',
        minimumAge: 3000,
      });
      expect(badRule.body.errors.map((e: { field: string }) => e.field)).toEqual(
        expect.arrayContaining(['verification', 'minimumAge']),
      );
      // No age above 18 is ever known ("adult"): a minimum of 21 would refuse everyone.
      const over18 = await api('put', `${path}/permissions/vote`, orgAdmin, {
        verification: 'franceconnect',
        minimumAge: 21,
      });
      expect(over18.status).toBe(400);
      expect(over18.body.errors).toEqual([
        expect.objectContaining({ field: 'minimumAge', message: expect.stringContaining('18') }),
      ]);
      expect((await api('patch', path, participant, { settings: { votes_limit: 1 } })).status).toBe(
        403,
      );
      const [{ settings }] = await sql<{ settings: object }>(
        `SELECT settings FROM spaces.components WHERE id = $1`,
        [c.body.id],
      );
      expect(settings).toEqual({ votes_limit: 5 });
    });

    it('writes global, default and per-phase settings in one call, or nothing when one value is wrong', async () => {
      const s = await createSpace();
      const [first, second] = await addPhases(s.id, ['One', 'Two']);
      const c = await api('post', `/${s.id}/components`, orgAdmin, {
        type: 'proposals',
        name: { fr: 'Propositions' },
        settings: { votes_limit: 2 },
      });
      expect(c.status).toBe(201);
      const path = `/${s.id}/components/${c.body.id}/settings`;
      const stored = async () => {
        const [row] = await sql<{ settings: object; default_phase_settings: object }>(
          `SELECT settings, default_phase_settings FROM spaces.components WHERE id = $1`,
          [c.body.id],
        );
        const phases = await sql<{ phase_id: string; settings: object }>(
          `SELECT phase_id, settings FROM spaces.component_phase_settings WHERE component_id = $1 ORDER BY phase_id`,
          [c.body.id],
        );
        return { ...row, phases };
      };
      const saved = await api('patch', path, orgAdmin, {
        settings: { votes_limit: 5, order: 'recent' },
        defaultPhaseSettings: { comments_blocked: true },
        phaseSettings: {
          [first]: { creation_enabled: true },
          [second]: { votes_enabled: true, announcement: 'Votez !' },
        },
      });
      expect(saved.status).toBe(200);
      expect(saved.body.settings).toEqual({ votes_limit: 5, order: 'recent' });
      expect(saved.body.phaseSettings).toEqual({
        [first]: { creation_enabled: true },
        [second]: { votes_enabled: true, announcement: 'Votez !' },
      });
      const before = await stored();
      expect(before.default_phase_settings).toEqual({ comments_blocked: true });

      // One wrong value in the second phase: every problem named, nothing written.
      const wrong = await api('patch', path, orgAdmin, {
        settings: { votes_limit: 7 },
        defaultPhaseSettings: { comments_blocked: false },
        phaseSettings: {
          [first]: { creation_enabled: false },
          [second]: { announcement: 'x'.repeat(101), colour: 'red' },
        },
      });
      expect(wrong.status).toBe(400);
      expect(wrong.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
        `phaseSettings.${second}.announcement`,
        `phaseSettings.${second}.colour`,
      ]);
      expect(await stored()).toEqual(before);
      // A phase of another space, or no phase id at all: refused, nothing written.
      const [elsewhere] = await addPhases((await createSpace()).id, ['Elsewhere']);
      const foreign = await api('patch', path, orgAdmin, {
        settings: { votes_limit: 7 },
        phaseSettings: { [elsewhere]: { creation_enabled: true } },
      });
      expect(foreign.status).toBe(404);
      expect(foreign.body.code).toBe('PHASE_NOT_FOUND');
      const notAnId = await api('patch', path, orgAdmin, {
        phaseSettings: { first: { creation_enabled: true }, [first]: 'on' },
      });
      expect(notAnId.status).toBe(400);
      expect(notAnId.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
        `phaseSettings.${first}`,
        'phaseSettings.first',
      ]);
      expect(await stored()).toEqual(before);
      expect((await api('patch', path, participant, { settings: { votes_limit: 1 } })).status).toBe(
        403,
      );
      // Null puts a value back to its default, in every part.
      const reset = await api('patch', path, orgAdmin, {
        settings: { order: null },
        phaseSettings: { [second]: { announcement: null } },
      });
      expect(reset.status).toBe(200);
      expect(reset.body.settings).toEqual({ votes_limit: 5 });
      expect(reset.body.phaseSettings[second]).toEqual({ votes_enabled: true });
    });

    it('switches effective settings with the active phase, without changing any data', async () => {
      const { space, phases, componentId } = await processWithProposals();
      const path = `/${space.id}/components/${componentId}/effective`;
      const snapshot = () =>
        sql(
          `SELECT c.settings, c.default_phase_settings, v.phase_id, v.settings AS v
             FROM spaces.components c LEFT JOIN spaces.component_phase_settings v ON v.component_id = c.id
            WHERE c.id = $1 ORDER BY v.phase_id`,
          [componentId],
        );
      const before = await snapshot();
      const none = await api('get', path, anonymous);
      expect(none.body).toMatchObject({
        activePhase: null,
        settings: {
          creation_enabled: false,
          votes_enabled: false,
          votes_limit: 3,
          proposal_length: 500,
        },
      });
      await activate(space.id, phases[1]);
      const ideas = await api('get', path, anonymous);
      expect(ideas.headers['cache-control']).toContain('public');
      expect(ideas.headers.etag).toBeDefined();
      expect(ideas.body).toMatchObject({
        type: 'proposals',
        typeAvailable: true,
        activePhase: { id: phases[1], title: { en: 'Idea box' } },
        settings: {
          creation_enabled: true,
          votes_enabled: false,
          comments_blocked: false,
          votes_limit: 3,
        },
        global: { votes_limit: 3, order: 'random' },
      });
      const actions = Object.fromEntries(
        ideas.body.actions.map((a: { name: string }) => [a.name, a]),
      );
      expect(actions.create).toMatchObject({ open: true, permission: { verification: 'none' } });
      expect(actions.vote).toMatchObject({ open: false, reason: 'PHASE_CLOSED' });
      await activate(space.id, phases[3]);
      const vote = await api('get', path, anonymous);
      expect(vote.body.settings).toMatchObject({ creation_enabled: false, votes_enabled: true });
      await activate(space.id, phases[4]);
      const results = await api('get', path, anonymous);
      expect(results.body.settings).toMatchObject({ votes_enabled: false, comments_blocked: true });
      expect(
        results.body.actions.find((a: { name: string }) => a.name === 'comment'),
      ).toMatchObject({ open: false, reason: 'ACTION_BLOCKED' });
      expect(await snapshot()).toEqual(before);
      const changed = await until('the settings events of the switch', async () => {
        const mine = (await shipped(Topics.SpacesComponentSettingsChangedV1)).filter(
          (e) =>
            e.topic === Topics.SpacesComponentSettingsChangedV1 &&
            (e.payload as { componentId: string }).componentId === componentId &&
            (e.payload as { cause: string }).cause === 'phase-activated',
        );
        return mine.length >= 3 && mine;
      });
      expect(changed.map((e) => (e.payload as { activePhaseId: string }).activePhaseId)).toEqual([
        phases[1],
        phases[3],
        phases[4],
      ]);
      expect(changed[1].payload).toMatchObject({
        spaceId: space.id,
        componentType: 'proposals',
        settings: { votes_enabled: true, creation_enabled: false, votes_limit: 3 },
      });
      expect(changed[1].key).toBe(componentId);
    });

    it('uses default phase settings in assemblies, which have no phases', async () => {
      const s = await createSpace({ kind: 'assembly' });
      const c = await api('post', `/${s.id}/components`, orgAdmin, {
        type: 'proposals',
        name: { en: 'Ideas' },
        defaultPhaseSettings: { creation_enabled: true },
      });
      const eff = await api('get', `/${s.id}/components/${c.body.id}/effective`, participant);
      expect(eff.body).toMatchObject({ activePhase: null, settings: { creation_enabled: true } });
      await api('patch', `/${s.id}/components/${c.body.id}/phases/default/settings`, orgAdmin, {
        settings: { creation_enabled: false },
      });
      expect((await authorize(participant, c.body.id, 'create')).body.reason).toBe('PHASE_CLOSED');
      const detail = await api('get', `/${s.id}/components/${c.body.id}`, orgAdmin);
      expect(detail.body).toMatchObject({ defaultPhaseSettings: { creation_enabled: false } });
      expect((await api('get', `/${s.id}/components/${c.body.id}`, participant)).status).toBe(403);
      const list = await api('get', `/${s.id}/components`, participant);
      expect(list.body.items).toEqual([
        { id: c.body.id, type: 'proposals', name: { en: 'Ideas' }, position: 0 },
      ]);
      expect((await api('delete', `/${s.id}/components/${c.body.id}`, participant)).status).toBe(
        403,
      );
      expect((await api('delete', `/${s.id}/components/${c.body.id}`, orgAdmin)).status).toBe(204);
      expect(
        (await api('get', `/${s.id}/components/${c.body.id}/effective`, participant)).status,
      ).toBe(404);
    });
  });

  describe('authorization for other services', () => {
    it('answers allowed, or the reason, for each person and action', async () => {
      const { space, phases, componentId } = await processWithProposals();
      const path = `/${space.id}/components/${componentId}/permissions`;
      const reason = async (who: InternalIdentity, action: string) => {
        const r = await authorize(who, componentId, action);
        expect(r.status).toBe(200);
        return r.body as { allowed: boolean; reason: string; message: string; phase?: object };
      };
      await activate(space.id, phases[1]);
      const first = await authorize(participant, componentId, 'create');
      expect(first.headers['cache-control']).toBe('private, max-age=2');
      expect(first.body).toMatchObject({
        allowed: true,
        reason: '',
        spaceId: space.id,
        componentType: 'proposals',
      });
      const closed = await reason(participant, 'vote');
      expect(closed).toMatchObject({
        allowed: false,
        reason: 'PHASE_CLOSED',
        phase: { id: phases[1], title: { en: 'Idea box' } },
      });
      expect(closed.message).toContain('Idea box');
      expect((await reason(anonymous, 'create')).reason).toBe('SIGN_IN_REQUIRED');
      await api('put', `${path}/create`, orgAdmin, { verification: 'franceconnect' }).then((r) =>
        expect(r.status).toBe(200),
      );
      // Other replicas reuse a context for up to two seconds; this one forgot it at once.
      expect((await reason(participant, 'create')).reason).toBe('NOT_VERIFIED');
      expect((await reason(verified, 'create')).allowed).toBe(true);
      expect((await reason(signer, 'create')).allowed).toBe(true);
      await api('put', `${path}/create`, orgAdmin, {
        verification: 'franceconnect',
        minimumAge: 16,
      });
      // A FranceConnect-identified account carries no age; a FranceConnect signer does.
      expect((await reason(verified, 'create')).reason).toBe('AGE_UNVERIFIABLE');
      const tooYoung = await reason({ ...signer, age: 15 }, 'create');
      expect(tooYoung).toMatchObject({ allowed: false, reason: 'TOO_YOUNG' });
      expect(tooYoung.message).toContain('16');
      expect((await reason({ ...signer, age: 16 }, 'create')).allowed).toBe(true);
      expect((await reason({ ...signer, age: 18 }, 'create')).allowed).toBe(true);
      await api('put', `${path}/create`, orgAdmin, { verification: 'none', membersOnly: true });
      expect((await reason(participant, 'create')).reason).toBe('NOT_A_MEMBER');
      expect((await reason(spaceAdmin(space.id), 'create')).allowed).toBe(true);
      const announced = await until('the permissions event', async () =>
        (await shipped(Topics.SpacesComponentSettingsChangedV1)).find(
          (e) =>
            e.key === componentId &&
            e.payload.cause === 'permissions' &&
            (e.payload.permissions as Record<string, { membersOnly?: boolean }>)?.create
              ?.membersOnly === true,
        ),
      );
      expect(announced.payload.permissions).toEqual({
        create: { verification: 'none', minimumAge: 0, membersOnly: true },
      });
      await api('delete', `${path}/create`, orgAdmin).then((r) => expect(r.status).toBe(200));
      expect((await reason(participant, 'create')).allowed).toBe(true);
      await activate(space.id, phases[4]);
      expect((await reason(participant, 'comment')).reason).toBe('ACTION_BLOCKED');
      await api('post', `/${space.id}/unpublish`, orgAdmin);
      expect((await reason(orgAdmin, 'comment')).reason).toBe('SPACE_NOT_PUBLISHED');
      expect((await authorize(participant, componentId, 'comment')).status).toBe(404);
      await api('post', `/${space.id}/publish`, orgAdmin);

      const unknown = await authorize(participant, componentId, 'teleport');
      expect(unknown.status).toBe(400);
      expect(unknown.body.errors[0].field).toBe('action');
      const badBody = await api('post', '/internal/spaces/authorize', participant, {
        componentId: 'x',
        action: 'Vote!',
      });
      expect(badBody.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
        'action',
        'componentId',
      ]);
      expect((await authorize(participant, randomUUID(), 'vote')).status).toBe(404);
      expect(
        (
          await request(server)
            .post('/internal/spaces/authorize')
            .send({ componentId, action: 'vote' })
        ).status,
      ).toBe(401);
    });

    it('refuses actions in a component whose type is not registered (yet)', async () => {
      const s = await createSpace({ kind: 'assembly' });
      const [c] = await sql<{ id: string }>(
        `INSERT INTO spaces.components (organization_id, space_id, type, name) VALUES ($1, $2, 'budgets', '{"fr":"Vote"}') RETURNING id`,
        [org, s.id],
      );
      const r = await authorize(participant, c.id, 'vote');
      expect(r.body).toMatchObject({ allowed: false, reason: 'COMPONENT_TYPE_UNAVAILABLE' });
      const eff = await api('get', `/${s.id}/components/${c.id}/effective`, participant);
      expect(eff.body).toMatchObject({ typeAvailable: false, actions: [] });
    });
  });

  describe('private spaces', () => {
    it('hides a private space from non-members (404) and from lists; members see and act', async () => {
      const { space, phases, componentId } = await processWithProposals({ private: true });
      await activate(space.id, phases[1]);
      const member: InternalIdentity = { organizationId: org, userId: randomUUID(), grants: [] };
      const paths = [
        `/${space.id}`,
        `/${space.slug}`,
        `/${space.id}/card`,
        `/${space.id}/phases`,
        `/${space.id}/components`,
        `/${space.id}/components/${componentId}/effective`,
      ];
      for (const who of [participant, anonymous, member]) {
        for (const p of paths) expect([p, (await api('get', p, who)).status]).toEqual([p, 404]);
        expect((await authorize(who, componentId, 'create')).status).toBe(404);
        expect((await api('patch', `/${space.id}`, who, { subtitle: { fr: 'x' } })).status).toBe(
          404,
        );
        const list = await api('get', '/?limit=100', who);
        expect(list.body.items.map((x: { id: string }) => x.id)).not.toContain(space.id);
      }
      expect((await api('put', `/${space.id}/members/${member.userId}`, participant)).status).toBe(
        404,
      );
      expect((await api('put', `/${space.id}/members/${member.userId}`, orgAdmin)).status).toBe(
        201,
      );
      expect((await api('put', `/${space.id}/members/${member.userId}`, orgAdmin)).status).toBe(
        200,
      );
      expect((await api('put', `/${space.id}/members/nope`, orgAdmin)).body.errors[0].field).toBe(
        'userId',
      );
      const members = await api('get', `/${space.id}/members`, orgAdmin);
      expect(members.body.items).toEqual([
        expect.objectContaining({ userId: member.userId, invitedBy: orgAdmin.userId }),
      ]);
      expect((await api('get', `/${space.id}/members`, member)).status).toBe(403);
      for (const p of paths) expect((await api('get', p, member)).status).toBe(200);
      const seen = await api('get', `/${space.id}`, member);
      expect(seen.headers['cache-control']).toBe('private, no-store');
      const list = await api('get', '/?limit=100', member);
      expect(list.body.items.map((x: { id: string }) => x.id)).toContain(space.id);
      expect(list.headers['cache-control']).toBe('private, no-store');
      expect((await authorize(member, componentId, 'create')).body.allowed).toBe(true);
      // Staff of the space see it without an invitation.
      const evaluator: InternalIdentity = {
        organizationId: org,
        userId: randomUUID(),
        grants: [{ role: 'evaluator', spaceId: space.id }],
      };
      expect((await api('get', `/${space.id}`, evaluator)).status).toBe(200);
      expect((await api('delete', `/${space.id}/members/${member.userId}`, orgAdmin)).status).toBe(
        204,
      );
      expect((await api('delete', `/${space.id}/members/${member.userId}`, orgAdmin)).status).toBe(
        404,
      );
      expect((await api('get', `/${space.id}`, member)).status).toBe(404);
    });

    it('lets everyone read a transparent space, and only members act in it', async () => {
      const { space, phases, componentId } = await processWithProposals({
        private: true,
        transparent: true,
      });
      await activate(space.id, phases[1]);
      const r = await api('get', `/${space.id}`, anonymous);
      expect(r.status).toBe(200);
      expect(r.headers['cache-control']).toContain('public');
      expect((await authorize(participant, componentId, 'create')).body.reason).toBe(
        'NOT_A_MEMBER',
      );
      await api('put', `/${space.id}/members/${participant.userId}`, orgAdmin);
      expect((await authorize(participant, componentId, 'create')).body.allowed).toBe(true);
      const open = await createSpace();
      const refused = await api('put', `/${open.id}/members/${participant.userId}`, orgAdmin);
      expect(refused.status).toBe(409);
    });
  });

  describe('tenant isolation', () => {
    it('keeps another organization out of every route', async () => {
      const { space, phases, componentId } = await processWithProposals();
      await activate(space.id, phases[1]);
      const outsider: InternalIdentity = {
        organizationId: other,
        userId: randomUUID(),
        grants: [{ role: 'org-admin' }],
      };
      const c = `/${space.id}/components/${componentId}`;
      const calls: [Parameters<typeof api>[0], string, object?][] = [
        ['get', `/${space.id}`],
        ['get', `/${space.slug}`],
        ['get', `/${space.id}/card`],
        ['patch', `/${space.id}`, { subtitle: { fr: 'pris' } }],
        ['post', `/${space.id}/publish`],
        ['post', `/${space.id}/unpublish`],
        ['get', `/${space.id}/members`],
        ['put', `/${space.id}/members/${randomUUID()}`],
        ['delete', `/${space.id}/members/${randomUUID()}`],
        ['get', `/${space.id}/phases`],
        ['post', `/${space.id}/phases`, { title: { fr: 'x' } }],
        ['put', `/${space.id}/phases/order`, { phaseIds: phases }],
        ['patch', `/${space.id}/phases/${phases[0]}`, { title: { fr: 'x' } }],
        ['delete', `/${space.id}/phases/${phases[0]}`],
        ['post', `/${space.id}/phases/${phases[0]}/activate`],
        ['get', `/${space.id}/components`],
        ['post', `/${space.id}/components`, { type: 'proposals', name: { fr: 'x' } }],
        ['get', c],
        ['patch', c, { settings: { votes_limit: 1 } }],
        ['delete', c],
        ['patch', `${c}/phases/${phases[0]}/settings`, { settings: { creation_enabled: true } }],
        ['patch', `${c}/settings`, { phaseSettings: { [phases[0]]: { votes_enabled: true } } }],
        ['put', `${c}/permissions/vote`, { verification: 'none' }],
        ['delete', `${c}/permissions/vote`],
        ['get', `${c}/effective`],
        ['post', '/internal/spaces/authorize', { componentId, action: 'create' }],
      ];
      for (const [method, path, body] of calls)
        expect([method, path, (await api(method, path, outsider, body)).status]).toEqual([
          method,
          path,
          404,
        ]);
      const list = await api('get', '/?state=all&limit=100', outsider);
      expect(list.body.items).toEqual([]);
      const [row] = await sql<{ active: string; subtitle: object; n: string }>(
        `SELECT (SELECT id FROM spaces.phases WHERE space_id = $1 AND active) AS active, s.subtitle,
                (SELECT count(*) FROM spaces.components WHERE space_id = $1) AS n
           FROM spaces.spaces s WHERE s.id = $1`,
        [space.id],
      );
      expect(row).toEqual({ active: phases[1], subtitle: {}, n: '1' });
      expect(
        (await sql(`SELECT 1 FROM spaces.spaces WHERE organization_id = $1`, [other])).length,
      ).toBe(0);
    });

    it('refuses every route without a gateway token', async () => {
      for (const [method, path] of [
        ['get', '/'],
        ['get', '/component-types'],
        ['get', '/settings'],
        ['post', '/internal/spaces/authorize'],
      ] as const) {
        const r = await request(server)[method](path).set(IDENTITY_HEADER, 'forged');
        expect(r.status).toBe(401);
      }
      const ready = await request(server).get('/health/ready');
      expect(ready.body).toEqual({ status: 'ok', checks: { database: true, relay: true } });
    });
  });

  describe('announcing spaces to the services that keep a copy', () => {
    /** What spaces announced of a space, oldest first, once there are at least `n`. */
    const announced = (spaceId: string, n: number) =>
      until(`${n} announcements of ${spaceId}`, async () => {
        const events = (await shipped(Topics.SpacesSpaceChangedV1)).filter(
          (e) => e.key === spaceId,
        );
        return events.length >= n && events;
      });
    const decoded = (events: Shipped[]) =>
      events.map((e) => decodeEvent(Topics.SpacesSpaceChangedV1, e.payload));

    it('announces a space when it is created, edited, published and unpublished, and only then', async () => {
      const s = await createSpace(
        { kind: 'assembly', area: { fr: 'Quartier nord', en: '' }, welcome: { fr: 'Bienvenue' } },
        false,
      );
      const [created] = await announced(s.id, 1);
      expect(created.headers).toMatchObject({
        [EventHeaders.tenantId]: org,
        [EventHeaders.schema]: 'palabre.spaces.v1.SpaceChanged',
      });
      expect(decoded([created])[0]).toMatchObject({
        spaceId: s.id,
        organizationId: org,
        slug: s.slug,
        title: { fr: expect.stringMatching(/^Espace/), en: expect.stringMatching(/^Space/) },
        area: { fr: 'Quartier nord' },
        state: 'draft',
        private: false,
        kind: 'assembly',
      });

      const ok = (r: { status: number }) => expect(r.status).toBe(200);
      const slug = `${s.slug}-renamed`;
      ok(
        await api('patch', `/${s.id}`, orgAdmin, { title: { fr: 'Conseil' }, slug, private: true }),
      );
      ok(await api('post', `/${s.id}/publish`, orgAdmin));
      // Everyone reads a transparent space: it is not private to the services that list content.
      ok(await api('patch', `/${s.id}`, orgAdmin, { transparent: true, area: { fr: '' } }));
      // A refused change is not announced: the event is in the transaction that failed.
      const taken = await createSpace({}, false);
      expect((await api('patch', `/${s.id}`, orgAdmin, { slug: taken.slug })).status).toBe(409);
      ok(await api('post', `/${s.id}/unpublish`, orgAdmin));

      const events = decoded(await announced(s.id, 5));
      expect(events.map((e) => [e.state, e.private, e.slug, e.title, e.area])).toEqual([
        ['draft', false, s.slug, expect.anything(), { fr: 'Quartier nord' }],
        ['draft', true, slug, { fr: 'Conseil' }, { fr: 'Quartier nord' }],
        ['published', true, slug, { fr: 'Conseil' }, { fr: 'Quartier nord' }],
        ['published', false, slug, { fr: 'Conseil' }, {}],
        ['draft', false, slug, { fr: 'Conseil' }, {}],
      ]);
      // Each later than the one before: a copy keeps the newest.
      const times = events.map((e) => e.changedAt);
      expect(times.every((t) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/.test(t))).toBe(true);
      for (let i = 1; i < times.length; i++) expect(times[i] > times[i - 1]).toBe(true);
    });

    it('announces once, on upgrade, the spaces created before announcements existed', async () => {
      const before = randomUUID();
      await sql(
        `INSERT INTO spaces.spaces (id, organization_id, kind, slug, reference, state, private, transparent,
           title, area, updated_at)
         VALUES ($1, $2, 'process', $3, $3, 'published', true, false,
           '{"fr": "Budget 2025", "en": null}', '{"fr": "Nord", "en": " "}', '2025-06-01T08:00:00.123456Z')`,
        [before, org, `before-${before.slice(0, 8)}`],
      );
      const q = booted.service.runtime.dataSource.createQueryRunner();
      try {
        await new AnnounceSpaces1796000020000().up(q);
      } finally {
        await q.release();
      }
      const [e] = await announced(before, 1);
      expect(e.headers[EventHeaders.eventId]).toMatch(/^[0-9a-f-]{36}$/);
      expect(e.headers[EventHeaders.tenantId]).toBe(org);
      expect(decoded([e])[0]).toMatchObject({
        spaceId: before,
        organizationId: org,
        slug: `before-${before.slice(0, 8)}`,
        title: { fr: 'Budget 2025' },
        area: { fr: 'Nord' },
        state: 'published',
        private: true,
        kind: 'process',
        changedAt: '2025-06-01T08:00:00.123456Z',
      });
    });
  });

  describe('demo content', () => {
    it('seeds a participatory budget and a neighbourhood council for the localhost organization', async () => {
      const demo = randomUUID();
      await booted.bus.transport.send([
        {
          id: randomUUID(),
          topic: Topics.IdentityOrganizationCreatedV1,
          key: demo,
          headers: { [EventHeaders.tenantId]: demo },
          payload: {
            organizationId: demo,
            name: 'Demo',
            hosts: ['localhost'],
            defaultLocale: 'fr',
          },
        },
      ]);
      const visitor: InternalIdentity = { organizationId: demo, grants: [] };
      const year = new Date().getFullYear();
      const budget = await until('the demo budget', async () => {
        const r = await api('get', `/budget-participatif-${year}`, visitor);
        return r.status === 200 && r.body;
      });
      expect(budget.title.fr).toBe(`Budget participatif ${year}`);
      expect(budget.reference).toMatch(/^demo-PART-\d{4}-\d{2}-1$/);
      expect(budget.phases.map((p: { title: { en: string } }) => p.title.en)).toEqual([
        'Information',
        'Idea box',
        'Analysis',
        'Vote',
        'Results',
      ]);
      expect(budget.activePhase.title.en).toBe('Idea box');
      // Its dates are the seed day's: the current phase is open today, the others around it.
      const today = new Date().toISOString().slice(0, 10);
      const active = budget.phases[1] as { startsOn: string; endsOn: string };
      expect(active.startsOn <= today && today <= active.endsOn).toBe(true);
      const ends = budget.phases.map((p: { endsOn: string }) => p.endsOn);
      expect(ends).toEqual([...ends].sort());
      expect(ends[0] < today && today < budget.phases[2].startsOn).toBe(true);
      expect(budget.components.map((c: { type: string }) => c.type)).toEqual([
        'proposals',
        'budgets',
        'meetings',
        'sortitions',
      ]);
      const effective = await api(
        'get',
        `/${budget.id}/components/${budget.components[0].id}/effective`,
        visitor,
      );
      expect(effective.body.settings.creation_enabled).toBe(true);
      const list = await api('get', '/?type=assembly', visitor);
      expect(list.body.items).toEqual([
        expect.objectContaining({
          slug: 'conseil-de-quartier',
          title: expect.objectContaining({ fr: 'Conseil de quartier' }),
        }),
      ]);
      // Proposals, budgeting and meetings learn the demo components from the same event as any other.
      const ids = budget.components.map((c: { id: string }) => c.id);
      const announced = await until('the demo components announced', async () => {
        const events = (await shipped(Topics.SpacesComponentSettingsChangedV1)).filter(
          (e) => ids.includes(e.key) && e.payload.cause === 'demo',
        );
        return events.length === ids.length && events;
      });
      expect(announced.map((e) => e.payload.componentType).sort()).toEqual([
        'budgets',
        'meetings',
        'proposals',
        'sortitions',
      ]);
      // And the services that keep a copy of spaces learn both spaces, published.
      const spaces = await until('the demo spaces announced', async () => {
        const events = (await shipped(Topics.SpacesSpaceChangedV1)).filter(
          (e) => e.payload.organizationId === demo,
        );
        return (
          events.some(
            (e) => e.payload.slug === 'conseil-de-quartier' && e.payload.state === 'published',
          ) && events
        );
      });
      const last = new Map(spaces.map((e) => [e.payload.slug, e.payload.state]));
      expect(Object.fromEntries(last)).toEqual({
        [`budget-participatif-${year}`]: 'published',
        'conseil-de-quartier': 'published',
      });
    });
  });
});
