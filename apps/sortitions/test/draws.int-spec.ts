import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { generateIdentityKeys, IDENTITY_HEADER, type InternalIdentity } from '@palabre/auth';
import { EventBus, PostgresTransport } from '@palabre/messaging';
import type { Database } from '@palabre/persistence';
import { createServiceApp, type ServiceApp } from '@palabre/service-kit';
import { loadServiceDefinition, testDatabaseTargets, testLogger, until } from '@palabre/testing';
import { verify, type PublishedDraw } from '../src/draws/draw-core';
import { PoolRetentionJob } from '../src/maintenance/pool-retention.job';
import { sortitionsService } from '../src/sortitions.definition';

/** 40 volunteers: 20 F / 20 M, ages in two bands. */
const POOL = [
  'id,genre,age',
  ...Array.from(
    { length: 40 },
    (_, i) =>
      `v${String(i + 1).padStart(2, '0')},${i % 2 ? 'F' : 'M'},${i % 4 < 2 ? 'jeune' : 'senior'}`,
  ),
].join('\n');
const QUOTAS = [
  { category: 'genre', value: 'F', min: 3, max: 3 },
  { category: 'genre', value: 'M', min: 3, max: 3 },
  { category: 'age', value: 'jeune', share: 0.5 },
  { category: 'age', value: 'senior', share: 0.5 },
];

