import { ConfigError } from '@palabre/config';
import type { Database } from '@palabre/persistence';
import { createTransport } from './bus';
import { KAFKAJS_ERROR, KAFKAJS_WARN, kafkaClientOptions, kafkaLogCreator } from './kafka-client';

describe('kafkaClientOptions', () => {
  it('connects in clear without authentication when nothing is set', () => {
    expect(kafkaClientOptions({})).toEqual({ ssl: false });
  });

  it('turns TLS on with KAFKA_SSL=true and off with false', () => {
    expect(kafkaClientOptions({ KAFKA_SSL: 'true' })).toEqual({ ssl: true });
    expect(kafkaClientOptions({ KAFKA_SSL: 'false' })).toEqual({ ssl: false });
  });

  it.each(['plain', 'scram-sha-256', 'scram-sha-512'] as const)(
    'authenticates with SASL %s and the given credentials',
    (mechanism) => {
      expect(
        kafkaClientOptions({
          KAFKA_SSL: 'true',
          KAFKA_SASL_MECHANISM: mechanism,
          KAFKA_SASL_USERNAME: 'palabre',
          KAFKA_SASL_PASSWORD: 's3cret',
        }),
      ).toEqual({ ssl: true, sasl: { mechanism, username: 'palabre', password: 's3cret' } });
    },
  );

  function problems(env: NodeJS.ProcessEnv): { variable: string; message: string }[] {
    try {
      kafkaClientOptions(env, 'surveys');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).message).toContain('Invalid configuration for surveys');
      return (error as ConfigError).problems;
    }
    throw new Error('expected a ConfigError');
  }

  it('refuses a mechanism without both credentials, naming each missing one', () => {
    expect(problems({ KAFKA_SASL_MECHANISM: 'scram-sha-512' })).toEqual([
      {
        variable: 'KAFKA_SASL_USERNAME',
        message: 'is required when KAFKA_SASL_MECHANISM=scram-sha-512',
      },
      {
        variable: 'KAFKA_SASL_PASSWORD',
        message: 'is required when KAFKA_SASL_MECHANISM=scram-sha-512',
      },
    ]);
    expect(
      problems({
        KAFKA_SASL_MECHANISM: 'plain',
        KAFKA_SASL_USERNAME: 'u',
        KAFKA_SASL_PASSWORD: '',
      }),
    ).toEqual([
      { variable: 'KAFKA_SASL_PASSWORD', message: 'is required when KAFKA_SASL_MECHANISM=plain' },
    ]);
  });

  it('refuses credentials without a mechanism, an unknown mechanism and a KAFKA_SSL that is not a boolean', () => {
    expect(problems({ KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' })[0].variable).toBe(
      'KAFKA_SASL_MECHANISM',
    );
    expect(
      problems({
        KAFKA_SASL_MECHANISM: 'gssapi',
        KAFKA_SASL_USERNAME: 'u',
        KAFKA_SASL_PASSWORD: 'p',
      })[0].variable,
    ).toBe('KAFKA_SASL_MECHANISM');
    expect(problems({ KAFKA_SSL: 'yes' })).toEqual([
      { variable: 'KAFKA_SSL', message: 'must be "true" or "false"' },
    ]);
  });

  it('never puts the password in the error', () => {
    const error = (() => {
      try {
        kafkaClientOptions({ KAFKA_SASL_MECHANISM: 'oauth', KAFKA_SASL_PASSWORD: 'hunter2' });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.message).not.toContain('hunter2');
  });
});

describe('the kafka transport the bus builds', () => {
  const db = {} as Database;
  let created: Record<string, unknown>[];

  beforeEach(() => {
    created = [];
    jest.doMock('kafkajs', () => ({
      logLevel: { NOTHING: 0, ERROR: 1, WARN: 2 },
      Partitioners: { DefaultPartitioner: () => () => 0 },
      Kafka: class {
        constructor(config: Record<string, unknown>) {
          created.push(config);
        }
        producer = () => ({ connect: async () => undefined });
      },
    }));
  });
  afterEach(() => jest.dontMock('kafkajs'));

  it('gives kafkajs the TLS and SASL options of the environment', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, {
      KAFKA_SSL: 'true',
      KAFKA_SASL_MECHANISM: 'scram-sha-256',
      KAFKA_SASL_USERNAME: 'palabre',
      KAFKA_SASL_PASSWORD: 's3cret',
    });
    try {
      const transport = createTransport(db, {
        transport: 'kafka',
        kafkaBrokers: 'k1:9093,k2:9093',
      });
      await transport.start();
    } finally {
      process.env = saved;
    }
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({
      brokers: ['k1:9093', 'k2:9093'],
      ssl: true,
      sasl: { mechanism: 'scram-sha-256', username: 'palabre', password: 's3cret' },
      logLevel: 2,
    });
    expect(created[0].logCreator).toEqual(expect.any(Function));
  });

  it('prefers options given in the bus config, and refuses a mechanism without credentials', async () => {
    const transport = createTransport(db, {
      transport: 'kafka',
      kafkaBrokers: 'k1:9092',
      kafka: { ssl: false },
    });
    await transport.start();
    expect(created[0]).toMatchObject({ ssl: undefined, sasl: undefined });

    const saved = { ...process.env };
    process.env.KAFKA_SASL_MECHANISM = 'plain';
    delete process.env.KAFKA_SASL_USERNAME;
    delete process.env.KAFKA_SASL_PASSWORD;
    try {
      expect(() =>
        createTransport(db, { transport: 'kafka', kafkaBrokers: 'k1:9092', clientId: 'surveys' }),
      ).toThrow(/Invalid configuration for surveys:\n {2}- KAFKA_SASL_USERNAME: is required/);
    } finally {
      process.env = saved;
    }
  });

  it("sends kafkajs's warnings and errors to the bus's onError when it has no logger", async () => {
    const told: [unknown, string][] = [];
    await createTransport(db, {
      transport: 'kafka',
      kafkaBrokers: 'k1:9092',
      kafka: { ssl: false },
      onError: (error, where) => told.push([error, where]),
    }).start();
    const log = (created[0].logCreator as ReturnType<typeof kafkaLogCreator>)();
    log({
      namespace: 'Connection',
      level: KAFKAJS_ERROR,
      label: 'ERROR',
      log: { timestamp: '', message: 'Connection timeout', broker: 'k1:9092' },
    });
    expect(told).toHaveLength(1);
    expect(told[0][1]).toBe('kafka client');
    expect(String(told[0][0])).toBe(
      'KafkaClientError: Kafka: Connection timeout (kafka=Connection broker=k1:9092)',
    );
  });
});

