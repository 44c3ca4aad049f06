import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ServiceDefinition } from '@palabre/service-kit';

/**
 * Finds every service in the workspace: apps/<name>/src/<name>.definition.(ts|js).
 * Loaded by path, not imported, so apps stay independent of one another (the
 * module-boundary rule) and a generated service joins the platform untouched.
 * `only`: load just these apps (tests that need a few services).
 */
export function discoverServices(appsDir = findAppsDir(), only?: string[]): ServiceDefinition[] {
  const found: ServiceDefinition[] = [];
  for (const name of readdirSync(appsDir).sort()) {
    if (only && !only.includes(name)) continue;
    for (const ext of ['js', 'ts']) {
      const file = join(appsDir, name, 'src', `${name}.definition.${ext}`);
      if (!existsSync(file)) continue;
      const mod = require(file) as Record<string, unknown>;
      const def = Object.values(mod).find(
        (v): v is ServiceDefinition =>
          typeof v === 'object' && v !== null && 'schema' in v && 'module' in v,
      );
      if (!def) throw new Error(`${file} exports no ServiceDefinition`);
      found.push(def);
      break;
    }
  }
  return found;
}

/** apps/ next to this app, in the source tree (tests) or under dist/ (built). */
function findAppsDir(): string {
  // .../apps/gateway/src/embedded → .../apps
  return join(__dirname, '..', '..', '..');
}
