/**
 * A budget's voters are told its results (ADR 0040): when an administrator
 * confirms them, budgeting publishes `budgeting.notification.requested.v1` in
 * that transaction, naming every account that checked out a vote in that
 * budget. FranceConnect voters are pseudonyms (no account to tell), a cart is
 * no vote, a cancelled vote is gone, and confirming twice is refused.
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import type { InternalIdentity } from '@palabre/auth';
import {
  Topics,
  type ComponentSettingsChangedJson,
  type NotificationJson,
  type SpaceChangedJson,
} from '@palabre/contracts';
import { createMessagingTables, publish } from '@palabre/messaging';
import { bootService, testDatabaseTargets, until, type BootedService } from '@palabre/testing';
import { budgetingService } from '../src/budgeting.definition';

const EUR = 100;
const STUB = 'spaces_stub';

describe.each(testDatabaseTargets())('budget results told to voters on $name', (target) => {
  let booted: BootedService;
  let server: Parameters<typeof request>[0];
  let spaces: DataSource;
  const org = randomUUID();
  const spaceId = randomUUID();
  const componentId = randomUUID();
  const spaceTitle = { fr: 'Budget participatif 2027', en: 'Participatory budget 2027' };
  const admin: InternalIdentity = {
    organizationId: org,
    userId: randomUUID(),
    grants: [{ role: 'org-admin' }],
  };
  const account = (): InternalIdentity => ({
    organizationId: org,
    userId: randomUUID(),
    grants: [],
  });
  const franceConnect = (): InternalIdentity => ({
    organizationId: org,
    signerKey: randomUUID().replace(/-/g, ''),
    grants: [],
  });

  const api = async (
    method: 'get' | 'post' | 'put' | 'delete',
    path: string,
    who: InternalIdentity,
    body?: object,
  ) => {
    const r = request(server)
      [method](path)
      .set(...(await booted.as(who)));
    return body === undefined ? r : r.send(body);
  };

  /** The notifications requested about a budget (by dedupe key): in the outbox, or relayed. */
  const told = async (budgetId: string) =>
    (
      await booted.db.query<{ payload: { notification: NotificationJson } }>(
        `SELECT payload FROM (
           SELECT DISTINCT ON (event_id) event_id, payload FROM (
             SELECT event_id, payload FROM budgeting.outbox WHERE topic = $1 AND key = $2
             UNION ALL
             SELECT event_id, payload FROM palabre_bus.events WHERE topic = $1 AND key = $2
           ) e) d
         ORDER BY payload->'notification'->>'dedupeKey'`,
        [Topics.BudgetingNotificationRequestedV1, budgetId],
      )
    ).map((e) => e.payload.notification);

  /** Spaces' events, as spaces publishes them: the space, and the component open for votes. */
  const fromSpaces = (event: { topic: string; key: string; schema: string; payload: object }) =>
    spaces.transaction((m) => publish(m, STUB, { ...event, tenantId: org }));

  const createBudget = async (title: Record<string, string>) => {
    const r = await api('post', `/components/${componentId}/budgets`, admin, {
      title,
      envelopeCents: 1_000 * EUR,
      rule: 'minimum',
      minimumPercent: 0,
    });
    expect(r.status).toBe(201);
    return r.body.id as string;
  };
  const createProject = async (budgetId: string, title: string, euros: number) => {
    const r = await api('post', `/budgets/${budgetId}/projects`, admin, {
      title: { fr: title },
      amountCents: euros * EUR,
    });
    expect(r.status).toBe(201);
    return r.body.id as string;
  };
  const vote = async (budgetId: string, who: InternalIdentity, projectIds: string[]) =>
    expect(
      (await api('post', `/budgets/${budgetId}/order/checkout`, who, { projectIds })).status,
    ).toBe(201);
  const confirm = (budgetId: string) =>
    api('post', `/budgets/${budgetId}/results/confirm`, admin, {});
  const confirmedAt = async (budgetId: string) => {
    const [b] = await booted.db.query<{ results_confirmed_at: Date }>(
      `SELECT results_confirmed_at FROM budgeting.budgets WHERE id = $1`,
      [budgetId],
    );
    return new Date(b.results_confirmed_at).toISOString();
  };

  beforeAll(async () => {
    booted = await bootService(budgetingService, { database: target.open });
    server = booted.service.app.getHttpServer();
    await booted.db.query(`DROP SCHEMA IF EXISTS ${STUB} CASCADE`);
    await booted.db.query(`CREATE SCHEMA ${STUB}`);
    spaces = booted.db.dataSource({ schema: STUB });
    await spaces.initialize();
    const qr = spaces.createQueryRunner();
    await createMessagingTables(qr, STUB);
    await qr.release();
    await booted.bus.relay(spaces, STUB);
    const space: SpaceChangedJson = {
      spaceId,
      organizationId: org,
      slug: 'budget-2027',
      title: spaceTitle,
      area: {},
      state: 'published',
      private: false,
      kind: 'process',
      changedAt: new Date().toISOString(),
    };
    await fromSpaces({
      topic: Topics.SpacesSpaceChangedV1,
      key: spaceId,
      schema: 'palabre.spaces.v1.SpaceChanged',
      payload: space,
    });
    const settings: ComponentSettingsChangedJson = {
      componentId,
      spaceId,
      organizationId: org,
      componentType: 'budgets',
      activePhaseId: '',
      cause: 'created',
      settings: { votes_enabled: true, allow_cancel: true },
      // Any signed-in participant votes: accounts and FranceConnect voters alike.
      permissions: { vote: { verification: 'none' } },
    };
    await fromSpaces({
      topic: Topics.SpacesComponentSettingsChangedV1,
      key: componentId,
      schema: 'palabre.spaces.v1.ComponentSettingsChanged',
      payload: settings,
    });
    await until('the space and the component in budgeting', async () => {
      const [r] = await booted.db.query<{ n: string }>(
        `SELECT (SELECT count(*) FROM budgeting.spaces WHERE space_id = $1)
              + (SELECT count(*) FROM budgeting.components WHERE component_id = $2) AS n`,
        [spaceId, componentId],
      );
      return Number(r.n) === 2;
    });
  }, 60_000);
  afterAll(async () => {
    if (spaces?.isInitialized) await spaces.destroy();
    await booted?.close();
  });

  it('tells every account that checked out a vote, once, when the results are confirmed', async () => {
    const title = { fr: 'Quartier Nord', en: 'North district' };
    const budgetId = await createBudget(title);
    const park = await createProject(budgetId, 'Un parc', 600);
    const bench = await createProject(budgetId, 'Des bancs', 300);
    const lights = await createProject(budgetId, 'Des lampadaires', 500);
    const voters = [account(), account(), account()];
    await vote(budgetId, voters[0], [park]);
    await vote(budgetId, voters[1], [park, bench]);
    await vote(budgetId, voters[2], [bench]);
    // FranceConnect voters: pseudonyms that lead to no account.
    await vote(budgetId, franceConnect(), [park]);
    await vote(budgetId, franceConnect(), [lights]);
    // A cart never checked out is no vote.
    const browsing = account();
    expect(
      (await api('put', `/budgets/${budgetId}/order/projects/${lights}`, browsing)).status,
    ).toBe(200);
    // A vote cancelled is no vote.
    const changedMind = account();
    await vote(budgetId, changedMind, [lights]);
    expect((await api('delete', `/budgets/${budgetId}/order`, changedMind)).status).toBe(204);
    // A vote in another budget of the same space.
    const elsewhere = await createBudget({ fr: 'Quartier Sud' });
    await vote(elsewhere, account(), [await createProject(elsewhere, 'Un préau', 100)]);
    expect(await told(budgetId)).toEqual([]);

    const confirmed = await confirm(budgetId);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.selectedProjectIds).toEqual([park, bench]);
    const at = await confirmedAt(budgetId);
    expect(await told(budgetId)).toEqual([
      {
        organizationId: org,
        kind: 'budget.results',
        recipientIds: expect.any(Array),
        spaceId,
        spaceTitle,
        subjectId: budgetId,
        title,
        path: `/spaces/${spaceId}/budgets/${componentId}/${budgetId}/results`,
        params: { selected: '2' },
        occurredAt: at,
        dedupeKey: `budget.results:${budgetId}:${at}`,
      },
    ]);
    const [n] = await told(budgetId);
    expect([...n.recipientIds!].sort()).toEqual(voters.map((v) => v.userId).sort());

    // Confirmed already: refused, nothing told again.
    expect((await confirm(budgetId)).status).toBe(409);
    expect(await told(budgetId)).toHaveLength(1);
    // The other budget's results are not confirmed: its voter is told nothing yet.
    expect(await told(elsewhere)).toEqual([]);
  });

  it('tells nobody when only FranceConnect voters voted', async () => {
    const budgetId = await createBudget({ fr: 'Quartier Est' });
    const square = await createProject(budgetId, 'Un square', 200);
    await vote(budgetId, franceConnect(), [square]);
    await vote(budgetId, franceConnect(), [square]);
    expect((await confirm(budgetId)).status).toBe(200);
    expect(await told(budgetId)).toEqual([]);
  });

  it('tells 100,000 voters in events of 10,000, collected in one statement', async () => {
    const budgetId = await createBudget({ fr: 'Toute la ville' });
    const project = await createProject(budgetId, 'Une piscine', 900);
    // As many checked-out orders as checkouts would leave (the counters are not the point here).
    const ids = Array.from({ length: 100_000 }, () => randomUUID());
    const orders = (keys: string[], checkedOut: boolean) =>
      booted.db.query(
        `INSERT INTO budgeting.orders (organization_id, component_id, budget_id, voter_key, project_ids,
                                       total_cents, checked_out_at)
         SELECT $1, $2, $3, k, ARRAY[$4::uuid], 90000, CASE WHEN $6 THEN now() END
           FROM unnest($5::text[]) AS k`,
        [org, componentId, budgetId, project, keys, checkedOut],
      );
    await orders(
      ids.map((id) => `account:${id}`),
      true,
    );
    await orders(
      Array.from({ length: 2_000 }, () => `fc:${randomUUID()}`),
      true,
    );
    await orders(
      Array.from({ length: 500 }, () => `account:${randomUUID()}`),
      false,
    );
    expect((await confirm(budgetId)).status).toBe(200);
    const at = await confirmedAt(budgetId);
    const events = await told(budgetId);
    expect(events.map((e) => e.dedupeKey)).toEqual(
      Array.from({ length: 10 }, (_, i) => `budget.results:${budgetId}:${at}#${i}`),
    );
    for (const e of events) {
      expect(e.recipientIds).toHaveLength(10_000);
      expect(e).toMatchObject({ kind: 'budget.results', title: { fr: 'Toute la ville' } });
    }
    const told100k = events.flatMap((e) => e.recipientIds ?? []);
    expect(new Set(told100k).size).toBe(100_000);
    expect(told100k.sort()).toEqual(ids.sort());
  }, 120_000);
});
