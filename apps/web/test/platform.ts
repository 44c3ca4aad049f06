import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export interface RunningPlatform {
  url: string;
  port: number;
  /** The last 20 KB the platform wrote (its warnings and errors): print it when a test fails. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Whether process `pid` holds the socket listening on 127.0.0.1:`port` (Linux:
 * the socket's inode from /proc/net/tcp among the process's descriptors).
 */
function listensOn(pid: number | undefined, port: number): boolean {
  if (pid === undefined) return false;
  try {
    const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
    const inodes = new Set<string>();
    for (const line of readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      // local_address is HEXIP:HEXPORT, state 0A is LISTEN, inode is the 10th column.
      if (cols[1]?.endsWith(`:${hexPort}`) && cols[3] === '0A') inodes.add(cols[9]);
    }
    if (inodes.size === 0) return false;
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (m && inodes.has(m[1])) return true;
      } catch {
        // descriptor closed meanwhile
      }
    }
    return false;
  } catch {
    // No /proc (not Linux): trust the answer as before.
    return true;
  }
}

/**
 * The real platform as `npm start` runs it (the gateway's main, embedded, every
 * service including web, the local FranceConnect, demo content), in memory, on
 * a free port. Spawned, not imported: an app's tests never import another app.
 * `env` overrides its settings (e.g. DATABASE_URL: a PostgreSQL database the
 * test writes other services' events into).
 */
export async function startPlatform(env: Record<string, string> = {}): Promise<RunningPlatform> {
  // A free port can be taken between its probe and the platform's listen (test files run
  // side by side): then start again on another one.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(env);
    } catch (error) {
      if (attempt >= 3 || !/EADDRINUSE/.test((error as Error).message)) throw error;
    }
  }
}

async function startOnce(env: Record<string, string>): Promise<RunningPlatform> {
  const port = await freePort();
  const root = join(__dirname, '..', '..', '..');
  const child: ChildProcess = spawn(
    process.execPath,
    ['-r', '@swc-node/register', 'apps/gateway/src/main.ts'],
    {
      cwd: root,
      env: {
        ...process.env,
        PORT: String(port),
        // Test files start platforms side by side: each its own free operations port.
        METRICS_PORT: '0',
        HOST: '127.0.0.1',
        GATEWAY_MODE: 'embedded',
        PALABRE_DATA_DIR: 'memory://',
        DATABASE_URL: '',
        SEED_DEMO: 'true',
        RATE_LIMIT_PER_MINUTE: '100000',
        LOG_LEVEL: 'warn',
        NODE_ENV: 'development',
        SWC_NODE_PROJECT: join(root, 'tsconfig.json'),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-20_000)));
  child.stderr?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-20_000)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Platform exited early:\n${output}`);
    try {
      const r = await fetch(`${url}/health/ready`);
      // Another test file's platform may have taken the probed port first: only our
      // child answering counts (ours then exits with EADDRINUSE and we start again).
      if (r.ok && listensOn(child.pid, port)) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`Platform not ready in 90 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  // Demo petitions arrive through an event after start: wait until the list has them.
  for (let i = 0; i < 100; i++) {
    const r = await fetch(`${url}/api/petitions?sort=newest`, {
      headers: { host: `127.0.0.1:${port}` },
    });
    if (r.ok && ((await r.json()) as { items: unknown[] }).items.length > 0) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    port,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
