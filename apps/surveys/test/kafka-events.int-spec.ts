/**
 * Two services, each with its own database connection and its own Kafka
 * client, exchange events through a real broker as in distributed mode:
 * surveys registers its component type with spaces, spaces tells surveys
 * about a published space and the component created in it. Runs where
 * KAFKA_BROKERS is set (CI starts a broker), on PostgreSQL when
 * TEST_DATABASE_URL is set, else on PGlite.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { generateIdentityKeys, IDENTITY_HEADER, type InternalIdentity } from '@palabre/auth';
import { EventBus } from '@palabre/messaging';
import type { Database } from '@palabre/persistence';
import { createServiceApp, type ServiceApp } from '@palabre/service-kit';
import { loadServiceDefinition, testDatabaseTargets, testLogger, until } from '@palabre/testing';
import { surveysService } from '../src/surveys.definition';

const brokers = process.env.KAFKA_BROKERS;

if (!brokers) {
  console.info('Services over Kafka skipped: set KAFKA_BROKERS=host:port to run them.');
  it.skip('spaces and surveys over Kafka (KAFKA_BROKERS not set)', () => undefined);
} else {
  const targets = testDatabaseTargets();
  const target = targets.find((t) => t.name === 'PostgreSQL') ?? targets[0];

  describe(`spaces and surveys over Kafka, on ${target.name}`, () => {
    const keys = generateIdentityKeys();
    const env: NodeJS.ProcessEnv = { ...process.env };
    const orgAdmin: InternalIdentity = {
      organizationId: randomUUID(),
      userId: randomUUID(),
      grants: [{ role: 'org-admin' }],
    };
    const failures: [string, string][] = [];
    const running: { db: Database; bus: EventBus; app: ServiceApp }[] = [];
    let loopback: Server | undefined;

    /** One service as its own process would run it: its database pool, its bus, its Kafka client. */
    async function start(name: string, def = loadServiceDefinition(name)) {
      const db = await target.open();
      await db.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`);
      const bus = EventBus.create(db, {
        transport: 'kafka',
        kafkaBrokers: brokers,
        clientId: name,
        relay: { pollIntervalMs: 50 },
        logger: testLogger(),
        onError: (error, where) => failures.push([name, `${where}: ${String(error)}`]),
      });
      const app = await createServiceApp(await def, {
        db,
        bus,
        logger: testLogger(),
        env,
        embedded: false,
        verifier: keys.verifierFor(name),
      });
      running.push({ db, bus, app });
      return { db, app };
    }

    let spaces: { db: Database; app: ServiceApp };
    let surveys: { db: Database; app: ServiceApp };
    const asAdmin = (app: ServiceApp, method: 'get' | 'post', path: string, body?: object) => {
      const r = request(app.app.getHttpServer())
        [method](path)
        .set(IDENTITY_HEADER, keys.issuer.issue(orgAdmin, app.definition.name));
      return body === undefined ? r : r.send(body);
    };

    beforeAll(async () => {
      spaces = await start('spaces');
      loopback = createServer(spaces.app.handler);
      await new Promise<void>((r) => loopback!.listen(0, '127.0.0.1', r));
      env.SERVICE_URL_SPACES = `http://127.0.0.1:${(loopback.address() as AddressInfo).port}`;
      surveys = await start('surveys', Promise.resolve(surveysService));
    }, 120_000);

    afterAll(async () => {
      loopback?.close();
      for (const { app, bus, db } of running.reverse()) {
        await app.close();
        await bus.stop();
        await db.close();
      }
    });

    it('carries each service’s events to the other through the broker', async () => {
      for (const { bus } of running) expect(bus.transport.name).toBe('kafka');

      // surveys → spaces: the component type surveys registers.
      await until(
        'the surveys type in spaces',
        async () => {
          const r = await asAdmin(spaces.app, 'get', '/component-types');
          return r.body.items?.find((t: { type: string }) => t.type === 'surveys');
        },
        60_000,
      );

      // spaces → surveys: a published space and a surveys component created in it.
      const space = await asAdmin(spaces.app, 'post', '/', {
        kind: 'assembly',
        slug: `kafka-${randomUUID().slice(0, 8)}`,
        title: { fr: 'Assemblée sur Kafka' },
      });
      expect(space.status).toBe(201);
      expect((await asAdmin(spaces.app, 'post', `/${space.body.id}/publish`)).status).toBe(200);
      const component = await asAdmin(spaces.app, 'post', `/${space.body.id}/components`, {
        type: 'surveys',
        name: { fr: 'Consultations' },
      });
      expect(component.status).toBe(201);
      await until(
        'the space and component in surveys',
        async () => {
          const [c] = await surveys.db.query(
            `SELECT 1 FROM surveys.components WHERE component_id = $1`,
            [component.body.id],
          );
          const [s] = await surveys.db.query(
            `SELECT 1 FROM surveys.spaces WHERE space_id = $1 AND state = 'published'`,
            [space.body.id],
          );
          return !!c && !!s;
        },
        60_000,
      );

      // Now usable in surveys, which learned of it only through Kafka.
      const survey = await asAdmin(
        surveys.app,
        'post',
        `/components/${component.body.id}/surveys`,
        {
          title: { fr: 'Par Kafka' },
          questions: [{ id: 'idea', type: 'short', title: { fr: 'Une idée ?' } }],
        },
      );
      expect(survey.status).toBe(201);
      expect(failures).toEqual([]);
    }, 120_000);
  });
}
