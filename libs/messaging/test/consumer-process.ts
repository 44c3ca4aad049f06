/**
 * A second process for the two-process contract test: consumes one topic
 * with an inbox-backed handler and records effects. Run with
 * `node -r @swc-node/register libs/messaging/test/consumer-process.ts URL SCHEMA TOPIC GROUP`.
 */
import { EventBus, PostgresTransport } from '../src';
import { Database } from '@palabre/persistence';

async function main() {
  const [url, schema, topic, group] = process.argv.slice(2);
  const db = await Database.open({ url, poolSize: 4 });
  const ds = db.dataSource({ schema });
  await ds.initialize();
  const bus = new EventBus(db, new PostgresTransport(db, { pollIntervalMs: 50, leaseMs: 1500 }));
  await bus.consume({
    ds,
    schema,
    group,
    topics: [topic],
    handle: async (e, m) => {
      await m.query(`INSERT INTO "${schema}".effects (event_id, key, n) VALUES ($1, $2, $3)`, [
        e.id,
        e.key,
        (e.payload as { n: number }).n,
      ]);
      await new Promise((r) => setTimeout(r, 2));
    },
  });
  process.stdout.write(`ready ${process.pid}\n`);
  process.on(
    'SIGTERM',
    () =>
      void bus
        .stop()
        .then(() => db.close())
        .then(() => process.exit(0)),
  );
}

void main();
