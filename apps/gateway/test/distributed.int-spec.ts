import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { deriveServiceKey, generateIdentityKeys } from '@palabre/auth';
import { testDatabaseTargets } from '@palabre/persistence';

const postgres = testDatabaseTargets().find((t) => t.name === 'PostgreSQL');
const root = join(__dirname, '..', '..', '..');

function launch(entry: string, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['-r', '@swc-node/register', entry], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function waitReady(base: string, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(`${base}/health/ready`)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > end) throw new Error(`${base} not ready`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Runs `code` (CommonJS, TypeScript sources through @swc-node/register) in a fresh
 * process that calls `done()` when it has loaded what it needs; returns the npm
 * packages the process loaded, through require or import.
 */
function packagesLoadedBy(code: string, env: Record<string, string> = {}): string[] {
  const probe = `
    const loaded = new Set();
    require('node:module').registerHooks({
      resolve(specifier, context, next) {
        const resolved = next(specifier, context);
        const m = /\\/node_modules\\/((?:@[^/]+\\/)?[^/]+)\\//.exec(resolved.url);
        if (m) loaded.add(m[1]);
        return resolved;
      },
    });
    const done = () => { process.stdout.write(JSON.stringify([...loaded])); process.exit(0); };
    ${code}`;
  const r = spawnSync(process.execPath, ['-r', '@swc-node/register', '-e', probe], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (r.status !== 0) throw new Error(`probe failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout) as string[];
}

describe('development tools stay out of production processes', () => {
  it('a distributed gateway never loads the local FranceConnect nor the mail catcher', () => {
    const keys = generateIdentityKeys();
    const loaded = packagesLoadedBy(
      `require('./apps/gateway/src/gateway.main').start().then(done);`,
      {
        GATEWAY_MODE: 'distributed',
        PORT: '4714',
        HOST: '127.0.0.1',
        METRICS_PORT: '0',
        INTERNAL_TOKEN_SECRET: keys.secret,
        SERVICE_URL_IDENTITY: 'http://127.0.0.1:4715',
      },
    );
    expect(loaded).toContain('@nestjs/core');
    expect(loaded).not.toContain('oidc-provider');
    expect(loaded).not.toContain('smtp-server');
  });

  it('the probe sees them where they run: the local provider and a started catcher', () => {
    const loaded = packagesLoadedBy(
      `require('./libs/fc-local/src');
       new (require('./libs/mail/src').MailCatcher)().start().then(done);`,
    );
    expect(loaded).toEqual(expect.arrayContaining(['oidc-provider', 'smtp-server']));
  });
});

describe('start-up configuration', () => {
  it('refuses to start with a message naming the bad variable', () => {
    const r = spawnSync(
      process.execPath,
      ['-r', '@swc-node/register', 'apps/identity/src/main.ts'],
      {
        cwd: root,
        env: { ...process.env, PORT: 'http', DATABASE_URL: 'mysql://nope' },
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(r.status).toBe(78);
    expect(r.stderr).toContain('Invalid configuration for identity');
    expect(r.stderr).toContain('PORT');
    expect(r.stderr).toContain('DATABASE_URL: must be a postgres:// URL');
  });
});

(postgres ? describe : describe.skip)(
  'distributed mode: gateway and identity as separate processes',
  () => {
    const children: ChildProcess[] = [];
    afterAll(() => children.forEach((c) => c.kill('SIGTERM')));

    it('routes through the gateway to a service in another process', async () => {
      const url = await postgres!.url!();
      const keys = generateIdentityKeys();
      const identityPort = '4711';
      const gatewayPort = '4710';
      const common = {
        DATABASE_URL: url,
        EVENTS_TRANSPORT: 'postgres',
        IDENTITY_SECRET: 'distributed-test-secret-0123456789abcdef',
      };
      children.push(
        launch('apps/identity/src/main.ts', {
          ...common,
          PORT: identityPort,
          METRICS_PORT: '4713',
          INTERNAL_TOKEN_KEY: deriveServiceKey(keys.secret, 'identity'),
        }),
      );
      await waitReady(`http://127.0.0.1:${identityPort}`);
      // Without the gateway's token a service refuses to answer.
      expect((await fetch(`http://127.0.0.1:${identityPort}/organizations/current`)).status).toBe(
        401,
      );
      // A service listens on every interface (HOST, default 0.0.0.0): in a cluster the gateway
      // reaches it from another pod, never over loopback.
      const podAddress = Object.values(networkInterfaces())
        .flat()
        .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
      expect(podAddress).toBeDefined();
      expect((await fetch(`http://${podAddress}:${identityPort}/health/live`)).status).toBe(200);

      // Seed through the same code the embedded platform uses: an organization for 127.0.0.1.
      const seeded = await fetch(`http://127.0.0.1:${identityPort}/organizations`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-palabre-identity': keys.issuer.issue(
            {
              organizationId: '00000000-0000-4000-8000-000000000000',
              grants: [{ role: 'platform-operator' }],
            },
            'identity',
          ),
        },
        body: JSON.stringify({
          slug: 'distributed',
          name: 'Distributed City',
          hosts: ['127.0.0.1'],
          defaultLocale: 'en',
        }),
      });
      expect(seeded.status).toBe(201);

      children.push(
        launch('apps/gateway/src/main.ts', {
          PORT: gatewayPort,
          METRICS_PORT: '4712',
          GATEWAY_MODE: 'distributed',
          INTERNAL_TOKEN_SECRET: keys.secret,
          SERVICE_URL_IDENTITY: `http://127.0.0.1:${identityPort}`,
          SERVICE_URL_GATEWAY: `http://127.0.0.1:${gatewayPort}`,
        }),
      );
      await waitReady(`http://127.0.0.1:${gatewayPort}`);
      const r = await fetch(`http://127.0.0.1:${gatewayPort}/api/identity/organizations/current`);
      expect(r.status).toBe(200);
      expect(await r.json()).toMatchObject({ slug: 'distributed', name: 'Distributed City' });
      // Each process answers probes and Prometheus on its operations port; the public one has no /metrics.
      // The gateway's readiness is its own; each service's state is a detail (ops port only).
      const details = await (await fetch('http://127.0.0.1:4712/health/ready')).json();
      expect(details).toEqual({
        status: 'ok',
        checks: { gateway: true },
        details: { identity: true },
      });
      expect((await fetch('http://127.0.0.1:4713/metrics')).status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${gatewayPort}/metrics`)).status).toBe(404);
      const docs = await (
        await fetch(`http://127.0.0.1:${gatewayPort}/api/docs/openapi.json`)
      ).json();
      expect(Object.keys(docs.paths)).toContain('/api/identity/organizations/current');
      const unknown = await fetch(`http://127.0.0.1:${gatewayPort}/api/gateway/x`);
      expect(unknown.status).toBe(404);

      // The service goes away (restart, crash): a 503 that says when to retry, not a 502.
      const identity = children[0];
      const gone = new Promise((resolve) => identity.once('exit', resolve));
      identity.kill('SIGKILL');
      await gone;
      const down = await fetch(
        `http://127.0.0.1:${gatewayPort}/api/identity/organizations/current`,
      );
      expect(down.status).toBe(503);
      expect(down.headers.get('retry-after')).toBe('2');
      expect(down.headers.get('content-type')).toContain('application/problem+json');
      expect(await down.json()).toMatchObject({
        status: 503,
        detail: expect.stringContaining('identity'),
      });
      // One service down does not take the site out of the load balancer: the gateway
      // stays ready (its other routes, the site, still serve); operators see which is down.
      const gatewayReady = await fetch(`http://127.0.0.1:${gatewayPort}/health/ready`);
      expect(gatewayReady.status).toBe(200);
      expect(await gatewayReady.json()).toEqual({ status: 'ok' });
      const opsReady = await fetch('http://127.0.0.1:4712/health/ready');
      expect(opsReady.status).toBe(200);
      expect(await opsReady.json()).toEqual({
        status: 'ok',
        checks: { gateway: true },
        details: { identity: false },
      });
    });
  },
);
