import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');

function startPlatform(dataDir: string, port: number): ChildProcess {
  return spawn(process.execPath, ['-r', '@swc-node/register', 'apps/gateway/src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      PALABRE_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
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
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('stops cleanly on Ctrl-C and keeps its data across a restart', async () => {
    const port = 4720;
    const first = startPlatform(dataDir, port);
    await ready(port);
    const before = await (
      await fetch(`http://127.0.0.1:${port}/api/identity/organizations/current`)
    ).json();
    expect(before.slug).toBe('demo');
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
