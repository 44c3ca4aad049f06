import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { generateIdentityKeys, IDENTITY_HEADER, type InternalIdentity } from '@palabre/auth';
import { Topics, type ProposalAcceptedForBudgetJson } from '@palabre/contracts';
import { createMessagingTables, EventBus, PostgresTransport, publish } from '@palabre/messaging';
import type { Database } from '@palabre/persistence';
import { createServiceApp, DATA_SOURCE, type ServiceApp } from '@palabre/service-kit';
import { loadServiceDefinition, testDatabaseTargets, testLogger, until } from '@palabre/testing';
import type { HttpException } from '@nestjs/common';
import { budgetingService } from '../src/budgeting.definition';
import { BudgetsRepository } from '../src/budgets/budgets.repository';
import { ComponentAccess } from '../src/components/component-access';
import {
  CheckoutWriter,
  type CheckoutOp,
  type CheckoutOutcome,
} from '../src/orders/checkout-writer';

/** The real spaces service (loaded by path as the gateway discovers services): votes are
 * authorized by spaces' POST /internal/spaces/authorize and settings arrive through its events. */

const EUR = 100;
const STUB = 'proposals_stub';

describe.each(testDatabaseTargets())('budgeting on $name', (target) => {
  let db: Database;
  let bus: EventBus;
  let spaces: ServiceApp;
  let budgeting: ServiceApp;
  let loopback: Server;
  let stub: DataSource;
  const keys = generateIdentityKeys();
  const env: NodeJS.ProcessEnv = { ...process.env, SPACES_PHASE_INTERVAL_MS: '0' };
  const org = randomUUID();
  const other = randomUUID();
  const orgAdmin: InternalIdentity = {
    organizationId: org,
    userId: randomUUID(),
    grants: [{ role: 'org-admin' }],
  };
  const otherAdmin: InternalIdentity = {
    organizationId: other,
    userId: randomUUID(),
    grants: [{ role: 'org-admin' }],
  };
  const anonymous: InternalIdentity = { organizationId: org, grants: [] };
  const account: InternalIdentity = { organizationId: org, userId: randomUUID(), grants: [] };
  const voter = (key = randomUUID()): InternalIdentity => ({
    organizationId: org,
    signerKey: `sk-${key}`,
    grants: [],
  });

  const call = async (
    app: ServiceApp,
    method: 'get' | 'post' | 'patch' | 'put' | 'delete',
    path: string,
    who: InternalIdentity,
    body?: object,
    headers: Record<string, string> = {},
  ) => {
    const r = request(app.app.getHttpServer())
      [method](path)
      .set(IDENTITY_HEADER, keys.issuer.issue(who, app.definition.name))
      .set(headers);
    return body === undefined ? r : r.send(body);
  };
  const api = (
    method: 'get' | 'post' | 'patch' | 'put' | 'delete',
    path: string,
    who: InternalIdentity,
    body?: object,
    headers?: Record<string, string>,
  ) => call(budgeting, method, path, who, body, headers);
  const sp = (
    method: 'get' | 'post' | 'patch' | 'put' | 'delete',
    path: string,
    who: InternalIdentity,
    body?: object,
  ) => call(spaces, method, path, who, body);
  const sql = <T = Record<string, unknown>>(q: string, p?: unknown[]) => db.query<T>(q, p);

  /** A published process with Proposals / Vote / Results phases and a budgets component. */
  interface Space {
    spaceId: string;
    componentId: string;
    phases: string[];
  }
  let seq = 0;
  const createComponent = async (settings: Record<string, unknown> = {}): Promise<Space> => {
    const s = await sp('post', '/', orgAdmin, {
      kind: 'process',
      slug: `budget-${++seq}-${randomUUID().slice(0, 6)}`,
      title: { fr: `Budget ${seq}`, en: `Budget ${seq}` },
    });
    expect(s.status).toBe(201);
    expect((await sp('post', `/${s.body.id}/publish`, orgAdmin)).status).toBe(200);
    const phases: string[] = [];
    for (const en of ['Ideas', 'Vote', 'Results']) {
      const p = await sp('post', `/${s.body.id}/phases`, orgAdmin, { title: { en, fr: en } });
      expect(p.status).toBe(201);
      phases.push(p.body.id);
    }
    const c = await sp('post', `/${s.body.id}/components`, orgAdmin, {
      type: 'budgets',
      name: { fr: 'Vote', en: 'Vote' },
      settings,
    });
    expect(c.status).toBe(201);
    const set = async (i: number, values: object) =>
      expect(
        (
          await sp(
            'patch',
            `/${s.body.id}/components/${c.body.id}/phases/${phases[i]}/settings`,
            orgAdmin,
            { settings: values },
          )
        ).status,
      ).toBe(200);
    await set(1, { votes_enabled: true });
    await set(2, { show_results: true });
    const perm = await sp(
      'put',
      `/${s.body.id}/components/${c.body.id}/permissions/vote`,
      orgAdmin,
      {
        verification: 'franceconnect',
      },
    );
    expect(perm.status).toBe(200);
    return { spaceId: s.body.id, componentId: c.body.id, phases };
  };
  /** Switches the phase and waits until budgeting's copy of the settings follows. */
  const activate = async (s: Space, phase: number) => {
    expect(
      (await sp('post', `/${s.spaceId}/phases/${s.phases[phase]}/activate`, orgAdmin)).status,
    ).toBe(200);
    await until(`phase ${phase} in budgeting`, async () => {
      const [r] = await sql<{ active_phase_id: string }>(
        `SELECT active_phase_id FROM budgeting.components WHERE component_id = $1`,
        [s.componentId],
      );
      return r?.active_phase_id === s.phases[phase];
    });
    await new Promise((r) => setTimeout(r, 1_100)); // local caches (1 s)
  };
  const known = (componentId: string) =>
    until('the component in budgeting', async () => {
      const [r] = await sql(`SELECT 1 FROM budgeting.components WHERE component_id = $1`, [
        componentId,
      ]);
      return r;
    });
  const createBudget = async (componentId: string, body: object) => {
    const r = await api('post', `/components/${componentId}/budgets`, orgAdmin, {
      title: { fr: 'Quartier Nord' },
      ...body,
    });
    expect(r.status).toBe(201);
    return r.body as { id: string };
  };
  const createProject = async (budgetId: string, title: string, euros: number) => {
    const r = await api('post', `/budgets/${budgetId}/projects`, orgAdmin, {
      title: { fr: title },
      amountCents: euros * EUR,
    });
    expect(r.status).toBe(201);
    return r.body.id as string;
  };
  const checkout = (budgetId: string, who: InternalIdentity, projectIds?: string[], extra = {}) =>
    api('post', `/budgets/${budgetId}/order/checkout`, who, { projectIds, ...extra });
  const results = async (budgetId: string, who = orgAdmin) =>
    (await api('get', `/budgets/${budgetId}/results`, who)).body as {
      projects: { id: string; outcome: string; votes: { online: number; paper: number } }[];
      onlineOrders: number;
      paperBallots: number;
    };
  const shipped = (topic: string) =>
    sql<{ payload: Record<string, unknown>; headers: Record<string, string> }>(
      `SELECT payload, headers FROM palabre_bus.events WHERE topic = $1 ORDER BY partition, seq`,
      [topic],
    );

  beforeAll(async () => {
    db = await target.open();
    for (const schema of ['spaces', 'budgeting', STUB])
      await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    bus = new EventBus(db, new PostgresTransport(db, { pollIntervalMs: 50 }), {
      pollIntervalMs: 50,
    });
    const deps = { db, bus, logger: testLogger(), env, embedded: false };
    spaces = await createServiceApp(await loadServiceDefinition('spaces'), {
      ...deps,
      verifier: keys.verifierFor('spaces'),
    });
    budgeting = await createServiceApp(budgetingService, {
      ...deps,
      verifier: keys.verifierFor('budgeting'),
    });
    loopback = createServer(spaces.handler);
    await new Promise<void>((r) => loopback.listen(0, '127.0.0.1', r));
    env.SERVICE_URL_SPACES = `http://127.0.0.1:${(loopback.address() as AddressInfo).port}`;
    await db.query(`CREATE SCHEMA ${STUB}`);
    stub = db.dataSource({ schema: STUB });
    await stub.initialize();
    const qr = stub.createQueryRunner();
    await createMessagingTables(qr, STUB);
    await qr.release();
    await bus.relay(stub, STUB);
    await until('the budgets type in spaces', async () => {
      const r = await sp('get', '/component-types', orgAdmin);
      return r.body.items?.find((t: { type: string }) => t.type === 'budgets');
    });
  }, 60_000);
  afterAll(async () => {
    loopback?.close();
    await budgeting?.close();
    await spaces?.close();
    await stub?.destroy();
    await bus?.stop();
    await db?.close();
  });

  it('registers the budgets type with spaces: settings, phase settings, the vote action', async () => {
    const r = await sp('get', '/component-types', orgAdmin);
    const t = r.body.items.find((x: { type: string }) => x.type === 'budgets');
    expect(t.service).toBe('budgeting');
    expect(JSON.stringify(t)).toContain('workflow');
    expect(JSON.stringify(t)).toContain('show_results');
    expect(t.actions).toEqual([
      expect.objectContaining({ name: 'vote', enabledBy: 'votes_enabled' }),
    ]);
  });

  describe('budgets and projects', () => {
    let s: Space;
    beforeAll(async () => {
      s = await createComponent();
      await known(s.componentId);
    });

    it('lets a space admin create budgets and projects, refusing bad input by field', async () => {
      const invalid = await api('post', `/components/${s.componentId}/budgets`, orgAdmin, {
        title: '',
        envelopeCents: -5,
        rule: 'lottery',
        extra: 1,
      });
      expect(invalid.status).toBe(400);
      expect(invalid.body.errors.map((e: { field: string }) => e.field)).toEqual(
        expect.arrayContaining(['title', 'envelopeCents', 'rule', 'extra']),
      );
      const noPercent = await api('post', `/components/${s.componentId}/budgets`, orgAdmin, {
        title: { fr: 'Nord' },
        envelopeCents: 1000,
        rule: 'minimum',
      });
      expect(noPercent.status).toBe(400);
      expect(noPercent.body.errors[0].field).toBe('minimumPercent');
      const range = await api('post', `/components/${s.componentId}/budgets`, orgAdmin, {
        title: { fr: 'Nord' },
        envelopeCents: 1000,
        rule: 'projects_range',
        minimumProjects: 3,
        maximumProjects: 2,
      });
      expect(range.status).toBe(400);
      expect(range.body.errors[0].field).toBe('maximumProjects');
      for (const who of [account, anonymous, voter()])
        expect(
          (
            await api('post', `/components/${s.componentId}/budgets`, who, {
              title: { fr: 'Nord' },
              envelopeCents: 1000,
              rule: 'minimum',
              minimumPercent: 50,
            })
          ).status,
        ).toBe(403);
      const spaceAdmin: InternalIdentity = {
        organizationId: org,
        userId: randomUUID(),
        grants: [{ role: 'space-admin', spaceId: s.spaceId }],
      };
      const b = await api('post', `/components/${s.componentId}/budgets`, spaceAdmin, {
        title: { fr: 'Quartier Sud' },
        envelopeCents: 100_000 * EUR,
        area: 'Sud',
        rule: 'minimum_projects',
        minimumProjects: 3,
      });
      expect(b.status).toBe(201);
      expect(b.body.rule.description).toBe(
        'Select at least 3 projects within the €100,000 envelope',
      );
      const otherSpaceAdmin = {
        ...spaceAdmin,
        grants: [{ role: 'space-admin' as const, spaceId: randomUUID() }],
      };
      expect(
        (
          await api('post', `/budgets/${b.body.id}/projects`, otherSpaceAdmin, {
            title: { fr: 'Abc' },
            amountCents: 1,
          })
        ).status,
      ).toBe(403);
      const badProject = await api('post', `/budgets/${b.body.id}/projects`, orgAdmin, {
        title: { fr: 'Un banc' },
        amountCents: 1.5,
        imageUrls: ['javascript:alert(1)'],
        latitude: 91,
      });
      expect(badProject.status).toBe(400);
      expect(badProject.body.errors.map((e: { field: string }) => e.field)).toEqual(
        expect.arrayContaining(['amountCents', 'imageUrls', 'latitude']),
      );
      const p = await api('post', `/budgets/${b.body.id}/projects`, orgAdmin, {
        title: { fr: 'Un banc au square' },
        description: { fr: 'Deux bancs à l’ombre.' },
        amountCents: 2_500 * EUR,
        area: 'Sud',
        imageUrls: ['https://example.org/banc.jpg'],
        latitude: 47.9,
        longitude: 1.9,
        proposalIds: [randomUUID()],
      });
      expect(p.status).toBe(201);
      expect(p.body).toMatchObject({
        title: { fr: 'Un banc au square' },
        description: { fr: 'Deux bancs à l’ombre.' },
        state: 'published',
        amountCents: 250_000,
        location: { latitude: 47.9, longitude: 1.9 },
      });
      const edited = await api('patch', `/projects/${p.body.id}`, orgAdmin, {
        amountCents: 3_000 * EUR,
      });
      expect(edited.body.amountCents).toBe(300_000);

      // Texts per language (ADR 0033): a plain string, another language, too long, or a title
      // blank in every language are refused by field; languages are stored trimmed.
      for (const [body, field] of [
        [{ title: 'Un banc' }, 'title'],
        [{ title: { de: 'Eine Bank' } }, 'title'],
        [{ title: { fr: 'x'.repeat(201) } }, 'title.fr'],
        [{ description: { en: 'x'.repeat(20_001) } }, 'description.en'],
        [{ title: { fr: '  ', en: '' } }, 'title'],
      ] as const) {
        const bad = await api('patch', `/projects/${p.body.id}`, orgAdmin, body);
        expect(bad.status).toBe(400);
        const fields: string[] = bad.body.errors.map((e: { field: string }) => e.field);
        expect(fields.some((f) => f.startsWith(field))).toBe(true);
      }
      const blank = await api('post', `/budgets/${b.body.id}/projects`, orgAdmin, {
        title: { fr: ' ', en: '' },
        amountCents: 1,
      });
      expect(blank.status).toBe(400);
      expect(blank.body.errors).toEqual([
        expect.objectContaining({ field: 'title', rule: 'isNotEmpty' }),
      ]);
      const english = await api('patch', `/projects/${p.body.id}`, orgAdmin, {
        title: { fr: ' Un banc au square ', en: ' A bench in the square ' },
        description: { fr: '', en: 'Two benches in the shade.' },
      });
      expect(english.status).toBe(200);
      expect(english.body).toMatchObject({
        title: { fr: 'Un banc au square', en: 'A bench in the square' },
        description: { en: 'Two benches in the shade.' },
      });
      expect(english.body.description).not.toHaveProperty('fr');
      const budgetEn = await api('patch', `/budgets/${b.body.id}`, orgAdmin, {
        title: { en: 'South district' },
      });
      expect(budgetEn.status).toBe(200);
      expect(budgetEn.body.title).toEqual({ en: 'South district' });
      const budgetBlank = await api('patch', `/budgets/${b.body.id}`, orgAdmin, {
        title: { en: ' ' },
      });
      expect(budgetBlank.status).toBe(400);
      expect(budgetBlank.body.errors[0]).toMatchObject({ field: 'title', rule: 'isNotEmpty' });

      const list = await api('get', `/budgets/${b.body.id}/projects`, anonymous);
      expect(list.status).toBe(200);
      expect(list.headers['cache-control']).toBe('public, max-age=2, stale-while-revalidate=30');
      expect(list.body.items).toHaveLength(1);
      expect(list.body.votesShown).toBe(false);
      expect(list.body.items[0].votes).toBeNull();
      const again = await api('get', `/budgets/${b.body.id}/projects`, anonymous, undefined, {
        'if-none-match': list.headers.etag,
      });
      expect(again.status).toBe(304);
      const budgets = await api('get', `/components/${s.componentId}/budgets`, anonymous);
      expect(budgets.status).toBe(200);
      expect(budgets.headers.etag).toBeDefined();
      expect(budgets.body.component).toMatchObject({ workflow: 'all', votingOpen: false });
      expect(budgets.body.items.map((x: { id: string }) => x.id)).toContain(b.body.id);
      expect((await api('get', `/budgets/${randomUUID()}`, anonymous)).status).toBe(404);
      expect((await api('get', `/budgets/not-a-uuid/projects`, anonymous)).status).toBe(404);
    });

    it('keeps organizations apart', async () => {
      const b = await createBudget(s.componentId, {
        envelopeCents: 1000,
        rule: 'minimum',
        minimumPercent: 10,
      });
      const p = await createProject(b.id, 'Une table', 5);
      expect(
        (await api('get', `/budgets/${b.id}`, { ...anonymous, organizationId: other })).status,
      ).toBe(404);
      expect(
        (await api('get', `/projects/${p}`, { ...anonymous, organizationId: other })).status,
      ).toBe(404);
      expect(
        (await api('patch', `/budgets/${b.id}`, otherAdmin, { title: { fr: 'Pris' } })).status,
      ).toBe(404);
      expect(
        (
          await api('post', `/components/${s.componentId}/budgets`, otherAdmin, {
            title: { fr: 'Intrus' },
            envelopeCents: 1000,
            rule: 'minimum',
            minimumPercent: 10,
          })
        ).status,
      ).toBe(404);
      expect((await checkout(b.id, { ...voter(), organizationId: other }, [p])).status).toBe(404);
    });
  });

  describe('voting', () => {
    let s: Space;
    let minimum: { id: string };
    let fleury: { id: string };
    let range: { id: string };
    const m: string[] = [];
    const f: string[] = [];
    const r: string[] = [];

    beforeAll(async () => {
      s = await createComponent({ allow_cancel: false });
      await known(s.componentId);
      minimum = await createBudget(s.componentId, {
        title: { fr: 'Minimum' },
        envelopeCents: 100_000 * EUR,
        rule: 'minimum',
        minimumPercent: 70,
      });
      for (const [t, e] of [
        ['Parc', 40_000],
        ['Piste', 30_000],
        ['Fontaine', 20_000],
        ['Gymnase', 60_000],
      ] as const)
        m.push(await createProject(minimum.id, t, e));
      fleury = await createBudget(s.componentId, {
        title: { fr: 'Fleury' },
        envelopeCents: 100_000 * EUR,
        rule: 'minimum_projects',
        minimumProjects: 3,
      });
      for (const [t, e] of [
        ['Bancs', 10_000],
        ['Arbres', 20_000],
        ['Jeux', 30_000],
        ['Préau', 50_000],
      ] as const)
        f.push(await createProject(fleury.id, t, e));
      range = await createBudget(s.componentId, {
        title: { fr: 'Range' },
        envelopeCents: 10_000 * EUR,
        rule: 'projects_range',
        minimumProjects: 2,
        maximumProjects: 3,
      });
      for (const [t, e] of [
        ['Cher', 9_000],
        ['Très cher', 9_500],
        ['Encore', 8_000],
        ['Toujours', 7_000],
      ] as const)
        r.push(await createProject(range.id, t, e));
    });

    it('refuses votes outside the voting phase with 409, the reason and the phase in force', async () => {
      const closed = await checkout(fleury.id, voter(), f.slice(0, 3));
      expect(closed.status).toBe(409);
      expect(closed.body.code).toBe('VOTING_CLOSED');
      expect(closed.body.reason).toBe('PHASE_CLOSED');
      expect(closed.body.signIn).toBeUndefined();
      await activate(s, 0);
      const ideas = await api('put', `/budgets/${fleury.id}/order/projects/${f[0]}`, voter());
      expect(ideas.status).toBe(409);
      expect(ideas.body.phase).toEqual({
        id: s.phases[0],
        title: expect.objectContaining({ en: 'Ideas' }),
      });
      await activate(s, 1);
    });

    it('asks who votes: signed in, verified with FranceConnect; the refusal links to FranceConnect', async () => {
      const signIn = `/auth/franceconnect/login?mode=signer&returnTo=${encodeURIComponent(
        `/spaces/${s.spaceId}/budgets/${s.componentId}/${fleury.id}`,
      )}`;
      const anon = await checkout(fleury.id, anonymous, f.slice(0, 3));
      expect(anon.status).toBe(401);
      expect(anon.body).toMatchObject({ code: 'SIGN_IN_REQUIRED', signIn });
      const cart = await api('get', `/budgets/${fleury.id}/order`, anonymous);
      expect(cart.status).toBe(401);
      expect(cart.body.signIn).toBe(signIn);
      const unverified = await checkout(fleury.id, account, f.slice(0, 3));
      expect(unverified.status).toBe(403);
      expect(unverified.body.reason).toBe('NOT_VERIFIED');
      expect(unverified.body.signIn).toBe(signIn);
      // The public list says which identity a vote needs (spaces' permission, from its events).
      const list = await api('get', `/components/${s.componentId}/budgets`, anonymous);
      expect(list.body.component.whoMayVote).toEqual({
        identity: 'franceconnect',
        minimumAge: null,
        membersOnly: false,
      });
      const identified = await checkout(
        fleury.id,
        { ...account, userId: randomUUID(), identified: true },
        f.slice(0, 3),
      );
      expect(identified.status).toBe(201);
    });

    it('a youth vote from 16: a 16-year-old FranceConnect voter votes, a 15-year-old is refused, an account cannot prove an age', async () => {
      const permission = (body: object) =>
        sp('put', `/${s.spaceId}/components/${s.componentId}/permissions/vote`, orgAdmin, body);
      const whoMayVote = async () =>
        (await api('get', `/components/${s.componentId}/budgets`, anonymous)).body.component
          .whoMayVote as { minimumAge: number | null };
      expect((await permission({ verification: 'franceconnect', minimumAge: 16 })).status).toBe(
        200,
      );
      await until(
        'the minimum age in budgeting',
        async () => (await whoMayVote()).minimumAge === 16,
      );
      await new Promise((r) => setTimeout(r, 2_100)); // contexts reused for up to 2 s
      try {
        const young = await checkout(fleury.id, { ...voter(), age: 15 }, f.slice(0, 3));
        expect(young.status).toBe(403);
        expect(young.body.reason).toBe('TOO_YOUNG');
        expect(young.body.detail ?? young.body.message).toContain('16');
        const unprovable = await checkout(
          fleury.id,
          { ...account, userId: randomUUID(), identified: true },
          f.slice(0, 3),
        );
        expect(unprovable.status).toBe(403);
        expect(unprovable.body.reason).toBe('AGE_UNVERIFIABLE');
        const sixteen = await checkout(fleury.id, { ...voter(), age: 16 }, f.slice(0, 3));
        expect(sixteen.status).toBe(201);
        const adult = await checkout(fleury.id, { ...voter(), age: 18 }, f.slice(0, 3));
        expect(adult.status).toBe(201);
      } finally {
        expect((await permission({ verification: 'franceconnect' })).status).toBe(200);
        await until(
          'no minimum age in budgeting',
          async () => (await whoMayVote()).minimumAge === null,
        );
        await new Promise((r) => setTimeout(r, 2_100));
      }
    });

    it('rule "minimum": accepted between the percentage and the envelope, refused with the numbers', async () => {
      const under = await checkout(minimum.id, voter(), [m[1], m[2]]);
      expect(under.status).toBe(422);
      expect(under.body).toMatchObject({
        code: 'VOTE_RULE_BROKEN',
        totalCents: 50_000 * EUR,
        minimumCents: 70_000 * EUR,
        envelopeCents: 100_000 * EUR,
      });
      expect(under.body.detail).toContain('spend at least €70,000');
      expect(under.body.detail).toContain('€20,000 more');
      const over = await checkout(minimum.id, voter(), [m[0], m[3], m[2]]);
      expect(over.status).toBe(422);
      expect(over.body.code).toBe('OVER_ENVELOPE');
      expect(over.body.detail).toContain('€20,000 over the €100,000 envelope');
      expect(over.body.remainingCents).toBe(-20_000 * EUR);
      const ok = await checkout(minimum.id, voter(), [m[0], m[1]]);
      expect(ok.status).toBe(201);
      expect(ok.body).toMatchObject({ state: 'checked_out', totalCents: 70_000 * EUR });
    });

    it('rule "minimum projects" (Fleury: at least 3 within €100,000)', async () => {
      const few = await checkout(fleury.id, voter(), [f[0], f[1]]);
      expect(few.status).toBe(422);
      expect(few.body).toMatchObject({
        code: 'VOTE_RULE_BROKEN',
        selectedProjects: 2,
        minimumProjects: 3,
      });
      expect(few.body.detail).toContain('select at least 3 projects');
      const over = await checkout(fleury.id, voter(), f);
      expect(over.status).toBe(422);
      expect(over.body).toMatchObject({ code: 'OVER_ENVELOPE', totalCents: 110_000 * EUR });
      expect((await checkout(fleury.id, voter(), [f[0], f[1], f[2]])).status).toBe(201);
    });

    it('rule "projects range": between N and M projects, amounts ignored', async () => {
      const one = await checkout(range.id, voter(), [r[0]]);
      expect(one.status).toBe(422);
      expect(one.body.detail).toContain('at least 2 projects');
      const four = await checkout(range.id, voter(), r);
      expect(four.status).toBe(422);
      expect(four.body.detail).toContain('at most 3 projects');
      const ok = await checkout(range.id, voter(), [r[0], r[1], r[2]]);
      expect(ok.status).toBe(201);
      expect(ok.body.totalCents).toBe(26_500 * EUR);
    });

    it('keeps a cart: running total, what is still needed, refusing what can never fit', async () => {
      const v = voter();
      const empty = await api('get', `/budgets/${minimum.id}/order`, v);
      expect(empty.body).toMatchObject({ state: 'empty', totalCents: 0, canCheckout: false });
      expect(empty.headers['cache-control']).toBe('private, no-store');
      const one = await api('put', `/budgets/${minimum.id}/order/projects/${m[0]}`, v);
      expect(one.status).toBe(200);
      expect(one.body).toMatchObject({
        state: 'cart',
        totalCents: 40_000 * EUR,
        remainingCents: 60_000 * EUR,
        minimumCents: 70_000 * EUR,
        canCheckout: false,
      });
      expect(one.body.problems[0].message).toContain('€30,000 more');
      const two = await api('put', `/budgets/${minimum.id}/order/projects/${m[1]}`, v);
      expect(two.body).toMatchObject({ totalCents: 70_000 * EUR, canCheckout: true, problems: [] });
      const tooMuch = await api('put', `/budgets/${minimum.id}/order/projects/${m[3]}`, v);
      expect(tooMuch.status).toBe(422);
      expect(tooMuch.body).toMatchObject({ code: 'OVER_ENVELOPE', totalCents: 130_000 * EUR });
      const removed = await api('delete', `/budgets/${minimum.id}/order/projects/${m[1]}`, v);
      expect(removed.body.totalCents).toBe(40_000 * EUR);
      await api('put', `/budgets/${minimum.id}/order/projects/${m[2]}`, v);
      await api('put', `/budgets/${minimum.id}/order/projects/${m[1]}`, v);
      const bad = await api('put', `/budgets/${minimum.id}/order/projects/nope`, v);
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].field).toBe('projectId');
      const badBody = await checkout(minimum.id, v, ['x'], { residence: '=cmd' });
      expect(badBody.status).toBe(400);
      expect(badBody.body.errors.map((e: { field: string }) => e.field)).toEqual(
        expect.arrayContaining(['projectIds', 'residence']),
      );
      const done = await api('post', `/budgets/${minimum.id}/order/checkout`, v, {});
      expect(done.status).toBe(201);
      expect(done.body.totalCents).toBe(90_000 * EUR);
      const after = await api('put', `/budgets/${minimum.id}/order/projects/${m[3]}`, v);
      expect(after.status).toBe(409);
      expect(after.body.code).toBe('ALREADY_VOTED');
    });

    it('says whether votes were cast: envelope and rule frozen from then on', async () => {
      const fresh = await createBudget(s.componentId, {
        title: { fr: 'Sans vote' },
        envelopeCents: 1_000 * EUR,
        rule: 'minimum',
        minimumPercent: 50,
      });
      const [voted, none] = await Promise.all(
        [range.id, fresh.id].map((id) =>
          api('get', `/budgets/${id}`, anonymous, undefined, { 'cache-control': 'no-cache' }),
        ),
      );
      expect(voted.body.votesCast).toBe(true);
      expect(none.body.votesCast).toBe(false);
      const list = await api('get', `/components/${s.componentId}/budgets`, anonymous);
      const cast = Object.fromEntries(
        list.body.items.map((b: { id: string; votesCast: boolean }) => [b.id, b.votesCast]),
      );
      expect(cast).toMatchObject({ [range.id]: true, [fresh.id]: false });
      const frozen = await api('patch', `/budgets/${range.id}`, orgAdmin, {
        envelopeCents: 20_000 * EUR,
      });
      expect(frozen.status).toBe(409);
      expect(frozen.body.code).toBe('WRONG_STATE');
      const renamed = await api('patch', `/budgets/${fresh.id}`, orgAdmin, {
        envelopeCents: 2_000 * EUR,
      });
      expect(renamed.status).toBe(200);
      expect(renamed.body).toMatchObject({ envelopeCents: 2_000 * EUR, votesCast: false });
      expect((await api('delete', `/budgets/${fresh.id}`, orgAdmin)).status).toBe(204);
    });

    it('takes one order when one voter checks out many times at once', async () => {
      const v = voter();
      const before = await results(fleury.id);
      const all = await Promise.all(
        Array.from({ length: 8 }, () => checkout(fleury.id, v, [f[0], f[1], f[2]])),
      );
      const statuses = all.map((x) => x.status).sort();
      expect(statuses).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
      expect(all.find((x) => x.status === 409)?.body.code).toBe('ALREADY_VOTED');
      const [{ n }] = await sql<{ n: string }>(
        `SELECT count(*) AS n FROM budgeting.orders WHERE budget_id = $1 AND voter_key = $2`,
        [fleury.id, `fc:${v.signerKey}`],
      );
      expect(Number(n)).toBe(1);
      const after = await results(fleury.id);
      expect(after.onlineOrders).toBe(before.onlineOrders + 1);
      const votes = (x: typeof after, id: string) =>
        x.projects.find((p) => p.id === id)?.votes.online;
      expect(votes(after, f[0])).toBe((votes(before, f[0]) ?? 0) + 1);
    });

    it('cancels a vote only where the admin allows it, while voting is open', async () => {
      const v = voter();
      expect((await checkout(range.id, v, [r[0], r[3]])).status).toBe(201);
      const refused = await api('delete', `/budgets/${range.id}/order`, v);
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('CANCEL_NOT_ALLOWED');
      expect(
        (
          await sp('patch', `/${s.spaceId}/components/${s.componentId}`, orgAdmin, {
            settings: { allow_cancel: true },
          })
        ).status,
      ).toBe(200);
      await until('allow_cancel in budgeting', async () => {
        const x = await api('get', `/components/${s.componentId}/budgets`, anonymous);
        return x.body.component?.allowCancel === true;
      });
      const before = (await results(range.id)).projects.find((p) => p.id === r[3])?.votes.online;
      expect((await api('delete', `/budgets/${range.id}/order`, v)).status).toBe(204);
      const after = (await results(range.id)).projects.find((p) => p.id === r[3])?.votes.online;
      expect(after).toBe((before ?? 0) - 1);
      expect((await api('delete', `/budgets/${range.id}/order`, v)).status).toBe(404);
      expect((await checkout(range.id, v, [r[1], r[2]])).status).toBe(201);
      // The outbox relay ships events shortly after the commit.
      const cancelled = await until('the cancellation event', async () => {
        const events = await shipped(Topics.BudgetingOrderCancelledV1);
        return events.length > 0 && events;
      });
      expect(cancelled.length).toBeGreaterThanOrEqual(1);
    });

    it('withdraws a project during voting without losing or corrupting any order', async () => {
      const kept = voter();
      const carting = voter();
      expect((await checkout(fleury.id, kept, [f[0], f[1], f[3]])).status).toBe(201);
      await api('put', `/budgets/${fleury.id}/order/projects/${f[3]}`, carting);
      await api('put', `/budgets/${fleury.id}/order/projects/${f[0]}`, carting);
      expect(
        (
          await api('post', `/projects/${f[3]}/withdraw`, account, {
            reason: 'Terrain indisponible',
          })
        ).status,
      ).toBe(403);
      const w = await api('post', `/projects/${f[3]}/withdraw`, orgAdmin, {
        reason: 'Terrain indisponible',
      });
      expect(w.status).toBe(200);
      expect(w.body).toMatchObject({ state: 'withdrawn', cartsAffected: 1 });
      const keptOrder = await api('get', `/budgets/${fleury.id}/order`, kept);
      expect(keptOrder.body.state).toBe('checked_out');
      expect(
        keptOrder.body.projects.map((p: { id: string; withdrawn: boolean }) => [p.id, p.withdrawn]),
      ).toEqual([
        [f[0], false],
        [f[1], false],
        [f[3], true],
      ]);
      const cart = await api('get', `/budgets/${fleury.id}/order`, carting);
      expect(cart.body.projects.map((p: { id: string }) => p.id)).toEqual([f[0]]);
      expect(cart.body.droppedProjects[0].message).toContain('"Préau" was withdrawn');
      const again = await checkout(fleury.id, carting, [f[0], f[1], f[3]]);
      expect(again.status).toBe(422);
      expect(again.body.code).toBe('PROJECT_UNAVAILABLE');
      expect(again.body.detail).toContain('"Préau" was withdrawn');
      const added = await api('put', `/budgets/${fleury.id}/order/projects/${f[3]}`, carting);
      expect(added.status).toBe(422);
      const res = await results(fleury.id);
      const withdrawn = res.projects.find((p) => p.id === f[3]);
      expect(withdrawn?.outcome).toBe('withdrawn');
      expect(withdrawn?.votes.online).toBeGreaterThanOrEqual(1);
      const list = await api('get', `/budgets/${fleury.id}/projects`, anonymous);
      expect(list.body.items.find((p: { id: string }) => p.id === f[3]).withdrawn.reason).toBe(
        'Terrain indisponible',
      );
    });

    it('records paper ballots apart, audited, and counts them in the results', async () => {
      const body = {
        station: 'Mairie annexe Nord',
        ballots: 50,
        votes: [
          { projectId: f[2], votes: 40 },
          { projectId: f[1], votes: 10 },
        ],
      };
      expect((await api('post', `/budgets/${fleury.id}/paper-ballots`, account, body)).status).toBe(
        403,
      );
      const tooMany = await api('post', `/budgets/${fleury.id}/paper-ballots`, orgAdmin, {
        ...body,
        votes: [{ projectId: f[2], votes: 51 }],
      });
      expect(tooMany.status).toBe(400);
      expect(tooMany.body.errors[0].field).toBe('votes.0.votes');
      const stranger = await api('post', `/budgets/${fleury.id}/paper-ballots`, orgAdmin, {
        ...body,
        votes: [{ projectId: m[0], votes: 1 }],
      });
      expect(stranger.status).toBe(400);
      expect(stranger.body.errors[0].field).toBe('votes.0.projectId');
      const before = await results(fleury.id);
      expect(
        (await api('post', `/budgets/${fleury.id}/paper-ballots`, orgAdmin, body)).status,
      ).toBe(201);
      const log = await api('get', `/budgets/${fleury.id}/paper-ballots`, orgAdmin);
      expect(log.body.items).toEqual([
        expect.objectContaining({
          station: 'Mairie annexe Nord',
          ballots: 50,
          recordedBy: orgAdmin.userId,
          recordedAt: expect.any(String),
        }),
      ]);
      expect((await api('get', `/budgets/${fleury.id}/paper-ballots`, account)).status).toBe(403);
      const after = await results(fleury.id);
      const p2 = (x: typeof after) => x.projects.find((p) => p.id === f[2])?.votes;
      expect(p2(after)?.paper).toBe((p2(before)?.paper ?? 0) + 40);
      expect(p2(after)?.online).toBe(p2(before)?.online);
    });

    it('voids a wrong paper entry: kept in the audit trail with who, when and why, no longer counted', async () => {
      const entered = await api('post', `/budgets/${fleury.id}/paper-ballots`, orgAdmin, {
        station: 'Gymnase Sud — saisi deux fois',
        ballots: 30,
        votes: [{ projectId: f[0], votes: 30 }],
      });
      expect(entered.status).toBe(201);
      const counted = await results(fleury.id);
      const voidPath = `/budgets/${fleury.id}/paper-ballots/${entered.body.id}/void`;
      const noReason = await api('post', voidPath, orgAdmin, { reason: '' });
      expect(noReason.status).toBe(400);
      expect((await api('post', voidPath, account, { reason: 'Saisi deux fois' })).status).toBe(
        403,
      );
      expect((await api('post', voidPath, otherAdmin, { reason: 'Saisi deux fois' })).status).toBe(
        404,
      );
      const unknown = await api(
        'post',
        `/budgets/${fleury.id}/paper-ballots/${randomUUID()}/void`,
        orgAdmin,
        { reason: 'Saisi deux fois' },
      );
      expect(unknown.status).toBe(404);
      expect(unknown.body.code).toBe('PAPER_ENTRY_NOT_FOUND');
      const voided = await api('post', voidPath, orgAdmin, { reason: 'Saisi deux fois' });
      expect(voided.status).toBe(200);
      const again = await api('post', voidPath, orgAdmin, { reason: 'Saisi deux fois' });
      expect(again.status).toBe(409);
      expect(again.body.detail ?? again.body.message).toContain('already voided');
      const after = await results(fleury.id);
      const p0 = (x: typeof after) => x.projects.find((p) => p.id === f[0])?.votes.paper;
      expect(p0(after)).toBe((p0(counted) ?? 0) - 30);
      expect(after.paperBallots).toBe(counted.paperBallots - 30);
      const log = await api('get', `/budgets/${fleury.id}/paper-ballots`, orgAdmin);
      expect(log.body.items.find((e: { id: string }) => e.id === entered.body.id)).toMatchObject({
        station: 'Gymnase Sud — saisi deux fois',
        ballots: 30,
        voided: { at: expect.any(String), by: orgAdmin.userId, reason: 'Saisi deux fois' },
      });
    });

    it('enforces the workflow across budgets', async () => {
      const one = await createComponent({ workflow: 'one' });
      await known(one.componentId);
      const a = await createBudget(one.componentId, {
        title: { fr: 'Budget A' },
        envelopeCents: 1000,
        rule: 'minimum',
        minimumPercent: 0,
      });
      const b = await createBudget(one.componentId, {
        title: { fr: 'Budget B' },
        envelopeCents: 1000,
        rule: 'minimum',
        minimumPercent: 0,
      });
      const pa = await createProject(a.id, 'Projet A', 5);
      const pb = await createProject(b.id, 'Projet B', 5);
      await activate(one, 1);
      const v = voter();
      expect((await checkout(a.id, v, [pa])).status).toBe(201);
      const second = await checkout(b.id, v, [pb]);
      expect(second.status).toBe(409);
      expect(second.body.code).toBe('WORKFLOW_LIMIT');
      expect(second.body.detail).toContain('"Budget A"');
      const mine = await api('get', `/components/${one.componentId}/orders/mine`, v);
      expect(mine.body.budgets.map((x: { mayVote: boolean }) => x.mayVote)).toEqual([false, false]);

      const district = await createComponent({ workflow: 'district_plus_one' });
      await known(district.componentId);
      const mk = async (title: string, area: string) => {
        const x = await createBudget(district.componentId, {
          title: { fr: title },
          area,
          envelopeCents: 1000,
          rule: 'minimum',
          minimumPercent: 0,
        });
        return { id: x.id, p: await createProject(x.id, `Projet ${title}`, 5) };
      };
      const nord = await mk('Nord', 'Nord');
      const sud = await mk('Sud', 'Sud');
      const est = await mk('Est', 'Est');
      await activate(district, 1);
      const w = voter();
      const noResidence = await checkout(sud.id, w, [sud.p]);
      expect(noResidence.status).toBe(400);
      expect(noResidence.body.errors[0].field).toBe('residence');
      expect((await checkout(sud.id, w, [sud.p], { residence: 'Nord' })).status).toBe(201);
      const notMine = await checkout(est.id, w, [est.p]);
      expect(notMine.status).toBe(409);
      expect(notMine.body.detail).toContain('budget of Nord');
      expect((await checkout(nord.id, w, [nord.p])).status).toBe(201);
      const third = await checkout(est.id, w, [est.p]);
      expect(third.status).toBe(409);
      expect(third.body.detail).toContain('two budgets');
    });

    it('decides a batch of checkouts in arrival order, each seeing those before it (group commit)', async () => {
      const d = await createComponent({ workflow: 'district_plus_one' });
      await known(d.componentId);
      const mk = async (title: string) => {
        const x = await createBudget(d.componentId, {
          title: { fr: title },
          area: title,
          envelopeCents: 1000,
          rule: 'minimum',
          minimumPercent: 0,
        });
        return { id: x.id, p: await createProject(x.id, `Projet ${title}`, 5) };
      };
      const [nord, sud, est] = [await mk('Nord'), await mk('Sud'), await mk('Est')];
      await activate(d, 1);
      const repo = budgeting.app.get(BudgetsRepository);
      const c = (await budgeting.app.get(ComponentAccess).find(org, d.componentId))!;
      const row = async (id: string) => (await repo.find(org, id))!;
      const [bn, bs, be] = [await row(nord.id), await row(sud.id), await row(est.id)];
      const [k1, k2, k3] = [1, 2, 3].map((i) => `fc:batch-${i}-${randomUUID()}`);
      const ops: CheckoutOp[] = [
        { b: bs, c, key: k1, projectIds: [sud.p], residence: 'Nord' },
        { b: bs, c, key: k1, projectIds: [sud.p] },
        { b: be, c, key: k1, projectIds: [est.p] },
        { b: bn, c, key: k1, projectIds: [nord.p] },
        { b: bn, c, key: k2, projectIds: [sud.p], residence: 'Nord' },
        { b: bn, c, key: k2, projectIds: [nord.p] },
        { b: bn, c, key: k3, projectIds: [nord.p], residence: 'Nord' },
      ];
      const writer = budgeting.app.get(CheckoutWriter);
      const outcomes = await budgeting.app
        .get<DataSource>(DATA_SOURCE)
        .transaction((m) => writer.store(m, ops));
      const answer = (o: CheckoutOutcome) =>
        o.ok
          ? { code: 'ok' }
          : ((o.error as HttpException).getResponse() as Record<string, string>);
      const code = (o: CheckoutOutcome) => answer(o).code;
      expect(outcomes.map(code)).toEqual([
        'ok',
        'ALREADY_VOTED',
        'WORKFLOW_LIMIT',
        'ok',
        'PROJECT_UNAVAILABLE',
        'INVALID',
        'ok',
      ]);
      const first = outcomes[0] as Extract<CheckoutOutcome, { ok: true }>;
      expect(answer(outcomes[1]).orderId).toBe(first.orderId);
      expect(answer(outcomes[2]).message).toContain('budget of Nord');
      const orders = await sql<{ voter_key: string; budget_id: string; residence: string }>(
        `SELECT voter_key, budget_id, residence FROM budgeting.orders
          WHERE voter_key = ANY($1) AND checked_out_at IS NOT NULL ORDER BY voter_key, budget_id`,
        [[k1, k2, k3]],
      );
      expect(orders).toHaveLength(3);
      expect(orders.every((o) => o.residence === 'Nord')).toBe(true);
      expect(
        orders
          .filter((o) => o.voter_key === k1)
          .map((o) => o.budget_id)
          .sort(),
      ).toEqual([nord.id, sud.id].sort());
      const votes = async (b: string, p: string) =>
        (await results(b)).projects.find((x) => x.id === p)?.votes.online;
      expect(await votes(nord.id, nord.p)).toBe(2);
      expect(await votes(sud.id, sud.p)).toBe(1);
      expect(await votes(est.id, est.p)).toBe(0);
      const events = await until('the batch’s events', async () => {
        const e = await shipped(Topics.BudgetingOrderCheckedOutV1);
        const mine = e.filter((x) =>
          [nord.id, sud.id, est.id].includes(x.payload.budgetId as string),
        );
        return mine.length >= 3 && mine;
      });
      expect(events).toHaveLength(3);
    });

    it('selects the winners by the rule, skipping a project that no longer fits; the admin confirms', async () => {
      const sel = await createComponent();
      await known(sel.componentId);
      const b = await createBudget(sel.componentId, {
        title: { fr: 'Sélection' },
        envelopeCents: 100 * EUR,
        rule: 'minimum_projects',
        minimumProjects: 1,
      });
      const a = await createProject(b.id, 'A 60', 60);
      const big = await createProject(b.id, 'B 50', 50);
      const c = await createProject(b.id, 'C 30', 30);
      const d = await createProject(b.id, 'D 20', 20);
      await activate(sel, 1);
      const votes: [string[], number][] = [
        [[a], 5],
        [[big], 4],
        [[c], 3],
        [[d], 1],
      ];
      for (const [ids, n] of votes)
        for (let i = 0; i < n; i++) expect((await checkout(b.id, voter(), ids)).status).toBe(201);
      const hidden = await api('get', `/budgets/${b.id}/results`, anonymous);
      expect(hidden.status).toBe(404);
      expect(hidden.body.code).toBe('RESULTS_NOT_PUBLIC');
      const admin = await api('get', `/budgets/${b.id}/results`, orgAdmin);
      expect(admin.headers['cache-control']).toBe('private, no-store');
      expect(
        admin.body.projects.map((p: { id: string; outcome: string }) => [p.id, p.outcome]),
      ).toEqual([
        [a, 'selected'],
        [big, 'does_not_fit'],
        [c, 'selected'],
        [d, 'does_not_fit'],
      ]);
      expect(admin.body).toMatchObject({ onlineOrders: 13, computedSelectionCents: 90 * EUR });
      await activate(sel, 2);
      const open = await api('get', `/budgets/${b.id}/results`, anonymous);
      expect(open.status).toBe(200);
      expect(open.headers['cache-control']).toBe('public, max-age=2, stale-while-revalidate=30');
      const late = await checkout(b.id, voter(), [d]);
      expect(late.status).toBe(409);
      expect(late.body.phase.id).toBe(sel.phases[2]);
      expect((await api('post', `/budgets/${b.id}/results/confirm`, account, {})).status).toBe(403);
      const over = await api('post', `/budgets/${b.id}/results/confirm`, orgAdmin, {
        projectIds: [a, big],
      });
      expect(over.status).toBe(422);
      expect(over.body).toMatchObject({
        code: 'SELECTION_OVER_ENVELOPE',
        envelopeCents: expect.any(Number),
        selectedCents: expect.any(Number),
      });
      expect(over.body.selectedCents).toBeGreaterThan(over.body.envelopeCents);
      expect(over.body.errors[0].field).toBe('projectIds');
      const confirmed = await api('post', `/budgets/${b.id}/results/confirm`, orgAdmin, {});
      expect(confirmed.status).toBe(200);
      expect(confirmed.body).toMatchObject({ selectedProjectIds: [a, c], selectedCents: 90 * EUR });
      expect((await api('post', `/budgets/${b.id}/results/confirm`, orgAdmin, {})).status).toBe(
        409,
      );
      const event = await until('the results event', async () =>
        (await shipped(Topics.BudgetingResultsConfirmedV1)).find(
          (e) => e.payload.budgetId === b.id,
        ),
      );
      expect(event.payload).toMatchObject({ selectedCents: String(90 * EUR), onlineOrders: '13' });

      // Implementation tracking.
      const progress = await api('get', `/components/${sel.componentId}/progress`, anonymous);
      expect(progress.status).toBe(200);
      expect(progress.body.summary).toMatchObject({ results: 2, progress: 0 });
      const resultId = progress.body.items.find((x: { projectId: string }) => x.projectId === a).id;
      const upd = await api('post', `/results/${resultId}/updates`, orgAdmin, {
        date: '2027-03-15',
        text: 'Travaux commencés',
        status: 'in_progress',
        progress: 40,
        photoUrls: ['https://example.org/chantier.jpg'],
      });
      expect(upd.status).toBe(201);
      const badUpd = await api('post', `/results/${resultId}/updates`, orgAdmin, {
        date: '15/03/2027',
        text: 'x',
        progress: 140,
      });
      expect(badUpd.status).toBe(400);
      expect(badUpd.body.errors.map((e: { field: string }) => e.field)).toEqual(
        expect.arrayContaining(['date', 'progress']),
      );
      expect((await api('patch', `/results/${resultId}`, account, { progress: 90 })).status).toBe(
        403,
      );
      expect(
        (await api('patch', `/results/${resultId}`, orgAdmin, { meetingIds: [randomUUID()] }))
          .status,
      ).toBe(200);
      const detail = await api('get', `/results/${resultId}`, anonymous);
      expect(detail.body).toMatchObject({
        status: 'in_progress',
        progress: 40,
        timeline: [
          {
            date: '2027-03-15',
            text: 'Travaux commencés',
            photoUrls: ['https://example.org/chantier.jpg'],
          },
        ],
      });
      const summary = await api('get', `/components/${sel.componentId}/progress`, anonymous);
      // 60 € at 40 %, 30 € at 0 %: 27 % of the programme by cost.
      expect(summary.body.summary.progress).toBe(27);
      const update = await until('the progress event', async () =>
        (await shipped(Topics.BudgetingResultProgressUpdatedV1)).find(
          (e) => e.payload.resultId === resultId && e.payload.progressPercent === 40,
        ),
      );
      expect(update.payload).toMatchObject({ resultId, progressPercent: 40 });
    });

    it('publishes votes without voter identities, and open data without them either', async () => {
      const checkedOut = await until('the checkout events', async () => {
        const events = await shipped(Topics.BudgetingOrderCheckedOutV1);
        return events.length > 10 && events;
      });
      expect(checkedOut.length).toBeGreaterThan(10);
      const keysInDb = await sql<{ voter_key: string }>(`SELECT voter_key FROM budgeting.orders`);
      const everything = JSON.stringify(checkedOut);
      for (const { voter_key } of keysInDb) {
        expect(everything).not.toContain(voter_key.slice(3));
      }
      const evil = await createComponent();
      await known(evil.componentId);
      const b = await createBudget(evil.componentId, {
        title: { fr: '=HYPERLINK("x")' },
        envelopeCents: 1000,
        rule: 'minimum',
        minimumPercent: 0,
      });
      await createProject(b.id, '+cmd|calc', 5);
      for (const file of ['projects.csv', 'projects.json', 'results.csv', 'results.json']) {
        const x = await api('get', `/open-data/${file}`, anonymous);
        expect(x.status).toBe(200);
        for (const { voter_key } of keysInDb) expect(x.text).not.toContain(voter_key.slice(3));
        expect(x.text).not.toContain(orgAdmin.userId);
      }
      const csv = (await api('get', '/open-data/projects.csv', anonymous)).text;
      expect(csv).toContain(`'+cmd|calc`);
      expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
      expect(csv.split('\r\n')[0]).toContain('votes_total');
      const json = (await api('get', '/open-data/projects.json', anonymous)).body;
      expect(json.projects.find((p: { id: string }) => p.id === f[3])).toMatchObject({
        state: 'withdrawn',
      });
      const elsewhere = await api('get', '/open-data/projects.json', {
        ...anonymous,
        organizationId: other,
      });
      expect(elsewhere.body.projects).toEqual([]);
    });
  });

  it('turns a proposal accepted for a budget into a project to review', async () => {
    const s = await createComponent();
    await known(s.componentId);
    const b = await createBudget(s.componentId, {
      envelopeCents: 1000 * EUR,
      rule: 'minimum',
      minimumPercent: 0,
    });
    const proposalId = randomUUID();
    const linked = randomUUID();
    const payload: ProposalAcceptedForBudgetJson = {
      proposalId,
      organizationId: org,
      spaceId: s.spaceId,
      componentId: randomUUID(),
      budgetComponentId: s.componentId,
      title: 'Un composteur partagé',
      body: 'Dans la cour de la résidence.',
      costCents: String(800 * EUR),
      answer: 'Accepté',
      address: '3 rue des Lilas',
      latitude: 47.91,
      longitude: 1.91,
      authorName: 'Camille',
      links: [{ kind: 'proposal', id: linked }],
      sentAt: new Date().toISOString(),
    };
    await stub.transaction((m) =>
      publish(m, STUB, {
        topic: Topics.ProposalsProposalAcceptedForBudgetV1,
        key: proposalId,
        tenantId: org,
        schema: 'palabre.proposals.v1.ProposalAcceptedForBudget',
        payload,
      }),
    );
    const item = await until('the project to review', async () => {
      const x = await api('get', `/components/${s.componentId}/projects/to-review`, orgAdmin);
      return x.body.items?.find((p: { fromProposalId: string }) => p.fromProposalId === proposalId);
    });
    expect(item).toMatchObject({
      // The event's texts carry no language: taken as French.
      title: { fr: 'Un composteur partagé' },
      description: { fr: 'Dans la cour de la résidence.' },
      state: 'to_review',
      amountCents: 800 * EUR,
      proposalIds: [proposalId, linked],
      address: '3 rue des Lilas',
    });
    expect((await api('get', `/projects/${item.id}`, anonymous)).status).toBe(404);
    expect(
      (await api('get', `/components/${s.componentId}/projects/to-review`, account)).status,
    ).toBe(403);
    const pub = await api('post', `/projects/${item.id}/publish`, orgAdmin, { budgetId: b.id });
    expect(pub.status).toBe(200);
    expect(pub.body).toMatchObject({ state: 'published', budgetId: b.id });
    expect((await api('get', `/projects/${item.id}`, anonymous)).status).toBe(200);
  });
});
