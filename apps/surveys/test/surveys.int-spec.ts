import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { generateIdentityKeys, IDENTITY_HEADER, type InternalIdentity } from '@palabre/auth';
import { EventBus, PostgresTransport } from '@palabre/messaging';
import type { Database } from '@palabre/persistence';
import { createServiceApp, csvField, type ServiceApp } from '@palabre/service-kit';
import { loadServiceDefinition, testDatabaseTargets, testLogger, until } from '@palabre/testing';
import { csvFieldSql } from '../src/answers/export';
import { PrivacyRepository } from '../src/privacy/privacy.repository';
import { surveysService } from '../src/surveys.definition';

const SCALE = ['Excellent', 'Très bien', 'Bien', 'Passable', 'À rejeter'].map((fr) => ({ fr }));

/** One question of each kind, a condition, and a majority-judgment grid. */
const QUESTIONS = [
  { id: 'intro', type: 'section', title: { fr: 'Introduction', en: 'Introduction' } },
  {
    id: 'role',
    type: 'single',
    title: { fr: 'Vous êtes', en: 'You are' },
    mandatory: true,
    options: [
      { id: 'parent', label: { fr: 'Parent' } },
      { id: 'resident', label: { fr: 'Riverain' } },
    ],
    other: true,
  },
  {
    id: 'modes',
    type: 'multiple',
    title: { fr: 'Modes de transport' },
    options: ['foot', 'bike', 'car', 'bus'].map((id) => ({ id, label: { fr: id } })),
    maxChoices: 2,
  },
  {
    id: 'shop',
    type: 'long',
    title: { fr: 'Pour les riverains' },
    mandatory: true,
    showIf: { question: 'role', anyOf: ['resident'] },
  },
  {
    id: 'designs',
    type: 'grades',
    title: { fr: 'Aménagements' },
    mandatory: true,
    options: ['a', 'b', 'c'].map((id) => ({ id, label: { fr: `Option ${id}` } })),
    scale: SCALE,
  },
  {
    id: 'priorities',
    type: 'ranking',
    title: { fr: 'Priorités' },
    options: ['safety', 'quiet'].map((id) => ({ id, label: { fr: id } })),
  },
  {
    id: 'safety',
    type: 'matrix_single',
    title: { fr: 'Sécurité' },
    rows: ['morning', 'evening'].map((id) => ({ id, label: { fr: id } })),
    options: ['safe', 'unsafe'].map((id) => ({ id, label: { fr: id } })),
  },
  { id: 'idea', type: 'short', title: { fr: 'Une idée ?' } },
];

const valid = (grades: [number, number, number] = [0, 2, 4]) => ({
  role: { choice: 'parent' },
  modes: { choices: ['foot', 'bike'] },
  designs: { grades: { a: grades[0], b: grades[1], c: grades[2] } },
  priorities: { order: ['quiet', 'safety'] },
  safety: { rows: { morning: 'unsafe' } },
  idea: { text: 'Des bancs' },
});