describe.each(testDatabaseTargets())('sortitions on $name', (target) => {
  let db: Database;
  let bus: EventBus;
  let spaces: ServiceApp;
  let proposals: ServiceApp;
  let sortitions: ServiceApp;
  const servers: Server[] = [];
  const keys = generateIdentityKeys();
  const env: NodeJS.ProcessEnv = { ...process.env };
  const org = randomUUID();
  const orgAdmin: InternalIdentity = {
    organizationId: org,
    userId: randomUUID(),
    grants: [{ role: 'org-admin' }],
  };
  const anonymous: InternalIdentity = { organizationId: org, grants: [] };
  const person: InternalIdentity = { organizationId: org, userId: randomUUID(), grants: [] };

  type Method = 'get' | 'post' | 'patch';
  const call = (
    app: ServiceApp,
    method: Method,
    path: string,
    who: InternalIdentity,
    body?: object,
  ) => {
    const r = request(app.app.getHttpServer())
      [method](path)
      .set(IDENTITY_HEADER, keys.issuer.issue(who, app.definition.name));
    return body === undefined ? r : r.send(body);
  };
  const api = (method: Method, path: string, who: InternalIdentity, body?: object) =>
    call(sortitions, method, path, who, body);
  const sp = (method: Method, path: string, who: InternalIdentity, body?: object) =>
    call(spaces, method, path, who, body);
  const sql = <T = Record<string, unknown>>(q: string, p?: unknown[]) => db.query<T>(q, p);

  const listen = async (app: ServiceApp) => {
    const s = createServer(app.handler);
    servers.push(s);
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
  };

  let space: string;
  let component: string;
  let ideas: string;
  const proposalIds: string[] = [];

  beforeAll(async () => {
    db = await target.open();
    for (const schema of ['spaces', 'proposals', 'sortitions'])
      await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    bus = new EventBus(db, new PostgresTransport(db, { pollIntervalMs: 50 }), {
      pollIntervalMs: 50,
    });
    const deps = { db, bus, logger: testLogger(), env, embedded: false };
    spaces = await createServiceApp(await loadServiceDefinition('spaces'), {
      ...deps,
      verifier: keys.verifierFor('spaces'),
    });
    env.SERVICE_URL_SPACES = await listen(spaces);
    proposals = await createServiceApp(await loadServiceDefinition('proposals'), {
      ...deps,
      verifier: keys.verifierFor('proposals'),
    });
    env.SERVICE_URL_PROPOSALS = await listen(proposals);
    sortitions = await createServiceApp(sortitionsService, {
      ...deps,
      verifier: keys.verifierFor('sortitions'),
    });
    await until('the sortitions type in spaces', async () => {
      const r = await sp('get', '/component-types', orgAdmin);
      return r.body.items?.find((t: { type: string }) => t.type === 'sortitions');
    });
    const s = await sp('post', '/', orgAdmin, {
      kind: 'assembly',
      slug: `tirages-${randomUUID().slice(0, 6)}`,
      title: { fr: 'Assemblée' },
    });
    space = s.body.id;
    expect((await sp('post', `/${space}/publish`, orgAdmin)).status).toBe(200);
    const c = await sp('post', `/${space}/components`, orgAdmin, {
      type: 'sortitions',
      name: { fr: 'Tirages' },
    });
    component = c.body.id;
    const p = await sp('post', `/${space}/components`, orgAdmin, {
      type: 'proposals',
      name: { fr: 'Idées' },
    });
    ideas = p.body.id;
    await until('the components known', async () => {
      const [a] = await sql(`SELECT 1 FROM sortitions.components WHERE component_id = $1`, [
        component,
      ]);
      const [b] = await sql(`SELECT 1 FROM proposals.components WHERE component_id = $1`, [ideas]);
      return !!a && !!b;
    });
    // Proposals: six published, one withdrawn, one hidden, one rejected, one of another area.
    const insert = async (title: string, extra: string, area: string | null = 'Nord') => {
      const [row] = await sql<{ id: string }>(
        `INSERT INTO proposals.proposals (organization_id, space_id, component_id, created_by, author_name, title, body, area, published_at ${extra ? `, ${extra.split('=')[0]}` : ''})
         VALUES ($1, $2, $3, $4, 'Camille', $5, 'Texte', $6, now() - interval '1 hour' ${extra ? `, ${extra.split('=')[1]}` : ''}) RETURNING id`,
        [org, space, ideas, randomUUID(), title, area],
      );
      return row.id;
    };
    for (let i = 1; i <= 6; i++) proposalIds.push(await insert(`Idée ${i}`, ''));
    await insert('Retirée', 'withdrawn_at=now()');
    await insert('Masquée', 'hidden_at=now()');
    await insert('Rejetée', "state='rejected'");
    await insert('Au sud', '', 'Sud');
  }, 90_000);
  afterAll(async () => {
    for (const s of servers) s.close();
    await sortitions?.close();
    await proposals?.close();
    await spaces?.close();
    await bus?.stop();
    await db?.close();
  });

  it('draws proposals among the published ones of an area, once, and anyone re-runs it', async () => {
    const prepared = await api('post', `/components/${component}/draws/proposals`, orgAdmin, {
      title: { fr: 'Tirage des idées' },
      proposalsComponentId: ideas,
      area: 'Nord',
      count: 3,
      revealAt: '2027-03-12T17:00:00Z',
    });
    expect(prepared.status).toBe(201);
    expect(prepared.body).toMatchObject({
      kind: 'proposals',
      state: 'prepared',
      count: 3,
      among: 6,
    });
    expect(prepared.body.commitment).toMatch(/^[0-9a-f]{64}$/);
    const id = prepared.body.id as string;
    // Before the draw: the commitment and the candidates, no result.
    const before = await api('get', `/draws/${id}/draw.json`, anonymous);
    expect(before.body.inputs.candidates.sort()).toEqual([...proposalIds].sort());
    expect(before.body.result).toBeUndefined();
    expect(
      (await api('post', `/draws/${id}/draw`, person, { publicNumbers: '1 2 3' })).status,
    ).toBe(403);
    const both = await Promise.all([
      api('post', `/draws/${id}/draw`, orgAdmin, {
        publicNumbers: 'Dés : 4 2 6',
        witnesses: 'M. Diallo',
      }),
      api('post', `/draws/${id}/draw`, orgAdmin, { publicNumbers: 'Dés : 1 1 1' }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    const drawn = await api('get', `/draws/${id}`, anonymous);
    expect(drawn.body.state).toBe('drawn');
    expect(drawn.body.selectedProposals).toHaveLength(3);
    for (const p of drawn.body.selectedProposals) expect(proposalIds).toContain(p.id);
    const published = (await api('get', `/draws/${id}/draw.json`, anonymous)).body as PublishedDraw;
    expect(verify(published)).toMatchObject({ ok: true, problems: [] });
    expect(verify({ ...published, publicNumbers: 'Dés : 4 2 5' }).ok).toBe(false);
    // Never again; cancelled with a reason, it stays on the page.
    expect(
      (await api('post', `/draws/${id}/draw`, orgAdmin, { publicNumbers: 'x' })).body.code,
    ).toBe('WRONG_STATE');
    const cancelled = await api('post', `/draws/${id}/cancel`, orgAdmin, {
      reason: 'Erreur de liste',
    });
    expect(cancelled.body).toMatchObject({ state: 'cancelled', cancelReason: 'Erreur de liste' });
    expect(
      (await api('get', `/components/${component}/draws`, anonymous)).body.items.map(
        (d: { id: string }) => d.id,
      ),
    ).toContain(id);
  });

  it('refuses a proposals component of elsewhere or empty', async () => {
    const r = await api('post', `/components/${component}/draws/proposals`, orgAdmin, {
      title: { fr: 'Vide' },
      proposalsComponentId: ideas,
      area: 'Ouest',
      count: 1,
    });
    expect(r.status).toBe(400);
    expect(r.body.errors[0].field).toBe('proposalsComponentId');
    const unknown = await api('post', `/components/${component}/draws/proposals`, orgAdmin, {
      title: { fr: 'Inconnu' },
      proposalsComponentId: randomUUID(),
      count: 1,
    });
    expect(unknown.status).toBe(400);
  });

  it('draws a panel that meets every quota, publishes each group’s probability, and re-runs', async () => {
    const r = await api('post', `/components/${component}/draws/panel`, orgAdmin, {
      title: { fr: 'Panel' },
      size: 6,
      quotas: QUOTAS,
      pool: POOL,
    });
    expect(r.status).toBe(201);
    expect(r.body.panel.groups).toHaveLength(4);
    expect(r.body.panel.uniform).toBeCloseTo(6 / 40);
    expect(r.body.panel.minProbability).toBeGreaterThan(0);
    expect(r.body.panel.minProbability).toBeLessThanOrEqual(r.body.panel.uniform + 1e-9);
    const id = r.body.id as string;
    const drawn = await api('post', `/draws/${id}/draw`, orgAdmin, {
      publicNumbers: 'Loto : 7 12 25 31 44',
    });
    expect(drawn.status).toBe(200);
    const members: string[] = drawn.body.panel.selected;
    expect(members).toHaveLength(6);
    const row = (id: string) =>
      POOL.split('\n')
        .find((l) => l.startsWith(`${id},`))
        ?.split(',') ?? [];
    expect(members.filter((m) => row(m)[1] === 'F')).toHaveLength(3);
    expect(members.filter((m) => row(m)[2] === 'jeune')).toHaveLength(3);
    const published = (await api('get', `/draws/${id}/draw.json`, anonymous)).body as PublishedDraw;
    expect(verify(published).ok).toBe(true);
    // Its administrators download the pool as it was read; nobody else.
    const csv = await api('get', `/draws/${id}/pool.csv`, orgAdmin);
    expect(csv.status).toBe(200);
    expect(csv.text.split('\r\n')[0]).toBe('id,genre,age');
    expect(csv.text.trim().split('\r\n')).toHaveLength(41);
    expect((await api('get', `/draws/${id}/pool.csv`, person)).status).toBe(403);
    // The pool goes after its retention; the draw keeps its commitment and result.
    await sql(
      `UPDATE sortitions.pools SET delete_after = now() - interval '1 minute' WHERE draw_id = $1`,
      [id],
    );
    await sortitions.app.get(PoolRetentionJob).sweep();
    const after = await api('get', `/draws/${id}`, anonymous);
    expect(after.body.panel.poolDeletedAt).not.toBeNull();
    expect(after.body.panel.selected).toEqual(members);
    expect((await api('get', `/draws/${id}/draw.json`, anonymous)).body.poolDeleted).toBe(true);
  });

  it('says which line of a pool is wrong, and which category no panel can meet', async () => {
    const bad = async (pool: string) => {
      const r = await api('post', `/components/${component}/draws/panel`, orgAdmin, {
        title: { fr: 'Panel' },
        size: 6,
        quotas: QUOTAS,
        pool,
      });
      expect(r.status).toBe(400);
      return r.body.errors[0] as { field: string; message: string; line: number };
    };
    expect(await bad(`${POOL}\nv01,F,jeune`)).toMatchObject({ field: 'pool', line: 42 });
    expect((await bad(POOL.replace('v03,M,senior', 'v03,X,senior'))).line).toBe(4);
    expect((await bad(POOL.replace('v05,M,jeune', 'v05,M,jeune\ufffd'))).message).toContain(
      'UTF-8',
    );
    const infeasible = await api('post', `/components/${component}/draws/panel`, orgAdmin, {
      title: { fr: 'Panel' },
      size: 6,
      quotas: [
        { category: 'genre', value: 'F', min: 5, max: 6 },
        { category: 'genre', value: 'M', min: 3, max: 3 },
        { category: 'age', value: 'jeune', min: 0, max: 6 },
        { category: 'age', value: 'senior', min: 0, max: 6 },
      ],
      pool: POOL,
    });
    expect(infeasible.status).toBe(422);
    expect(infeasible.body).toMatchObject({ code: 'QUOTAS_INFEASIBLE', category: 'genre' });
  });

  it('keeps organizations apart', async () => {
    const [d] = await sql<{ id: string }>(`SELECT id FROM sortitions.draws LIMIT 1`);
    const stranger: InternalIdentity = {
      organizationId: randomUUID(),
      userId: randomUUID(),
      grants: [{ role: 'org-admin' }],
    };
    expect((await api('get', `/draws/${d.id}`, stranger)).status).toBe(404);
    expect((await api('get', `/draws/${d.id}/draw.json`, stranger)).status).toBe(404);
    expect((await api('post', `/draws/${d.id}/cancel`, stranger, { reason: 'x' })).status).toBe(
      404,
    );
  });
});
