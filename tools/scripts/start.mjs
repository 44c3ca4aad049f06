#!/usr/bin/env node
// `npm start`: install dependencies if missing, build, then run the whole
// platform embedded in one process on http://localhost:${PORT:-3000}
// (PGlite under .data/, the postgres event transport, demo data).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const installed = join(root, 'node_modules', '.package-lock.json');
if (!existsSync(installed)) {
  console.log('Installing dependencies (first start)…');
  // Not `npm ci`: npm 11 records only this platform's optional binaries, then refuses ci.
  run(npm, ['install', '--no-audit', '--no-fund']);
}
run(process.execPath, [join(root, 'tools/scripts/build.mjs'), '--quiet']);

const env = {
  ...process.env,
  GATEWAY_MODE: process.env.GATEWAY_MODE ?? 'embedded',
  PALABRE_DATA_DIR: process.env.PALABRE_DATA_DIR ?? join(root, '.data'),
  LOG_FORMAT: process.env.LOG_FORMAT ?? (process.stdout.isTTY ? 'pretty' : 'json'),
};
const child = spawn(
  process.execPath,
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
