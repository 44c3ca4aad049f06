import type { OpenAPIObject } from '@nestjs/swagger';
import type { ServiceRoute } from '../routing/service-route';

/**
 * One OpenAPI document for the public API: each service's paths under
 * /api/<service>, internal and operational routes left out, schemas
 * namespaced by service so two services may both have a `CreateDto`.
 */
export async function aggregateOpenApi(routes: ServiceRoute[]): Promise<OpenAPIObject> {
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
  for (const route of routes) {
    const part = await route.openapi();
    if (!part) continue;
    const prefix = (name: string) => `${route.name}.${name}`;
    const rewrite = (value: unknown): unknown =>
      JSON.parse(
        JSON.stringify(value).replace(
          /"#\/components\/schemas\/([^"]+)"/g,
          (_, n) => `"#/components/schemas/${prefix(n)}"`,
        ),
      );
    for (const [path, item] of Object.entries(part.paths ?? {})) {
      if (/^\/(internal|health|metrics)(\/|$)/.test(path)) continue;
      doc.paths[`/api/${route.name}${path}`] = rewrite(item) as never;
    }
    for (const [name, schema] of Object.entries(part.components?.schemas ?? {})) {
      schemas[prefix(name)] = rewrite(schema);
    }
    tags.push({ name: route.name, description: part.info?.description });
  }
  return { ...doc, tags, components: { schemas: schemas as never } };
}
