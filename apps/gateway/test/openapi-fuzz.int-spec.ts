/**
 * No input gives a 5xx: every operation of the public OpenAPI document,
 * called through the gateway with hostile values (NUL, lone surrogates, null,
 * wrong types, 1 MB strings, huge and negative numbers, malformed ids and
 * cursors, odd query strings), one input mutated at a time from a plausible
 * request built from the schema, as the demo organization's administrator
 * (so that authorization does not hide validation) and as an anonymous
 * visitor. Fails listing every operation and input that got a 5xx.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { testDatabaseTargets } from '@palabre/testing';
import type { EmbeddedPlatform } from '../src/embedded/embedded-platform';
import { startTestPlatform } from './test-platform';

const ADMIN = { email: 'admin@demo.palabre.test', password: 'palabre-demo-admin' };
const ORIGIN = 'http://localhost';
/**
 * Cases per operation and caller, spread over every kind when an operation has
 * more (the largest bodies): the walk stays under a minute or two on two slow cores.
 */
const MAX_CASES = 200;
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
type Method = (typeof METHODS)[number];
/**
 * Operations that would end the administrator's own session or account, or
 * change its password, when a mutation happens to be accepted: the rest of
 * the walk needs the session.
 */
const SPARED = [
  /^delete \/api\/identity\/me$/,
  /^delete \/api\/identity\/sessions/,
  /password/,
  /^post \/api\/identity\/me\/(delete|erase)/,
];

const NUL = 'a\u0000b';
const LONE_HIGH = 'x\ud800y';
const LONE_LOW = '\udc00';
const MEGABYTE = 'x'.repeat(1024 * 1024);
const HUGE = 1e308;

interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  nullable?: boolean;
  default?: unknown;
  example?: unknown;
}
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}
interface Case {
  input: string;
  path: string;
  body?: unknown;
  /** Raw JSON text instead of `body`. */
  raw?: string;
}

