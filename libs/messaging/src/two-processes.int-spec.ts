import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Database, testDatabaseTargets } from '@palabre/persistence';
import { EventBus } from './bus';
import { publish } from './outbox';
import { PostgresTransport } from './postgres-transport';
import { setUpServiceSchema, waitUntil } from './transport.contract';

const postgres = testDatabaseTargets().find((t) => t.name === 'PostgreSQL');
let url = '';
const root = join(__dirname, '..', '..', '..');

function startConsumer(schema: string, topic: string, group: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      '-r',
      '@swc-node/register',
      'libs/messaging/test/consumer-process.ts',
      url,
      schema,
      topic,
      group,
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().startsWith('ready') && resolve(child));
    child.on('exit', (code) => reject(new Error(`consumer exited early (${code})`)));
  });
}

(postgres ? describe : describe.skip)(
  'postgres transport across two processes (real PostgreSQL)',
  () => {
    let db: Database;
    beforeAll(async () => {
      url = await postgres!.url!();
      db = await Database.open({ url, poolSize: 4 });
    });
    afterAll(() => db.close());

    it('delivers what one process publishes to another, and survives the consumer being killed', async () => {
      const schema = `bus2_${randomUUID().slice(0, 8)}`;
      const topic = `test.two-proc-${randomUUID().slice(0, 8)}.happened.v1`;
      const ds = await setUpServiceSchema(db, schema);
      await db.query(`ALTER TABLE "${schema}".effects ADD COLUMN seq bigserial`);
      const bus = new EventBus(db, new PostgresTransport(db, { pollIntervalMs: 50 }), {
        pollIntervalMs: 50,
      });
      const children: ChildProcess[] = [];
      try {
        children.push(await startConsumer(schema, topic, 'g-two'));
        await bus.relay(ds, schema);
        const total = 300;
        for (let n = 0; n < total; n++) {
          await ds.transaction((m) =>
            publish(m, schema, { topic, key: `agg-${n % 7}`, payload: { n } }),
          );
        }
        const count = async () =>
          Number(
            (await db.query<{ c: string }>(`SELECT count(*) AS c FROM "${schema}".effects`))[0].c,
          );
        await waitUntil(async () => (await count()) >= 40, 30_000, 'first effects');
        children[0].kill('SIGKILL');
        children.push(await startConsumer(schema, topic, 'g-two'));
        await waitUntil(async () => (await count()) >= total, 60_000, `all ${total} effects`);
        await new Promise((r) => setTimeout(r, 500));
        const rows = await db.query<{ event_id: string; key: string; n: number }>(
          `SELECT event_id, key, n FROM "${schema}".effects ORDER BY seq`,
        );
        expect(rows).toHaveLength(total);
        expect(new Set(rows.map((r) => r.event_id)).size).toBe(total);
        for (let k = 0; k < 7; k++) {
          const ns = rows.filter((r) => r.key === `agg-${k}`).map((r) => r.n);
          expect(ns).toEqual([...ns].sort((a, b) => a - b));
        }
      } finally {
        for (const c of children) c.kill('SIGKILL');
        await bus.stop();
        await ds.destroy();
        await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      }
    });
  },
);
