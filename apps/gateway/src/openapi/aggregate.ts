import type { OpenAPIObject } from '@nestjs/swagger';
import { loadApiResponses, type ApiResponses } from '@palabre/contracts';
import type { ServiceRoute } from '../routing/service-route';
import { SESSION_COOKIE } from '../tenancy/session-resolver';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
const PROBLEM_MEDIA = 'application/problem+json';
const PROBLEM_REF = '#/components/schemas/Problem';
const REF = /"#\/components\/schemas\/([^"]+)"/g;

interface Operation {
  operationId?: string;
  responses?: Record<string, Response>;
  [key: string]: unknown;
}
interface Response {
  description?: string;
  content?: Record<string, { schema?: unknown }>;
  [key: string]: unknown;
}

/**
 * One OpenAPI document for the public API: each service's paths under
 * /api/<service>, internal and operational routes left out, schemas
 * namespaced by service so two services may both have a `CreateDto`.
 * @nestjs/swagger documents routes and inputs only; each operation gets here
 * its success body (the schema of the type its handler answers, generated
 * from the code into @palabre/contracts), its problem+json errors, the
 * optional session cookie, and an operation id prefixed by its service.
 */
export async function aggregateOpenApi(routes: ServiceRoute[]): Promise<OpenAPIObject> {
  const responses = await loadApiResponses();
  const doc: OpenAPIObject = {
    openapi: '3.0.0',
    info: {
      title: 'Palabre API',
      version: '1',
      description: 'Public API of every Palabre service, served through the gateway.',
    },
    tags: [],
    paths: {},
    components: { schemas: {} },
  };
  const schemas: Record<string, unknown> = {};
  const tags: { name: string; description?: string }[] = [];
  const used = new Set<string>(['Problem']);
  for (const route of routes) {
    const part = await route.openapi();
    if (!part) continue;
    const prefix = (name: string) => `${route.name}.${name}`;
    const rewrite = (value: unknown): unknown =>
      JSON.parse(
        JSON.stringify(value).replace(REF, (_, n) => `"#/components/schemas/${prefix(n)}"`),
      );
    for (const [path, item] of Object.entries(part.paths ?? {})) {
      if (/^\/(internal|health|metrics)(\/|$)/.test(path)) continue;
      const rewritten = rewrite(item) as Record<string, Operation>;
      for (const method of METHODS) {
        const op = rewritten[method];
        if (op) document(op, route.name, method, path, responses, used);
      }
      doc.paths[`/api/${route.name}${path}`] = rewritten as never;
    }
    for (const [name, schema] of Object.entries(part.components?.schemas ?? {})) {
      schemas[prefix(name)] = rewrite(schema);
    }
    tags.push({ name: route.name, description: part.info?.description });
  }
  // The generated schemas the operations refer to, and those they refer to in turn.
  for (const name of used) {
    const schema = responses.schemas[name];
    if (!schema || name in schemas) continue;
    schemas[name] = schema;
    for (const [, n] of JSON.stringify(schema).matchAll(REF)) used.add(n);
  }
  return {
    ...doc,
    tags,
    components: {
      schemas: schemas as never,
      securitySchemes: {
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: SESSION_COOKIE,
          description:
            'The session of a signed-in person, set by POST /api/identity/sessions (or FranceConnect). Most reads work without it.',
        },
      },
    },
    // Signed in or not: each operation says in its errors (401, 403) when it needs a session.
    security: [{ session: [] }, {}],
  };
}

/** Completes one operation of `service` from the generated responses. */
function document(
  op: Operation,
  service: string,
  method: string,
  path: string,
  generated: ApiResponses,
  used: Set<string>,
): void {
  if (op.operationId) op.operationId = `${service}.${op.operationId}`;
  const normalized = path.length > 1 ? path.replace(/\/$/, '') : path;
  const found = generated.operations[`${service} ${method.toUpperCase()} ${normalized}`];
  const all = (op.responses ??= {});
  let success = Object.keys(all).filter((code) => /^2/.test(code));
  if (success.length === 0) {
    // Documented with its other answers only (e.g. 429): add the status of its success.
    const status = String(found?.status ?? (method === 'post' ? 201 : 200));
    all[status] = { description: '' };
    success = [status];
  }
  for (const code of success) {
    const response = all[code];
    if (!found || response.content || code === '204') continue;
    if (found.mediaType && found.schema) {
      response.content = { [found.mediaType]: { schema: found.schema } };
      for (const [, n] of JSON.stringify(found.schema).matchAll(REF)) used.add(n);
    }
  }
  for (const response of Object.values(all)) {
    if (!response.description) response.description = describe(response);
  }
  all['4XX'] ??= problemResponse(
    'Refused: bad input (`errors` lists the fields), not signed in, not allowed, not found or in conflict',
  );
  all['5XX'] ??= problemResponse('The service failed or is unavailable; retrying may help');
}

function describe(response: Response): string {
  return response.content ? 'Success' : 'Success, without a body';
}

function problemResponse(description: string): Response {
  return { description, content: { [PROBLEM_MEDIA]: { schema: { $ref: PROBLEM_REF } } } };
}
