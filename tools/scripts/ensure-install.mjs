#!/usr/bin/env node
// Installs the dependencies exactly as the lockfile says (`npm ci`) when
// node_modules is missing or older than package-lock.json, and finds the Node
// the project runs on: the one it brings as an npm package (node-<os>-<cpu>,
// the version in .nvmrc; see docs/adr/0020-node-runtime.md). Node built-ins
// only: it runs first, on whatever Node the machine has. `npm test` runs it
// before anything else; `npm start` and .ci/run call it too.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function modified(path) {
  return existsSync(path) ? statSync(path).mtimeMs : undefined;
}

/** True when node_modules is missing or was installed from an older lockfile. */
export function installNeeded() {
  // npm writes node_modules/.package-lock.json at the end of every install.
  const installed = modified(join(root, 'node_modules', '.package-lock.json'));
  return installed === undefined || modified(join(root, 'package-lock.json')) > installed;
}

/** The project's Node binary, or undefined when this platform has no package for it. */
export function projectNode() {
  const os = process.platform === 'win32' ? 'win' : process.platform;
  const exe = process.platform === 'win32' ? 'node.exe' : 'node';
  const bin = join(root, 'node_modules', `node-${os}-${process.arch}`, 'bin', exe);
  return existsSync(bin) ? bin : undefined;
}

/**
 * Installs if needed, then returns the Node to run the project with: the
 * project's own, else this one if it is the major version .nvmrc names.
 */
export function ensureInstalled() {
  if (installNeeded()) {
    console.log('Installing dependencies (npm ci)…');
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const r = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], {
      cwd: root,
      stdio: 'inherit',
      shell: process.platform === 'win32',
    });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
  const own = projectNode();
  if (own) return own;
  const wanted = readFileSync(join(root, '.nvmrc'), 'utf8').trim();
  if (process.versions.node.split('.')[0] !== wanted.split('.')[0]) {
    console.error(
      `Palabre runs on Node ${wanted} (.nvmrc). The lockfile has no Node package for ` +
        `${process.platform}-${process.arch} and this is Node ${process.versions.node}: ` +
        `install Node ${wanted} (e.g. \`nvm install\`) and run the command again.`,
    );
    process.exit(1);
  }
  return process.execPath;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  ensureInstalled();
}
