import { testDatabaseTargets } from '@palabre/persistence';
import { KafkaTransport } from './kafka-transport';
import { describeTransportContract } from './transport.contract';

const brokers = process.env.KAFKA_BROKERS;

if (!brokers) {
  // No broker can be installed on our CI machines; the suite runs wherever one is given.
  console.info(
    'Kafka transport contract skipped: set KAFKA_BROKERS=host:port to run it against a broker.',
  );
  it.skip('kafka transport contract (KAFKA_BROKERS not set)', () => undefined);
} else {
  describeTransportContract('kafka', async () => {
    const db = await testDatabaseTargets()[0].open();
    return {
      db,
      makeTransport: () =>
        new KafkaTransport({ brokers: brokers.split(','), clientId: 'palabre-contract' }),
    };
  });
}
