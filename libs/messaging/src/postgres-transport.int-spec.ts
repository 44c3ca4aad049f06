import { testDatabaseTargets } from '@palabre/persistence';
import { PostgresTransport } from './postgres-transport';
import { describeTransportContract } from './transport.contract';

for (const target of testDatabaseTargets()) {
  describeTransportContract(`postgres on ${target.name}`, async () => {
    const db = await target.open();
    return { db, makeTransport: () => new PostgresTransport(db, { pollIntervalMs: 100 }) };
  });
}
