/**
 * The aggregated OpenAPI document describes every public operation fully: its
 * success body (the schema of the type its handler answers), its problem+json
 * errors, the session cookie, and an operation id unique across services; and
 * it is valid OpenAPI 3.0.
 */
import SwaggerParser from '@apidevtools/swagger-parser';
import request from 'supertest';
import { testDatabaseTargets } from '@palabre/testing';
import type { EmbeddedPlatform } from '../src/embedded/embedded-platform';
import { startTestPlatform } from './test-platform';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

interface Schema {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  nullable?: boolean;
  allOf?: Schema[];
}
interface Operation {
  operationId?: string;
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema>; securitySchemes?: Record<string, unknown> };
  security?: unknown[];
}

/** Every operation of the document, as `METHOD path`. */
function operations(doc: Document): [string, Operation][] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((m): [string, Operation] => [
      `${m.toUpperCase()} ${path}`,
      item[m],
    ]),
  );
}

describe.each(testDatabaseTargets())('the OpenAPI document on $name', (target) => {
  let platform: EmbeddedPlatform;
  let doc: Document;

  beforeAll(async () => {
    platform = await startTestPlatform(target);
    const r = await request(platform.gateway.getHttpServer())
      .get('/api/docs/openapi.json')
      .set('Host', 'localhost')
      .expect(200);
    doc = r.body;
  });
  afterAll(() => platform.stop());

  const schemaOf = (method: string, path: string, status = '200', media = 'application/json') =>
    doc.paths[path][method].responses[status].content?.[media]?.schema;
  const resolve = (s: Schema | undefined): Schema => {
    const name = s?.$ref?.replace('#/components/schemas/', '');
    return name ? doc.components.schemas[name] : (s ?? {});
  };

  it('is valid OpenAPI 3.0, with every $ref resolved', async () => {
    // validate() dereferences in place: give it a copy.
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeDefined();
  });

  it('gives every operation its success body and its problem+json errors', () => {
    const ops = operations(doc);
    // The public API of every service but the site (whose pages are not an API).
    expect(ops.length).toBeGreaterThanOrEqual(239);
    const missing: string[] = [];
    for (const [name, op] of ops) {
      const success = Object.entries(op.responses).filter(([code]) => /^2/.test(code));
      if (success.length === 0) missing.push(`${name}: no 2xx`);
      for (const [code, r] of success) {
        // A body has a schema; only 204 and handlers answering void have none.
        for (const [media, c] of Object.entries(r.content ?? {}))
          if (!c.schema) missing.push(`${name} ${code} ${media}: no schema`);
      }
      for (const code of ['4XX', '5XX']) {
        const schema = op.responses[code]?.content?.['application/problem+json']?.schema;
        if (schema?.$ref !== '#/components/schemas/Problem') missing.push(`${name}: no ${code}`);
      }
    }
    expect(missing).toEqual([]);
    // Answers without a body are the exception: deletions and a few confirmations.
    const bodiless = ops.filter(([, op]) =>
      Object.entries(op.responses).every(([code, r]) => !/^2/.test(code) || !r.content),
    );
    expect(bodiless.length).toBeLessThan(30);
    for (const [name] of bodiless) expect(name).toMatch(/^(DELETE|POST) /);
  });

  it('describes problems as the services write them, field errors included', () => {
    const problem = doc.components.schemas.Problem;
    expect(problem.required).toEqual(['type', 'title', 'status']);
    expect(Object.keys(problem.properties ?? {})).toEqual(
      expect.arrayContaining(['type', 'title', 'status', 'detail', 'errors']),
    );
    const error = problem.properties!.errors.items!;
    expect(error.required).toEqual(['field', 'message']);
  });

  it('prefixes operation ids with their service, unique across the document', () => {
    const ids = operations(doc).map(([path, op]) => {
      expect(op.operationId).toBeDefined();
      const service = path.split('/')[2];
      expect(op.operationId!.startsWith(`${service}.`)).toBe(true);
      return op.operationId;
    });
    expect(new Set(ids).size).toBe(ids.length);
    expect(doc.paths['/api/surveys/status'].get.operationId).toBe(
      'surveys.StatusController_status',
    );
  });

  it('declares the session cookie, optional on every operation', () => {
    expect(doc.components.securitySchemes?.session).toEqual(
      expect.objectContaining({ type: 'apiKey', in: 'cookie', name: 'palabre_session' }),
    );
    expect(doc.security).toEqual([{ session: [] }, {}]);
  });

  it('refers to the view each handler answers, with its real properties', () => {
    const survey = schemaOf('get', '/api/surveys/surveys/{id}');
    expect(survey).toEqual({ $ref: '#/components/schemas/SurveyView' });
    const view = resolve(survey);
    expect(Object.keys(view.properties ?? {})).toEqual(
      expect.arrayContaining(['id', 'componentId', 'title', 'state', 'questions']),
    );
    expect(view.properties!.state).toEqual({ $ref: '#/components/schemas/SurveyState' });
    expect(resolve(view.properties!.state).enum).toEqual(['draft', 'published']);
    expect(resolve(view.properties!.questions.items).properties).toHaveProperty('type');
    // Created (201) by POST; the same view by a PATCH.
    expect(schemaOf('post', '/api/surveys/components/{componentId}/surveys', '201')).toEqual(
      survey,
    );
    expect(schemaOf('patch', '/api/surveys/surveys/{id}')).toEqual(survey);
    // A handler that writes its own cached JSON still documents what it writes.
    expect(schemaOf('get', '/api/budgeting/budgets/{id}')).toEqual({
      $ref: '#/components/schemas/BudgetView',
    });
    expect(schemaOf('get', '/api/petitions/{id}')).toEqual({
      $ref: '#/components/schemas/PetitionDetailView',
    });
    // An inline answer type.
    expect(resolve(schemaOf('post', '/api/surveys/surveys/{id}/answers', '201'))).toEqual({
      type: 'object',
      properties: { id: { type: 'string' }, token: { type: 'string' } },
      required: ['id', 'token'],
    });
  });

  it('documents files with their media type, and bodiless answers without one', () => {
    expect(schemaOf('get', '/api/surveys/surveys/{id}/answers.csv', '200', 'text/csv')).toEqual({
      type: 'string',
    });
    expect(
      schemaOf('get', '/api/meetings/meetings/{id}/calendar.ics', '200', 'text/calendar'),
    ).toEqual({ type: 'string' });
    expect(schemaOf('get', '/api/identity/me/export', '200', 'application/zip')).toEqual({
      type: 'string',
      format: 'binary',
    });
    expect(doc.paths['/api/surveys/surveys/{id}'].delete.responses['204'].content).toBeUndefined();
  });
});
