import { EventHeaders, partitionFor } from './event';
import { fromKafkaHeaders, toKafkaMessage } from './kafka-transport';
import { backoffDelay, deadLetterMessage, deliverWithRetry, NonRetryableError } from './retry';

describe('kafka message mapping', () => {
  it('keys by aggregate id and carries event id, tenant, trace and schema headers', () => {
    const m = toKafkaMessage({
      id: 'e1',
      topic: 'identity.organization.created.v1',
      key: 'org-1',
      headers: {
        [EventHeaders.tenantId]: 't1',
        traceparent: '00-abc-def-01',
        schema: 'palabre.identity.v1.OrganizationCreated',
      },
      payload: { name: 'Ville' },
    });
    expect(m.key).toBe('org-1');
    expect(JSON.parse(m.value)).toEqual({ name: 'Ville' });
    const back = fromKafkaHeaders({ ...m.headers, extra: Buffer.from('x') });
    expect(back).toMatchObject({
      'event-id': 'e1',
      'tenant-id': 't1',
      traceparent: '00-abc-def-01',
      extra: 'x',
    });
  });
});

describe('loading kafkajs', () => {
  it('happens only when a Kafka transport first connects, never for a process on the postgres transport', async () => {
    let loaded = 0;
    const connect = jest.fn(async () => undefined);
    jest.doMock('kafkajs', () => {
      loaded++;
      return {
        logLevel: { NOTHING: 0 },
        Partitioners: { DefaultPartitioner: () => () => 0 },
        Kafka: class {
          producer = () => ({ connect });
        },
      };
    });
    let messaging!: typeof import('./index');
    jest.isolateModules(() => {
      messaging = jest.requireActual<typeof import('./index')>('./index');
    });
    const transport = new messaging.KafkaTransport({ brokers: ['127.0.0.1:1'] });
    expect(loaded).toBe(0);
    await Promise.all([transport.start(), transport.start()]);
    expect(loaded).toBe(1);
    expect(connect).toHaveBeenCalledTimes(1);
    jest.dontMock('kafkajs');
  });
});

describe('retries', () => {
  const msg = {
    id: 'e',
    topic: 't.x.y.v1',
    key: 'k',
    headers: {},
    payload: 1,
    partition: 0,
    offset: '1',
  };

  it('backs off exponentially within the cap', () => {
    const policy = { maxAttempts: 5, initialDelayMs: 100, maxDelayMs: 1000 };
    for (let i = 0; i < 50; i++) {
      expect(backoffDelay(policy, 1)).toBeGreaterThanOrEqual(50);
      expect(backoffDelay(policy, 1)).toBeLessThanOrEqual(100);
      expect(backoffDelay(policy, 10)).toBeLessThanOrEqual(1000);
    }
  });

  it('dead-letters a non-retryable failure at once', async () => {
    const dead: unknown[] = [];
    let calls = 0;
    const outcome = await deliverWithRetry(
      msg,
      async () => {
        calls++;
        throw new NonRetryableError('bad payload');
      },
      { maxAttempts: 5, initialDelayMs: 1, maxDelayMs: 1 },
      async (m, e, attempts) => void dead.push(deadLetterMessage(m, e, attempts)),
    );
    expect(outcome).toBe('dead-lettered');
    expect(calls).toBe(1);
    expect(dead[0]).toMatchObject({
      topic: 't.x.y.v1.dlt',
      headers: { 'dead-letter-attempts': '1' },
    });
  });

  it('partitions a key to the same place every time', () => {
    expect(partitionFor('petition-42', 8)).toBe(partitionFor('petition-42', 8));
    const spread = new Set(Array.from({ length: 200 }, (_, i) => partitionFor(`k${i}`, 8)));
    expect(spread.size).toBe(8);
  });
});
