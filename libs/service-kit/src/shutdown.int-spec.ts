import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { JsonLogger } from '@palabre/observability';
import { onShutdown } from './shutdown';

const root = join(__dirname, '..', '..', '..');

/**
 * A process like a service: a public listener, the operations listener and
 * onShutdown. It prints its ports, then `stopped` when onShutdown calls stop.
 */
const SERVICE = `
  const { createServer } = require('node:http');
  const { JsonLogger, listenOperations } = require('./libs/observability/src');
  const { onShutdown } = require('./libs/service-kit/src/shutdown');
  (async () => {
    const app = createServer((req, res) => res.end('served'));
    await new Promise((r) => app.listen(0, '127.0.0.1', r));
    const ops = await listenOperations({
      port: 0,
      host: '127.0.0.1',
      readiness: async () => ({ ready: true, checks: { database: true } }),
    });
    onShutdown(async () => {
      process.stdout.write('stopped\\n');
      await ops.close();
      await new Promise((r) => app.close(r));
    }, new JsonLogger('test', 'error'));
    process.stdout.write(JSON.stringify({ app: app.address().port, ops: ops.port }) + '\\n');
  })();`;

interface Service {
  child: ChildProcess;
  ports: { app: number; ops: number };
  output: string[];
  exited: Promise<number | null>;
}

const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
});

async function startService(delaySeconds: string): Promise<Service> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', '-e', SERVICE], {
    cwd: root,
    env: { ...process.env, SHUTDOWN_DELAY_SECONDS: delaySeconds },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  const output: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const ports = await new Promise<Service['ports']>((resolve, reject) => {
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      for (const line of chunk.split('\n').filter(Boolean)) {
        output.push(line);
        if (line.startsWith('{')) resolve(JSON.parse(line));
      }
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code} before listening`)));
  });
  return { child, ports, output, exited };
}

describe('a graceful stop', () => {
  it('on SIGTERM turns unready at once, keeps serving through the pause, then stops', async () => {
    const service = await startService('5');
    const ready = () => fetch(`http://127.0.0.1:${service.ports.ops}/health/ready`);
    expect((await ready()).status).toBe(200);

    service.child.kill('SIGTERM');
    // Unready as soon as the signal is handled...
    for (let r = await ready(); r.status !== 503; r = await ready()) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await (await ready()).json()).toMatchObject({ status: 'unavailable', stopping: true });
    // ...yet still serving, and not yet stopping its listeners.
    const served = await fetch(`http://127.0.0.1:${service.ports.app}/`);
    expect(await served.text()).toBe('served');
    expect(service.output).not.toContain('stopped');
    // Then it closes and exits cleanly.
    expect(await service.exited).toBe(0);
    expect(service.output).toContain('stopped');
  }, 30_000);

  it('on Ctrl-C (SIGINT) stops without the pause', async () => {
    const service = await startService('300');
    service.child.kill('SIGINT');
    expect(await service.exited).toBe(0);
    expect(service.output).toContain('stopped');
  }, 30_000);

  it('refuses a pause that is not a number of seconds', () => {
    const saved = process.env.SHUTDOWN_DELAY_SECONDS;
    process.env.SHUTDOWN_DELAY_SECONDS = 'soon';
    try {
      expect(() => onShutdown(async () => undefined, new JsonLogger('test', 'error'))).toThrow(
        /SHUTDOWN_DELAY_SECONDS/,
      );
    } finally {
      if (saved === undefined) delete process.env.SHUTDOWN_DELAY_SECONDS;
      else process.env.SHUTDOWN_DELAY_SECONDS = saved;
    }
  });
});
