import { context, trace, ROOT_CONTEXT } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { JsonLogger, redact } from './logger';

beforeAll(() => context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable()));
afterAll(() => context.disable());

describe('JsonLogger', () => {
  it('writes one JSON object per line and never personal data', () => {
    const lines: string[] = [];
    const logger = new JsonLogger('identity', 'info', (l) => lines.push(l));
    logger.emit('info', 'user registered', {
      email: 'alice@example.org',
      userId: 'u1',
      nested: { birthdate: '2000-01-01', sub: 'abc' },
    });
    const entry = JSON.parse(lines[0]);
    expect(entry).toMatchObject({
      level: 'info',
      service: 'identity',
      msg: 'user registered',
      userId: 'u1',
    });
    expect(lines[0]).not.toContain('alice@example.org');
    expect(lines[0]).not.toContain('2000-01-01');
    expect(entry.nested).toEqual({ birthdate: '[redacted]', sub: '[redacted]' });
  });

  it('drops messages under its level and carries the active trace id', () => {
    const lines: string[] = [];
    const logger = new JsonLogger('gateway', 'warn', (l) => lines.push(l));
    logger.log('ignored');
    const span = trace.wrapSpanContext({
      traceId: '0af7651916cd43dd8448eb211c80319c',
      spanId: 'b7ad6b7169203331',
      traceFlags: 1,
    });
    context.with(trace.setSpan(ROOT_CONTEXT, span), () => logger.warn('slow request'));
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({
      trace_id: '0af7651916cd43dd8448eb211c80319c',
      span_id: 'b7ad6b7169203331',
    });
  });

  it('redacts arrays of objects too', () => {
    expect(redact([{ password: 'x', id: 1 }])).toEqual([{ password: '[redacted]', id: 1 }]);
  });
});
