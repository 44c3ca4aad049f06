import { join } from 'node:path';
import type { ServiceDefinition } from '@palabre/service-kit';

/** Polls `fn` every 50 ms until it gives something truthy; throws naming `what` after `ms`. */
export async function until<T>(
  what: string,
  fn: () => Promise<T | undefined | false | null>,
  ms = 20_000,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Another service's definition, loaded by path as the gateway discovers
 * services (an app never imports another app): apps/<name>/src/<name>.definition.ts.
 */
export async function loadServiceDefinition(name: string): Promise<ServiceDefinition> {
  const mod = (await import(
    join(__dirname, '..', '..', '..', 'apps', name, 'src', `${name}.definition.ts`)
  )) as Record<string, unknown>;
  const def = Object.values(mod).find(
    (v): v is ServiceDefinition => typeof v === 'object' && v !== null && 'schema' in v,
  );
  if (!def) throw new Error(`apps/${name} exports no ServiceDefinition`);
  return def;
}