describe.each(testDatabaseTargets())('surveys on $name', (target) => {
  let db: Database;
  let bus: EventBus;
  let spaces: ServiceApp;
  let surveys: ServiceApp;
  let loopback: Server;
  const keys = generateIdentityKeys();
  const env: NodeJS.ProcessEnv = { ...process.env, SURVEYS_RESULTS_REFRESH_MS: '0' };
  const org = randomUUID();
  const orgAdmin: InternalIdentity = {
    organizationId: org,
    userId: randomUUID(),
    grants: [{ role: 'org-admin' }],
  };
  const anonymous: InternalIdentity = { organizationId: org, grants: [] };
  const person = (): InternalIdentity => ({
    organizationId: org,
    userId: randomUUID(),
    displayName: 'Camille',
    grants: [],
  });
  const visitor = () => randomBytes(24).toString('base64url');

  type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';
  const call = (
    app: ServiceApp,
    method: Method,
    path: string,
    who: InternalIdentity,
    body?: object,
    headers: Record<string, string> = {},
  ) => {
    let r = request(app.app.getHttpServer())
      [method](path)
      .set(IDENTITY_HEADER, keys.issuer.issue(who, app.definition.name));
    for (const [k, v] of Object.entries(headers)) r = r.set(k, v);
    return body === undefined ? r : r.send(body);
  };
  const api = (
    method: Method,
    path: string,
    who: InternalIdentity,
    body?: object,
    headers?: Record<string, string>,
  ) => call(surveys, method, path, who, body, headers);
  const sp = (method: Method, path: string, who: InternalIdentity, body?: object) =>
    call(spaces, method, path, who, body);
  const sql = <T = Record<string, unknown>>(q: string, p?: unknown[]) => db.query<T>(q, p);

  let seq = 0;
  /** A published assembly with a surveys component (answers without an account or not), known to surveys. */
  const createComponent = async (anonymousAnswers: boolean) => {
    const s = await sp('post', '/', orgAdmin, {
      kind: 'assembly',
      slug: `survey-${++seq}-${randomUUID().slice(0, 6)}`,
      title: { fr: `Assemblée ${seq}` },
    });
    expect(s.status).toBe(201);
    expect((await sp('post', `/${s.body.id}/publish`, orgAdmin)).status).toBe(200);
    const c = await sp('post', `/${s.body.id}/components`, orgAdmin, {
      type: 'surveys',
      name: { fr: 'Consultations' },
    });
    expect(c.status).toBe(201);
    if (anonymousAnswers)
      expect(
        (
          await sp('patch', `/${s.body.id}/components/${c.body.id}`, orgAdmin, {
            settings: { anonymous_answers: true },
          })
        ).status,
      ).toBe(200);
    await until('the component in surveys', async () => {
      const [r] = await sql<{ settings: Record<string, unknown> }>(
        `SELECT settings FROM surveys.components WHERE component_id = $1`,
        [c.body.id],
      );
      const [sr] = await sql(
        `SELECT 1 FROM surveys.spaces WHERE space_id = $1 AND state = 'published'`,
        [s.body.id],
      );
      return !!r && !!sr && (!anonymousAnswers || r.settings.anonymous_answers === true);
    });
    return { spaceId: s.body.id as string, componentId: c.body.id as string };
  };
  const survey = async (componentId: string, body: object = {}, publish = true) => {
    const r = await api('post', `/components/${componentId}/surveys`, orgAdmin, {
      title: { fr: 'La rue scolaire', en: 'The school street' },
      questions: QUESTIONS,
      ...body,
    });
    if (r.status !== 201) throw new Error(JSON.stringify(r.body));
    if (publish)
      expect((await api('post', `/surveys/${r.body.id}/publish`, orgAdmin)).status).toBe(200);
    return r.body.id as string;
  };

  let open: { spaceId: string; componentId: string };
  let accountsOnly: { spaceId: string; componentId: string };

  beforeAll(async () => {
    db = await target.open();
    for (const schema of ['spaces', 'surveys'])
      await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    bus = new EventBus(db, new PostgresTransport(db, { pollIntervalMs: 50 }), {
      pollIntervalMs: 50,
    });
    const deps = { db, bus, logger: testLogger(), env, embedded: false };
    spaces = await createServiceApp(await loadServiceDefinition('spaces'), {
      ...deps,
      verifier: keys.verifierFor('spaces'),
    });
    loopback = createServer(spaces.handler);
    await new Promise<void>((r) => loopback.listen(0, '127.0.0.1', r));
    env.SERVICE_URL_SPACES = `http://127.0.0.1:${(loopback.address() as AddressInfo).port}`;
    surveys = await createServiceApp(surveysService, {
      ...deps,
      verifier: keys.verifierFor('surveys'),
    });
    await until('the surveys type in spaces', async () => {
      const r = await sp('get', '/component-types', orgAdmin);
      return r.body.items?.find((t: { type: string }) => t.type === 'surveys');
    });
    open = await createComponent(true);
    accountsOnly = await createComponent(false);
  }, 60_000);
  afterAll(async () => {
    loopback?.close();
    await surveys?.close();
    await spaces?.close();
    await bus?.stop();
    await db?.close();
  });

  it('declares the surveys type with its answer action and the setting for answers without an account', async () => {
    const t = (await sp('get', '/component-types', orgAdmin)).body.items.find(
      (x: { type: string }) => x.type === 'surveys',
    );
    expect(t.service).toBe('surveys');
    expect(t.actions.map((a: { name: string }) => a.name)).toEqual(['answer']);
    expect(t.globalSettings.map((s: { name: string }) => s.name)).toContain('anonymous_answers');
  });

  it('refuses questions that are not well formed, naming the field', async () => {
    const bad = async (questions: object[]) => {
      const r = await api('post', `/components/${open.componentId}/surveys`, orgAdmin, {
        title: { fr: 'Mauvaise' },
        questions,
      });
      expect(r.status).toBe(400);
      return r.body.errors.map((e: { field: string }) => e.field) as string[];
    };
    expect(await bad([{ id: 'q', type: 'single', title: { fr: 'Q' } }])).toContain(
      'questions.0.options',
    );
    expect(
      await bad([
        { id: 'q', type: 'grades', title: { fr: 'Q' }, options: [{ id: 'a', label: { fr: 'A' } }] },
      ]),
    ).toContain('questions.0.scale');
    expect(await bad([{ id: 'Q!', type: 'short', title: { fr: 'Q' } }])).toContain(
      'questions.0.id',
    );
    expect(await bad([{ id: 'q', type: 'teleport', title: { fr: 'Q' } }])).toContain(
      'questions.0.type',
    );
    expect(
      await bad([
        { id: 'q', type: 'short', title: { fr: 'Q' } },
        { id: 'r', type: 'short', title: { fr: 'R' }, showIf: { question: 'q', anyOf: ['x'] } },
      ]),
    ).toContain('questions.1.showIf.question');
    expect(
      await bad([
        { id: 'q', type: 'short', title: { fr: 'Q' } },
        { id: 'q', type: 'short', title: { fr: 'R' } },
      ]),
    ).toContain('questions.1.id');
    const dates = await api('post', `/components/${open.componentId}/surveys`, orgAdmin, {
      title: { fr: 'Dates' },
      startsAt: '2027-03-02T10:00:00Z',
      endsAt: '2027-03-01T10:00:00Z',
    });
    expect(dates.status).toBe(400);
    expect(dates.body.errors[0].field).toBe('endsAt');
    const person1 = person();
    expect(
      (
        await api('post', `/components/${open.componentId}/surveys`, person1, {
          title: { fr: 'Pas admin' },
        })
      ).status,
    ).toBe(403);
  });

  it('takes one answer per session without an account: the second is 409 and the first is kept', async () => {
    const id = await survey(open.componentId);
    const v = visitor();
    const first = await api(
      'post',
      `/surveys/${id}/answers`,
      anonymous,
      { answers: valid() },
      {
        'x-palabre-visitor': v,
      },
    );
    expect(first.status).toBe(201);
    expect(first.body.token).toMatch(/^[0-9a-f]{12}$/);
    const again = await api(
      'post',
      `/surveys/${id}/answers`,
      anonymous,
      { answers: valid([4, 4, 4]) },
      { 'x-palabre-visitor': v },
    );
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('ALREADY_ANSWERED');
    const [kept] = await sql<{ answers: { designs: { grades: Record<string, number> } } }>(
      `SELECT answers FROM surveys.answers WHERE survey_id = $1`,
      [id],
    );
    expect(kept.answers.designs.grades).toEqual({ a: 0, b: 2, c: 4 });
    const seen = await api('get', `/surveys/${id}`, anonymous, undefined, {
      'x-palabre-visitor': v,
    });
    expect(seen.body.caller).toMatchObject({ answered: true, canAnswer: false });
    const other = await api('get', `/surveys/${id}`, anonymous, undefined, {
      'x-palabre-visitor': visitor(),
    });
    expect(other.body.caller).toMatchObject({ answered: false, canAnswer: true });
    // Without the session's secret there is no token to keep the answer apart.
    const noSecret = await api('post', `/surveys/${id}/answers`, anonymous, { answers: valid() });
    expect(noSecret.status).toBe(400);
    expect(noSecret.body.errors[0].field).toBe('x-palabre-visitor');
  });

  it('asks for an account where the component does not take anonymous answers, and makes one answer of two clicks at once', async () => {
    const id = await survey(accountsOnly.componentId);
    const refused = await api(
      'post',
      `/surveys/${id}/answers`,
      anonymous,
      { answers: valid() },
      {
        'x-palabre-visitor': visitor(),
      },
    );
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('SIGN_IN_REQUIRED');
    const p = person();
    const both = await Promise.all([
      api('post', `/surveys/${id}/answers`, p, { answers: valid([0, 0, 0]) }),
      api('post', `/surveys/${id}/answers`, p, { answers: valid([4, 4, 4]) }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    const [{ n }] = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM surveys.answers WHERE survey_id = $1`,
      [id],
    );
    expect(n).toBe(1);
  });

  it('refuses answers that do not fit, naming the question', async () => {
    const id = await survey(open.componentId);
    const bad = async (answers: object) => {
      const r = await api('post', `/surveys/${id}/answers`, person(), { answers });
      expect(r.status).toBe(400);
      return r.body.errors as { field: string; message: string; rule: string }[];
    };
    const missing = await bad({ ...valid(), role: undefined });
    expect(missing[0]).toMatchObject({ field: 'answers.role', rule: 'isNotEmpty' });
    expect(missing[0].message).toContain('You are');
    const outOfScale = await bad({ ...valid(), designs: { grades: { a: 0, b: 5, c: 1 } } });
    expect(outOfScale[0].field).toBe('answers.designs');
    expect(outOfScale[0].message).toContain('0 to 4');
    const partial = await bad({ ...valid(), designs: { grades: { a: 0 } } });
    expect(partial[0].message).toContain('every option must be graded');
    expect((await bad({ ...valid(), modes: { choices: ['foot', 'bike', 'car'] } }))[0].rule).toBe(
      'arrayMaxSize',
    );
    expect((await bad({ ...valid(), teleport: { text: 'x' } }))[0].field).toBe('answers.teleport');
    expect((await bad({ ...valid(), role: { choice: 'other' } }))[0].message).toContain(
      'needs its text',
    );
    // The condition met, its mandatory question must be answered.
    expect((await bad({ ...valid(), role: { choice: 'resident' } }))[0].field).toBe('answers.shop');
    expect((await sql(`SELECT 1 FROM surveys.answers WHERE survey_id = $1`, [id])).length).toBe(0);
    // Not met, an answer given anyway (a page without JavaScript shows it) is dropped.
    const p = person();
    expect(
      (
        await api('post', `/surveys/${id}/answers`, p, {
          answers: { ...valid(), shop: { text: 'ignored' } },
        })
      ).status,
    ).toBe(201);
    const [row] = await sql<{ answers: Record<string, unknown> }>(
      `SELECT answers FROM surveys.answers WHERE survey_id = $1`,
      [id],
    );
    expect(row.answers.shop).toBeUndefined();
    expect(row.answers.role).toEqual({ choice: 'parent' });
  });

  it('keeps the questions once someone answered, and refuses answers outside the dates', async () => {
    const id = await survey(open.componentId);
    expect(
      (await api('post', `/surveys/${id}/answers`, person(), { answers: valid() })).status,
    ).toBe(201);
    const edit = await api('patch', `/surveys/${id}`, orgAdmin, {
      questions: QUESTIONS.slice(0, 3),
    });
    expect(edit.status).toBe(409);
    expect(edit.body.code).toBe('WRONG_STATE');
    expect(
      (await api('patch', `/surveys/${id}`, orgAdmin, { title: { fr: 'Nouveau titre' } })).status,
    ).toBe(200);
    const past = await survey(open.componentId, {
      startsAt: '2020-01-01T00:00:00Z',
      endsAt: '2020-02-01T00:00:00Z',
    });
    const closed = await api('post', `/surveys/${past}/answers`, person(), { answers: valid() });
    expect(closed.status).toBe(409);
    expect(closed.body).toMatchObject({ code: 'SURVEY_NOT_OPEN', status: 409 });
    const draft = await survey(open.componentId, {}, false);
    expect((await api('get', `/surveys/${draft}`, person())).status).toBe(404);
    expect(
      (await api('get', `/components/${open.componentId}/surveys`, person())).body.items.some(
        (s: { id: string }) => s.id === draft,
      ),
    ).toBe(false);
  });

  it('shows results to administrators, to everyone once published, with majority judgment', async () => {
    const id = await survey(open.componentId);
    // a: grades 0,0,1 → median 0 (Excellent); b: 1,1,1 → 1; c: 0,4,4 → 4 (À rejeter).
    const given: [number, number, number][] = [
      [0, 1, 0],
      [0, 1, 4],
      [1, 1, 4],
    ];
    for (const g of given)
      expect(
        (await api('post', `/surveys/${id}/answers`, person(), { answers: valid(g) })).status,
      ).toBe(201);
    expect((await api('get', `/surveys/${id}/results`, person())).status).toBe(403);
    const r = await api('get', `/surveys/${id}/results`, orgAdmin);
    expect(r.status).toBe(200);
    expect(r.body.answerCount).toBe(3);
    const designs = r.body.questions.find((q: { id: string }) => q.id === 'designs');
    expect(designs.majorityJudgment).toEqual([
      { id: 'a', rank: 1, majorityGrade: 0, profile: [2, 1, 0, 0, 0], total: 3 },
      { id: 'b', rank: 2, majorityGrade: 1, profile: [0, 3, 0, 0, 0], total: 3 },
      { id: 'c', rank: 3, majorityGrade: 4, profile: [1, 0, 0, 0, 2], total: 3 },
    ]);
    const role = r.body.questions.find((q: { id: string }) => q.id === 'role');
    expect(role.choices).toEqual([
      { id: 'parent', count: 3, share: 1 },
      { id: 'resident', count: 0, share: 0 },
      { id: 'other', count: 0, share: 0 },
    ]);
    expect(r.body.questions.find((q: { id: string }) => q.id === 'idea').texts).toEqual([
      'Des bancs',
      'Des bancs',
      'Des bancs',
    ]);
    expect(r.body.questions.some((q: { id: string }) => q.id === 'intro')).toBe(false);
    expect((await api('post', `/surveys/${id}/results/publish`, orgAdmin)).status).toBe(200);
    const pub = await api('get', `/surveys/${id}/results`, anonymous);
    expect(pub.status).toBe(200);
    expect(pub.body.published).toBe(true);
    expect(pub.body.answerCount).toBe(3);
  });

  it('lists answers by token and exports them streamed as CSV and JSON, to administrators only', async () => {
    const id = await survey(open.componentId);
    const p = person();
    await api('post', `/surveys/${id}/answers`, p, { answers: valid() });
    await api(
      'post',
      `/surveys/${id}/answers`,
      anonymous,
      { answers: { ...valid(), idea: { text: '=cmd, "quoted"' } } },
      {
        'x-palabre-visitor': visitor(),
      },
    );
    const list = await api('get', `/surveys/${id}/answers?limit=1`, orgAdmin);
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0].token).toMatch(/^[0-9a-f]{12}$/);
    expect(JSON.stringify(list.body)).not.toContain(p.userId!);
    const next = await api(
      'get',
      `/surveys/${id}/answers?limit=1&cursor=${list.body.nextCursor}`,
      orgAdmin,
    );
    expect(next.body.items).toHaveLength(1);
    expect(next.body.nextCursor).toBeNull();
    expect((await api('get', `/surveys/${id}/answers?cursor=abc`, orgAdmin)).status).toBe(400);
    expect((await api('get', `/surveys/${id}/answers`, p)).status).toBe(403);
    expect((await api('get', `/surveys/${id}/answers.csv`, p)).status).toBe(403);

    const csv = await api('get', `/surveys/${id}/answers.csv`, orgAdmin);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.text
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'token,answered_at,locale,role,role.other,modes,shop,designs.a,designs.b,designs.c,priorities,safety.morning,safety.evening,idea',
    );
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(',parent,,foot|bike,,0,2,4,quiet>safety,unsafe,,Des bancs');
    // A formula is defused; quotes are doubled.
    expect(lines[2]).toContain(`"'=cmd, ""quoted"""`);
    const json = await api('get', `/surveys/${id}/answers.json`, orgAdmin);
    expect(json.status).toBe(200);
    const parsed = JSON.parse(json.text);
    expect(parsed.survey.id).toBe(id);
    expect(parsed.answers).toHaveLength(2);
    expect(parsed.answers[0].token).toMatch(/^[0-9a-f]{64}$/);
    // The database writes the export: the same answers, times and fields as the API's.
    const all = await api('get', `/surveys/${id}/answers`, orgAdmin);
    expect(
      parsed.answers.map((a: { answeredAt: string; answers: object; locale: string | null }) => [
        a.answeredAt,
        a.answers,
        a.locale,
      ]),
    ).toEqual(
      all.body.items.map((a: { answeredAt: string; answers: object; locale: string | null }) => [
        a.answeredAt,
        a.answers,
        a.locale,
      ]),
    );
    expect(lines[1].split(',')[1]).toBe(all.body.items[0].answeredAt);
    const tricky = ['=1+1', '-2', '+x', '@a', '\tx', '\rx', 'a,b', 'say "hi"', 'two\nlines'];
    for (const t of [...tricky, 'plain', '', 'é ü 中', "'quoted'", null]) {
      const [r] = await sql<{ f: string }>(`SELECT ${csvFieldSql('$1::text')} AS f`, [t]);
      expect([t, r.f]).toEqual([t, csvField(t)]);
    }
  });

  it('gives a person their answers, and unlinks them when the account is erased', async () => {
    const id = await survey(open.componentId);
    const p = person();
    await api('post', `/surveys/${id}/answers`, p, { answers: valid() });
    const mine = await api('get', '/internal/surveys/personal-data', p);
    expect(mine.status).toBe(200);
    expect(mine.body.answers).toEqual([
      expect.objectContaining({
        surveyId: id,
        answers: expect.objectContaining({ role: { choice: 'parent' } }),
      }),
    ]);
    const before = await sql<{ token: Uint8Array }>(
      `SELECT token FROM surveys.answers WHERE survey_id = $1`,
      [id],
    );
    await surveys.runtime.dataSource.transaction((m) =>
      surveys.app.get(PrivacyRepository).erase(m, org, p.userId!),
    );
    const after = await sql<{ token: Uint8Array; answers: object }>(
      `SELECT token, answers FROM surveys.answers WHERE survey_id = $1`,
      [id],
    );
    // The answer stays in the results; its token no longer comes from the account.
    expect(after).toHaveLength(1);
    expect(Buffer.from(after[0].token).equals(Buffer.from(before[0].token))).toBe(false);
    expect((await api('get', '/internal/surveys/personal-data', p)).body.answers).toEqual([]);
    const again = await api('post', `/surveys/${id}/answers`, p, { answers: valid() });
    expect(again.status).toBe(201);
  });

  it('keeps organizations apart', async () => {
    const id = await survey(open.componentId);
    const stranger: InternalIdentity = {
      organizationId: randomUUID(),
      userId: randomUUID(),
      grants: [{ role: 'org-admin' }],
    };
    expect((await api('get', `/surveys/${id}`, stranger)).status).toBe(404);
    expect((await api('get', `/surveys/${id}/results`, stranger)).status).toBe(404);
    expect((await api('get', `/surveys/${id}/answers.csv`, stranger)).status).toBe(404);
    expect(
      (await api('post', `/surveys/${id}/answers`, stranger, { answers: valid() })).status,
    ).toBe(404);
    expect((await api('get', `/surveys/not-a-uuid`, orgAdmin)).status).toBe(404);
  });
});