describe('every public operation refuses hostile input with a 4xx, never a 5xx', () => {
  // Real PostgreSQL when configured (what production runs), else PGlite: one platform for every case.
  const targets = testDatabaseTargets();
  const target = targets[targets.length - 1];
  let platform: EmbeddedPlatform;
  let server: ReturnType<EmbeddedPlatform['gateway']['getHttpServer']>;
  let doc: {
    paths: Record<string, Partial<Record<Method, Operation>>>;
    components: { schemas: Record<string, Schema> };
  };
  let adminCookie = '';

  beforeAll(async () => {
    platform = await startTestPlatform(target, { rateLimitPerMinute: 1_000_000 });
    server = platform.gateway.getHttpServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    doc = (await call('get', '/api/docs/openapi.json')).body;
    adminCookie = await signIn();
  }, 120_000);
  afterAll(() => platform?.stop());

  function call(method: Method, path: string, cookie?: string, c?: Pick<Case, 'body' | 'raw'>) {
    let r = request(server)[method](path).set('Host', 'localhost').set('Origin', ORIGIN);
    if (cookie) r = r.set('Cookie', cookie);
    if (c && (c.raw !== undefined || c.body !== undefined)) {
      r = r.set('Content-Type', 'application/json');
      return r.send(c.raw ?? JSON.stringify(c.body));
    }
    return r;
  }

  async function signIn(): Promise<string> {
    const r = await call('post', '/api/identity/sessions', undefined, { body: ADMIN });
    expect(r.status).toBe(201);
    const cookies = (r.headers['set-cookie'] as unknown as string[]) ?? [];
    return String(cookies.find((c) => c.startsWith('palabre_session='))).split(';')[0];
  }

  const resolve = (s: Schema | undefined, depth = 0): Schema => {
    if (!s || depth > 8) return {};
    if (s.$ref) return resolve(doc.components.schemas[s.$ref.split('/').pop() ?? ''], depth + 1);
    const all = s.allOf ?? s.oneOf ?? s.anyOf;
    if (all?.length) return { ...s, ...resolve(all[0], depth + 1), allOf: undefined };
    return s;
  };

  /** A value the schema would plausibly accept. */
  const plausible = (raw: Schema | undefined, name = '', depth = 0): unknown => {
    const s = resolve(raw);
    if (s.example !== undefined) return s.example;
    if (s.default !== undefined) return s.default;
    if (s.enum?.length) return s.enum[0];
    const type = s.type ?? (s.properties ? 'object' : 'string');
    if (type === 'object') {
      if (depth > 4) return {};
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(s.properties ?? {})) out[k] = plausible(v, k, depth + 1);
      return out;
    }
    if (type === 'array')
      return Array.from({ length: Math.max(1, s.minItems ?? 1) }, () =>
        plausible(s.items, name, depth + 1),
      );
    if (type === 'integer' || type === 'number')
      return s.minimum !== undefined ? Math.max(s.minimum, Math.min(s.maximum ?? 1, 1)) : 1;
    if (type === 'boolean') return true;
    if (s.format === 'uuid' || /id$/i.test(name)) return '00000000-0000-4000-8000-000000000000';
    if (s.format === 'email' || /email/i.test(name)) return 'fuzz@example.org';
    if (s.format === 'date-time' || /At$/.test(name))
      return new Date(Date.now() + 86_400_000).toISOString();
    if (s.format === 'date') return '2030-01-01';
    if (/url/i.test(name)) return 'https://example.org/x';
    if (/slug/i.test(name)) return 'fuzz-slug';
    return 'Plausible text for fuzzing'
      .slice(0, Math.max(s.maxLength ?? 26, s.minLength ?? 1))
      .padEnd(s.minLength ?? 1, 'x');
  };

  const HOSTILE_STRINGS: [string, unknown][] = [
    ['NUL', NUL],
    ['lone high surrogate', LONE_HIGH],
    ['lone low surrogate', LONE_LOW],
    ['null', null],
    ['number', 42],
    ['huge number', HUGE],
    ['negative', -1],
    ['object', { $gt: '' }],
    ['array', ['a', NUL]],
    ['boolean', false],
    ['empty', ''],
    ['1 MB string', MEGABYTE],
  ];
  const HOSTILE_NUMBERS: [string, unknown][] = [
    ['null', null],
    ['string', 'abc'],
    ['NUL string', NUL],
    ['huge', HUGE],
    ['2^63', 9223372036854775808],
    ['negative', -1],
    ['fraction', 0.5],
    ['array', [1]],
  ];
  const PATH_VALUES: [string, string][] = [
    ['NUL', '%00'],
    ['NUL inside', 'a%00b'],
    ['lone surrogate', '%ED%A0%80'],
    ['malformed percent-encoding', '%E0%A4%A'],
    ['not a UUID', 'not-a-uuid'],
    ['almost a UUID', '00000000-0000-4000-8000-00000000000g'],
    ['huge number', '99999999999999999999999'],
    ['negative', '-1'],
    ['long', 'x'.repeat(4000)],
    ['dot-dot', '..%2F..%2Fetc'],
    ['unicode', '%C3%A9t%C3%A9'],
  ];
  const QUERY_VALUES: [string, string][] = [
    ['NUL', '%00'],
    ['lone surrogate', '%ED%A0%80'],
    ['malformed percent-encoding', '%E0%A4%A'],
    ['empty', ''],
    ['negative', '-1'],
    ['huge', '99999999999999999999999'],
    ['text', 'abc'],
    ['malformed cursor', '!!!not-base64'],
    ['base64 garbage cursor', Buffer.from('{"x":').toString('base64url')],
    ['long', 'x'.repeat(6000)],
  ];
  const ODD_QUERIES = [
    '%00=1',
    'a=%ZZ',
    '__proto__[polluted]=1',
    'limit[]=1&limit[]=2',
    'cursor[$gt]=',
    'sort=%00&state=%00',
  ];

  /** Path params: a real id or slug found in the collection before each, else a plausible value. */
  const found = new Map<string, string | undefined>();
  async function pathValues(template: string, params: Parameter[]): Promise<Map<string, string>> {
    const values = new Map<string, string>();
    for (const p of params.filter((x) => x.in === 'path')) {
      const at = template.indexOf(`{${p.name}}`);
      const collection = fill(template.slice(0, at), values).replace(/\/$/, '');
      if (!found.has(`${collection} ${p.name}`)) {
        const r = await call('get', collection, adminCookie);
        const items: Record<string, unknown>[] = Array.isArray(r.body)
          ? r.body
          : Array.isArray(r.body?.items)
            ? r.body.items
            : [];
        const key = /slug/i.test(p.name) ? 'slug' : 'id';
        const v = items.find((i) => typeof i?.[key] === 'string')?.[key];
        found.set(`${collection} ${p.name}`, typeof v === 'string' ? v : undefined);
      }
      const value = found.get(`${collection} ${p.name}`) ?? String(plausible(p.schema, p.name));
      values.set(p.name, encodeURIComponent(value));
    }
    return values;
  }
  const fill = (template: string, values: Map<string, string>) =>
    template.replace(/\{([^}]+)\}/g, (_, name: string) => values.get(name) ?? 'x');

  let thinned = 0;
  async function casesOf(template: string, op: Operation): Promise<Case[]> {
    const params = op.parameters ?? [];
    const values = await pathValues(template, params);
    const base = fill(template, values);
    const baseQuery = new URLSearchParams();
    for (const p of params.filter((x) => x.in === 'query' && x.required))
      baseQuery.set(p.name, String(plausible(p.schema, p.name)));
    const q = (extra?: string) =>
      [baseQuery.toString(), extra].filter(Boolean).join('&').replace(/^(.)/, '?$1');
    const schema = op.requestBody?.content?.['application/json']?.schema;
    const body = schema ? plausible(schema) : undefined;
    const cases: Case[] = [{ input: 'plausible request', path: base + q(), body }];

    // Path params, one at a time.
    for (const p of params.filter((x) => x.in === 'path')) {
      for (const [label, value] of PATH_VALUES) {
        const path = fill(template, new Map([...values, [p.name, value]]));
        cases.push({ input: `path ${p.name} = ${label}`, path: path + q(), body });
      }
    }
    // Query params, one at a time, and odd query strings.
    for (const p of params.filter((x) => x.in === 'query')) {
      for (const [label, value] of QUERY_VALUES) {
        const rest = new URLSearchParams(baseQuery);
        rest.delete(p.name);
        const others = rest.toString();
        cases.push({
          input: `query ${p.name} = ${label}`,
          path: `${base}?${[others, `${encodeURIComponent(p.name)}=${value}`].filter(Boolean).join('&')}`,
          body,
        });
      }
      cases.push({
        input: `query ${p.name} twice`,
        path: base + q(`${p.name}=1&${p.name}=2`),
        body,
      });
    }
    for (const odd of ODD_QUERIES) cases.push({ input: `query ${odd}`, path: base + q(odd), body });

    // Body fields, one at a time (top level, then one level down).
    if (schema) {
      const s = resolve(schema);
      const fields = (obj: Schema, prefix: string[], depth: number): [string[], Schema][] =>
        Object.entries(obj.properties ?? {}).flatMap(([k, v]) => {
          const r = resolve(v);
          const here: [string[], Schema][] = [[[...prefix, k], r]];
          if (depth < 1 && (r.properties || resolve(r.items).properties)) {
            const inner = r.properties ? r : resolve(r.items);
            const path = r.properties ? [...prefix, k] : [...prefix, k, '0'];
            return [...here, ...fields(inner, path, depth + 1)];
          }
          return here;
        });
      const set = (obj: unknown, path: string[], value: unknown): unknown => {
        const copy = structuredClone(obj) as Record<string, unknown>;
        let at = copy;
        for (const k of path.slice(0, -1)) at = at[k] as Record<string, unknown>;
        if (value === undefined) delete at[path[path.length - 1]];
        else at[path[path.length - 1]] = value;
        return copy;
      };
      for (const [path, fs] of fields(s, [], 0)) {
        const numeric = fs.type === 'integer' || fs.type === 'number';
        const values = numeric ? HOSTILE_NUMBERS : HOSTILE_STRINGS;
        for (const [label, value] of values)
          cases.push({
            input: `body ${path.join('.')} = ${label}`,
            path: base + q(),
            body: set(body, path, value),
          });
      }
      cases.push({
        input: 'body with an unknown field',
        path: base + q(),
        body: { ...(body as object), ['x\u0000']: 1 },
      });
    }
    cases.push(
      { input: 'body null', path: base + q(), raw: 'null' },
      { input: 'body array', path: base + q(), raw: '[]' },
      { input: 'body string', path: base + q(), raw: '"x"' },
      { input: 'body malformed JSON', path: base + q(), raw: '{"a":' },
      { input: 'body with a NUL escape in a key', path: base + q(), raw: '{"\\u0000":"\\u0000"}' },
      { input: 'body of 1 MB', path: base + q(), body: { text: MEGABYTE } },
    );
    // Keep the first cases of each kind rather than only the first kinds.
    if (cases.length <= MAX_CASES) return cases;
    thinned++;
    const step = cases.length / MAX_CASES;
    return Array.from({ length: MAX_CASES }, (_, i) => cases[Math.floor(i * step)]);
  }

  it('gives the site a 400 page naming the form field, never a 500, for text that cannot be stored', async () => {
    const form = (path: string, body: string) =>
      request(server)
        .post(path)
        .set('Host', 'localhost')
        .set('Origin', ORIGIN)
        .set('Accept', 'text/html')
        .set('Content-Type', 'application/x-www-form-urlencoded')
        .send(body);
    const nul = await form('/sign-in', 'email=a%00%40example.org&password=x&returnTo=%2F');
    expect(nul.status).toBe(400);
    expect(nul.headers['content-type']).toContain('text/html');
    expect(nul.text).toContain(
      'Le champ « email » contient un caractère qui ne peut pas être enregistré',
    );
    const signedIn = await form('/sign-in', 'email=x&password=%00').set('Cookie', adminCookie);
    expect(signedIn.status).toBe(400);
    expect(signedIn.text).toContain('« password »');
    const page = await request(server)
      .get('/petitions/%00')
      .set('Host', 'localhost')
      .set('Accept', 'text/html');
    expect(page.status).toBe(400);
    expect(page.text).toContain('« id »');
  });

  it('answers every case with something other than a 5xx', async () => {
    const byStatus = new Map<number, number>();
    const failures: string[] = [];
    let operations = 0;
    let requests = 0;
    for (const [template, item] of Object.entries(doc.paths)) {
      for (const method of METHODS) {
        const op = item[method];
        if (!op) continue;
        if (SPARED.some((re) => re.test(`${method} ${template}`))) continue;
        operations++;
        for (const c of await casesOf(template, op)) {
          for (const who of ['admin', 'anonymous'] as const) {
            const r = await call(method, c.path, who === 'admin' ? adminCookie : undefined, c);
            requests++;
            byStatus.set(r.status, (byStatus.get(r.status) ?? 0) + 1);
            if (r.status >= 500) {
              const detail =
                (r.body as { detail?: string } | undefined)?.detail ?? r.text?.slice(0, 160);
              failures.push(
                `${method.toUpperCase()} ${template} as ${who}: ${c.input} -> ${r.status} ${detail ?? ''}`,
              );
            }
          }
        }
        // A mutation that was accepted may have ended the session: sign in again.
        if ((await call('get', '/api/identity/me', adminCookie)).status === 401)
          adminCookie = await signIn();
      }
    }
    const counts = Object.fromEntries([...byStatus].sort(([a], [b]) => a - b));
    const report = { target: target.name, operations, requests, thinned, counts, failures };
    writeFileSync(join(tmpdir(), 'openapi-fuzz-report.json'), JSON.stringify(report, null, 2));
    console.log(
      `OpenAPI fuzz on ${target.name}: ${operations} operations (${thinned} thinned to ${MAX_CASES} cases), ${requests} requests, responses by status ${JSON.stringify(counts)}`,
    );
    expect(operations).toBeGreaterThan(20);
    expect(failures).toEqual([]);
  }, 600_000);
});
