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

  it('accepts an app-specific schema', () => {
    const schema = z.object({ SECRET: z.string().min(32, 'must be at least 32 characters') });
    expect(() => loadEnv('gateway', schema, { SECRET: 'short' })).toThrow(
      /SECRET: must be at least 32/,
    );
  });
});