describe('kafkaLogCreator', () => {
  it('forwards warnings and errors with where they happened, never message contents', () => {
    const lines: unknown[][] = [];
    const log = kafkaLogCreator({ emit: (...args) => void lines.push(args) })();
    const entry = (level: number, message: string, extra: Record<string, unknown> = {}) => ({
      namespace: 'Runner',
      level,
      label: '',
      log: { timestamp: 't', message, ...extra },
    });
    log(entry(4, 'fetching'));
    log(entry(5, 'request'));
    log(
      entry(KAFKAJS_WARN, 'The group is rebalancing, re-joining', {
        groupId: 'g',
        error: 'The group is rebalancing',
        memberId: 'm-1',
      }),
    );
    log(
      entry(KAFKAJS_ERROR, 'Crash: KafkaJSNumberOfRetriesExceeded', {
        groupId: 'g',
        retryCount: 8,
        stack: 'at …',
        payload: { email: 'someone@example.org' },
      }),
    );
    log({
      namespace: 'Connection',
      level: KAFKAJS_ERROR,
      label: 'ERROR',
      log: {
        timestamp: 't',
        message: 'Response Metadata(key: 3, version: 6)',
        error: 'Not leader',
      },
    });
    // Told to onError by the transport already.
    log(entry(KAFKAJS_ERROR, 'Error when calling eachMessage', { error: new Error('x') }));
    expect(lines).toEqual([
      [
        'warn',
        'Kafka: The group is rebalancing, re-joining',
        { kafka: 'Runner', groupId: 'g', error: 'The group is rebalancing' },
      ],
      [
        'error',
        'Kafka: Crash: KafkaJSNumberOfRetriesExceeded',
        { kafka: 'Runner', groupId: 'g', retryCount: 8 },
      ],
      // Retried or thrown by the request's caller: a warning.
      [
        'warn',
        'Kafka: Response Metadata(key: 3, version: 6)',
        { kafka: 'Connection', error: 'Not leader' },
      ],
    ]);
  });
});
