import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { deriveServiceKey, generateIdentityKeys, type InternalIdentity } from '@palabre/auth';
import { testDatabaseTargets } from '@palabre/persistence';

const postgres = testDatabaseTargets().find((t) => t.name === 'PostgreSQL');
const root = join(__dirname, '..', '..', '..');

/** A span as an OTLP/HTTP JSON export carries it, with its process's service name. */
interface ExportedSpan {
  service: string;
  scope: string;
  name: string;
  kind: number;
  traceId: string;
  spanId: string;
  parentSpanId: string;
  links: { traceId: string; spanId: string }[];
  attributes: Record<string, unknown>;
}

type OtlpValue = Record<string, unknown>;
const attributes = (list: { key: string; value: OtlpValue }[] = []) =>
  Object.fromEntries(list.map((a) => [a.key, Object.values(a.value)[0]]));

/**
 * The collector's side of OTLP over HTTP (JSON), what the exporter of each
 * process sends its spans to: the boundary of the platform, so the test plays it.
 */
async function collector(): Promise<{ server: Server; url: string; spans: ExportedSpan[] }> {
  const spans: ExportedSpan[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      for (const rs of body.resourceSpans ?? []) {
        const service = String(attributes(rs.resource?.attributes)['service.name']);
        for (const ss of rs.scopeSpans ?? [])
          for (const s of ss.spans ?? [])
            spans.push({
              service,
              scope: ss.scope?.name ?? '',
              name: s.name,
              kind: s.kind,
              traceId: s.traceId,
              spanId: s.spanId,
              parentSpanId: s.parentSpanId ?? '',
              links: s.links ?? [],
              attributes: attributes(s.attributes),
            });
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, spans };
}

function launch(entry: string, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['-r', '@swc-node/register', entry], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function waitReady(base: string, child: ChildProcess, timeoutMs = 90_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${base} exited (${child.exitCode})`);
    try {
      if ((await fetch(`${base}/health/ready`)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > end) throw new Error(`${base} not ready`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function waitFor<T>(
  what: string,
  probe: () => T | undefined,
  seen: () => ExportedSpan[],
  timeoutMs = 30_000,
) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const found = probe();
    if (found) return found;
    if (Date.now() > end)
      throw new Error(
        `timed out waiting for ${what}; spans seen:\n${seen()
          .map((s) => `${s.service} ${s.scope} ${s.kind} ${s.name}`)
          .join('\n')}`,
      );
    await new Promise((r) => setTimeout(r, 100));
  }
}

const transports: { transport: string; env: Record<string, string>; ports: number[] }[] = [
  { transport: 'postgres', env: {}, ports: [4721, 4722] },
  // CI starts a real broker (../shared/kafka); kafkajs' instrumentation is then in the trace.
  ...(process.env.KAFKA_BROKERS
    ? [
        {
          transport: 'kafka',
          env: { KAFKA_BROKERS: process.env.KAFKA_BROKERS },
          ports: [4731, 4732],
        },
      ]
    : []),
];

(postgres ? describe.each(transports) : describe.skip.each(transports))(
  'a signature traced in distributed mode, events on $transport',
  ({ transport, env, ports }) => {
    const children: ChildProcess[] = [];
    let otlp: Awaited<ReturnType<typeof collector>>;
    afterAll(async () => {
      children.forEach((c) => c.kill('SIGTERM'));
      otlp?.server.close();
    });

    it('is one trace whose spans name their service, with the database and the event', async () => {
      otlp = await collector();
      const url = await postgres!.url!();
      const keys = generateIdentityKeys();
      const tracing = {
        DATABASE_URL: url,
        EVENTS_TRANSPORT: transport,
        ...env,
        OTEL_EXPORTER_OTLP_ENDPOINT: otlp.url,
        OTEL_BSP_SCHEDULE_DELAY: '100',
        METRICS_PORT: '0',
      };
      children.push(
        launch('apps/petitions/src/main.ts', {
          ...tracing,
          PORT: String(ports[0]),
          OTEL_SERVICE_NAME: 'palabre-petitions',
          // Its spans leave only when it stops: they must be flushed on shutdown.
          OTEL_BSP_SCHEDULE_DELAY: '600000',
          SHUTDOWN_DELAY_SECONDS: '0',
          INTERNAL_TOKEN_KEY: deriveServiceKey(keys.secret, 'petitions'),
        }),
        launch('apps/newsletter/src/main.ts', {
          ...tracing,
          PORT: String(ports[1]),
          OTEL_SERVICE_NAME: 'palabre-newsletter',
          NEWSLETTER_SECRET: 'distributed-trace-test-secret-0123456789abcdef',
          INTERNAL_TOKEN_KEY: deriveServiceKey(keys.secret, 'newsletter'),
        }),
      );
      const petitions = `http://127.0.0.1:${ports[0]}`;
      await Promise.all([
        waitReady(petitions, children[0]),
        waitReady(`http://127.0.0.1:${ports[1]}`, children[1]),
      ]);

      // What the gateway forwards: the visitor's identity, sealed for the service.
      const org = crypto.randomUUID();
      const call = async (
        method: string,
        path: string,
        identity: InternalIdentity,
        body?: unknown,
        headers: Record<string, string> = {},
      ) => {
        const r = await fetch(`${petitions}${path}`, {
          method,
          headers: {
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
            'x-palabre-identity': keys.issuer.issue(identity, 'petitions'),
            ...headers,
          },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        const json = (await r.json()) as Record<string, unknown>;
        if (r.status >= 300)
          throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(json)}`);
        return json;
      };
      const admin = {
        organizationId: org,
        userId: crypto.randomUUID(),
        grants: [{ role: 'org-admin' as const }],
      };
      const author = {
        organizationId: org,
        userId: crypto.randomUUID(),
        displayName: 'Camille Martin',
        identified: true,
        grants: [],
      };
      const type = await call('POST', '/types', admin, {
        name: { fr: 'Pétitions tracées' },
        signatureDays: 30,
        signers: 'franceconnect',
        // The first signature reaches it: its author is told, through the newsletter service.
        milestones: [{ threshold: 1, label: { fr: 'Première signature' } }],
      });
      const petition = await call('POST', '/', author, {
        typeId: type.id,
        title: 'Des fontaines dans les parcs',
        body: 'Nous demandons que la commune installe des fontaines à eau potable dans chaque parc public.',
      });
      await call('POST', `/${petition.id}/submit`, author);
      await call('POST', `/${petition.id}/review`, admin, { decision: 'publish' });

      // The gateway's span, as its forward carries it.
      const traceId = 'a3ce929d0e0e47364bf92f3577b34da6';
      const gatewaySpan = '00f067aa0ba902b7';
      const signer = { organizationId: org, signerKey: crypto.randomUUID(), age: 30, grants: [] };
      const receipt = await call(
        'POST',
        `/${petition.id}/signatures`,
        signer,
        {},
        {
          traceparent: `00-${traceId}-${gatewaySpan}-01`,
        },
      );
      expect(receipt.receipt).toMatch(/^[0-9a-f-]{36}$/);

      const inTrace = () => otlp.spans.filter((s) => s.traceId === traceId);
      // The newsletter service took the author's notification from the event.
      const consumed = await waitFor(
        'the newsletter consumer span',
        () =>
          inTrace().find(
            (s) =>
              s.service === 'palabre-newsletter' &&
              s.name === 'petitions.notification.requested.v1 process',
          ),
        inTrace,
      );
      expect(otlp.spans.filter((s) => s.service === 'palabre-petitions')).toEqual([]);
      const stopped = once(children[0], 'exit');
      children[0].kill('SIGTERM');
      expect((await stopped)[0]).toBe(0);
      const spans = inTrace();
      const byId = new Map(spans.map((s) => [s.spanId, s]));
      const server = spans.find((s) => s.service === 'palabre-petitions' && s.kind === 2);
      expect(server).toMatchObject({
        name: 'POST /:id/signatures',
        parentSpanId: gatewaySpan,
        attributes: expect.objectContaining({ 'http.route': '/:id/signatures' }),
      });
      // The framework's spans (Fastify) and the database's (pg), under the request.
      expect(spans).toContainEqual(
        expect.objectContaining({ service: 'palabre-petitions', scope: '@fastify/otel' }),
      );
      const queries = spans.filter(
        (s) => s.service === 'palabre-petitions' && s.scope === '@opentelemetry/instrumentation-pg',
      );
      expect(queries.length).toBeGreaterThan(0);
      expect(
        queries.map((q) => q.attributes['db.system.name'] ?? q.attributes['db.system']),
      ).toContain('postgresql');
      // The events the signature recorded, in its transaction: PRODUCER spans of petitions.
      const published = spans.filter((s) => s.kind === 4 && s.service === 'palabre-petitions');
      expect(published.map((s) => s.name)).toEqual(
        expect.arrayContaining([
          'petitions.signature.added.v1 publish',
          'petitions.notification.requested.v1 publish',
        ]),
      );
      // The consumer continues the publication's trace, in its own service, and queries its database.
      // (on Kafka, under kafkajs' own `process` span, itself under the publication).
      const ancestors = (s: ExportedSpan) => {
        const up: ExportedSpan[] = [];
        for (
          let at = byId.get(s.parentSpanId);
          at && up.length < 50;
          at = byId.get(at.parentSpanId)
        )
          up.push(at);
        return up;
      };
      const consumerChain = ancestors(consumed).map((s) => `${s.service} ${s.name}`);
      expect(consumerChain).toContain(
        'palabre-petitions petitions.notification.requested.v1 publish',
      );
      if (transport === 'kafka')
        expect(consumerChain[0]).toBe(
          'palabre-newsletter process petitions.notification.requested.v1',
        );
      expect(consumed.kind).toBe(5);
      expect(
        spans.some(
          (s) =>
            s.service === 'palabre-newsletter' &&
            s.scope === '@opentelemetry/instrumentation-pg' &&
            s.parentSpanId === consumed.spanId,
        ),
      ).toBe(true);
      // Every span of the trace, whatever its process, leads back to the gateway's.
      for (const s of spans) {
        const top = [s, ...ancestors(s)].pop()!;
        expect({ span: s.name, parent: top.parentSpanId }).toEqual({
          span: s.name,
          parent: gatewaySpan,
        });
      }
      // The relay shipped the events in a trace of its own, linked to their publication.
      const relay = await waitFor(
        'the relay span',
        () =>
          otlp.spans.find(
            (s) =>
              s.name === 'petitions relay' &&
              s.links.some((l) => published.some((p) => p.spanId === l.spanId)),
          ),
        () => otlp.spans,
      );
      expect(relay.kind).toBe(4);
    }, 180_000);
  },
);
