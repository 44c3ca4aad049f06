import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');

const children: ChildProcess[] = [];

function startPlatform(dataDir: string, port: number): ChildProcess {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/gateway/src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      METRICS_PORT: String(port + 1),
      HOST: '127.0.0.1',
      PALABRE_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.push(child);
  return child;
}

async function ready(port: number, timeoutMs = 60_000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health/ready`)).ok) return;
    } catch {
      // not yet
    }
    if (Date.now() > end) throw new Error('platform not ready');
    await new Promise((r) => setTimeout(r, 100));
  }
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

describe('embedded platform lifecycle', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'palabre-lifecycle-'));
  afterAll(() => {
    // A failed expectation must not leave a platform running (and jest waiting for it).
    for (const child of children) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('stops cleanly on Ctrl-C and keeps its data across a restart', async () => {
    const port = 4720;
    const first = startPlatform(dataDir, port);
    await ready(port);
    // The operations port opens just after the public one.
    await ready(port + 1);
    const before = await (
      await fetch(`http://127.0.0.1:${port}/api/identity/organizations/current`)
    ).json();
    expect(before.slug).toBe('demo');
    // Metrics and health details on the operations port; the public port has neither.
    const metrics = await fetch(`http://127.0.0.1:${port + 1}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('palabre_http_request_duration_seconds_bucket');
    const details = await (await fetch(`http://127.0.0.1:${port + 1}/health/ready`)).json();
    expect(details).toMatchObject({ status: 'ok', checks: { platform: true, identity: true } });
    expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(404);
    expect(await (await fetch(`http://127.0.0.1:${port}/health/ready`)).json()).toEqual({
      status: 'ok',
    });
    const code = exited(first);
    first.kill('SIGINT');
    expect(await code).toBe(0);

    const second = startPlatform(dataDir, port);
    try {
      await ready(port);
      const after = await (
        await fetch(`http://127.0.0.1:${port}/api/identity/organizations/current`)
      ).json();
      // Same organization, not a second seed.
      expect(after.id).toBe(before.id);
    } finally {
      const done = exited(second);
      second.kill('SIGINT');
      expect(await done).toBe(0);
    }
  });
});
