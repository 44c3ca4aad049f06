import { z } from 'zod';
import { ConfigError, loadEnv, serviceEnvSchema } from './env';

describe('loadEnv', () => {
  it('applies defaults and coerces types', () => {
    const env = loadEnv('identity', serviceEnvSchema, { PORT: '4010' });
    expect(env.PORT).toBe(4010);
    expect(env.EVENTS_TRANSPORT).toBe('postgres');
  });

  it('treats an empty variable as unset', () => {
    expect(
      loadEnv('identity', serviceEnvSchema, { DATABASE_URL: '', PORT: '' }).DATABASE_URL,
    ).toBeUndefined();
  });

  it('names every invalid variable in one error', () => {
    let error: unknown;
    try {
      loadEnv('identity', serviceEnvSchema, { PORT: 'eighty', DATABASE_URL: 'mysql://x' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.map((p) => p.variable).sort();
    expect(problems).toEqual(['DATABASE_URL', 'PORT']);
    expect((error as ConfigError).message).toContain('Invalid configuration for identity');
  });

  it('requires KAFKA_BROKERS when the kafka transport is chosen', () => {
    expect(() => loadEnv('x', serviceEnvSchema, { EVENTS_TRANSPORT: 'kafka' })).toThrow(
      /KAFKA_BROKERS: is required when EVENTS_TRANSPORT=kafka/,
    );
  });

  it('reads the Kafka client security variables, KAFKA_SSL as a boolean', () => {
    expect(loadEnv('x', serviceEnvSchema, {}).KAFKA_SSL).toBe(false);
    const env = loadEnv('x', serviceEnvSchema, {
      EVENTS_TRANSPORT: 'kafka',
      KAFKA_BROKERS: 'k1:9093',
      KAFKA_SSL: 'true',
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'palabre',
      KAFKA_SASL_PASSWORD: 's3cret',
    });
    expect(env).toMatchObject({ KAFKA_SSL: true, KAFKA_SASL_MECHANISM: 'scram-sha-512' });
  });

  it('refuses a SASL mechanism without credentials and a KAFKA_SSL that is not a boolean', () => {
    expect(() => loadEnv('x', serviceEnvSchema, { KAFKA_SASL_MECHANISM: 'plain' })).toThrow(
      /KAFKA_SASL_USERNAME: is required when KAFKA_SASL_MECHANISM=plain\n {2}- KAFKA_SASL_PASSWORD: is required/,
    );
    expect(() => loadEnv('x', serviceEnvSchema, { KAFKA_SSL: '1' })).toThrow(
      /KAFKA_SSL: must be "true" or "false"/,
    );
  });

  it('accepts an app-specific schema', () => {
    const schema = z.object({ SECRET: z.string().min(32, 'must be at least 32 characters') });
    expect(() => loadEnv('gateway', schema, { SECRET: 'short' })).toThrow(
      /SECRET: must be at least 32/,
    );
  });
});
