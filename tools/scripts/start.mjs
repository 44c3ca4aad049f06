#!/usr/bin/env node
// `npm start`: install dependencies if needed, build, then run the whole
// platform embedded in one process on http://localhost:${PORT:-3000}
// (PGlite under .data/, the postgres event transport, demo data).
// The build and the platform run on the project's Node (ADR 20), even when
// this script started on another one (the first start of a fresh clone).
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ensureInstalled, root } from './ensure-install.mjs';

const node = ensureInstalled();
const build = spawnSync(node, [join(root, 'tools/scripts/build.mjs'), '--quiet'], {
  cwd: root,
  stdio: 'inherit',
});
if (build.status !== 0) process.exit(build.status ?? 1);

const env = {
  ...process.env,
  GATEWAY_MODE: process.env.GATEWAY_MODE ?? 'embedded',
  PALABRE_DATA_DIR: process.env.PALABRE_DATA_DIR ?? join(root, '.data'),
  LOG_FORMAT: process.env.LOG_FORMAT ?? (process.stdout.isTTY ? 'pretty' : 'json'),
};
const child = spawn(
  node,
  // A small young generation keeps the idle footprint of a laptop platform low
  // (about 50 MB less); NODE_OPTIONS=--enable-source-maps for TypeScript stack traces.
  ['--max-semi-space-size=2', join(root, 'dist/apps/gateway/src/main.js')],
  {
    cwd: root,
    env,
    stdio: 'inherit',
  },
);
// Ctrl-C reaches the child too (same process group); forward other signals and wait for a clean stop.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 : 1)));
