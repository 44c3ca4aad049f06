import { listenOperations, type OperationsListener } from './operations-server';

describe('the operations listener', () => {
  let ops: OperationsListener;
  let checks: Record<string, boolean>;
  let details: Record<string, boolean> | undefined;
  let stopping = false;
  beforeAll(async () => {
    ops = await listenOperations({
      port: 0,
      host: '127.0.0.1',
      readiness: async () => ({ ready: Object.values(checks).every(Boolean), checks, details }),
      stopping: () => stopping,
    });
  });
  afterAll(() => ops.close());
  const get = (path: string) => fetch(`http://127.0.0.1:${ops.port}${path}`);

  it('serves Prometheus metrics', async () => {
    const r = await get('/metrics');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('text/plain');
    expect(await r.text()).toContain('palabre_process_resident_memory_bytes');
  });

  it('tells operators which check fails', async () => {
    checks = { database: true, relay: true };
    expect(await (await get('/health/ready')).json()).toEqual({ status: 'ok', checks });
    checks = { database: true, relay: false };
    const down = await get('/health/ready');
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ status: 'unavailable', checks });
    expect((await get('/health/live')).status).toBe(200);
  });

  it('reports details that do not decide readiness', async () => {
    checks = { gateway: true };
    details = { identity: false };
    const r = await get('/health/ready');
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ status: 'ok', checks, details });
    details = undefined;
  });

  it('turns unready once the process begins to stop, whatever the checks say', async () => {
    checks = { database: true };
    stopping = true;
    const r = await get('/health/ready');
    expect(r.status).toBe(503);
    expect(await r.json()).toMatchObject({ status: 'unavailable', stopping: true });
    // Still alive: the process goes on serving while it drains.
    expect((await get('/health/live')).status).toBe(200);
    stopping = false;
  });

  it('answers nothing else', async () => {
    expect((await get('/api/identity/organizations/current')).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${ops.port}/metrics`, { method: 'POST' })).status).toBe(
      405,
    );
  });
});
