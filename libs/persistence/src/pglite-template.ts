import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { cp, mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { promisify } from 'node:util';

/**
 * A freshly initialized PGlite data directory, made once per PGlite version
 * and copied into every new data directory instead of running `initdb`
 * there (ADR 0025). PGlite's initdb boots a second PostgreSQL inside the
 * process, which costs seconds and leaves its memory behind; a copy costs
 * tens of milliseconds. The template is built in a child process, so the
 * platform's own memory never holds that second instance either.
 */

/** The file in a finished template listing every file and its size. */
const MANIFEST = 'palabre-template.json';

interface Manifest {
  pglite: string;
  files: Record<string, number>;
}

const pgliteEntry = (): string => require.resolve('@electric-sql/pglite');

/** The installed PGlite's version (its package.json, beside dist/). */
export function pgliteVersion(): string {
  const pkg = join(dirname(dirname(pgliteEntry())), 'package.json');
  return (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version;
}

/** node_modules/.cache/palabre/pglite-template-<version>, in the node_modules PGlite is installed in. */
export function defaultTemplateDir(): string {
  const entry = pgliteEntry();
  const modules = entry.slice(0, entry.lastIndexOf(`${sep}node_modules${sep}`) + 13);
  return join(modules, '.cache', 'palabre', `pglite-template-${pgliteVersion()}`);
}

async function listFiles(dir: string, base = dir): Promise<Record<string, number>> {
  const files: Record<string, number> = {};
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) Object.assign(files, await listFiles(path, base));
    else if (entry.isFile()) files[relative(base, path)] = (await stat(path)).size;
  }
  return files;
}

/** True when `dir` holds a whole template of this PGlite version (every file, each of its size). */
export async function isTemplateComplete(dir: string, version = pgliteVersion()): Promise<boolean> {
  try {
    const manifest = JSON.parse(await readFile(join(dir, MANIFEST), 'utf8')) as Manifest;
    if (manifest.pglite !== version || !manifest.files['PG_VERSION']) return false;
    for (const [file, size] of Object.entries(manifest.files))
      if ((await stat(join(dir, file))).size !== size) return false;
    return true;
  } catch {
    return false;
  }
}

const run = promisify(execFile);

// Runs in the child: PGlite's own initdb into the directory, then a clean close.
const INITDB = `const { PGlite } = require(process.argv[1]);
PGlite.create({ dataDir: process.argv[2] }).then((db) => db.close()).catch((e) => { console.error(e); process.exit(1); });`;

/**
 * The template for this PGlite version under `dir`, built now when missing,
 * partial or corrupt (a manifest that does not match the files). Concurrent
 * builders each build aside and the first rename wins.
 */
export async function ensureTemplate(dir: string): Promise<string> {
  const version = pgliteVersion();
  if (await isTemplateComplete(dir, version)) return dir;
  await rm(dir, { recursive: true, force: true });
  await mkdir(dirname(dir), { recursive: true });
  const building = `${dir}.building-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await run(process.execPath, ['-e', INITDB, pgliteEntry(), building], {
      maxBuffer: 16 * 1024 * 1024,
    });
    const manifest: Manifest = { pglite: version, files: await listFiles(building) };
    await writeFile(join(building, MANIFEST), JSON.stringify(manifest));
    try {
      await rename(building, dir);
    } catch (error) {
      // Another process finished first: use its template.
      if (!(await isTemplateComplete(dir, version))) throw error;
    }
    return dir;
  } finally {
    await rm(building, { recursive: true, force: true });
  }
}

/** True when `dataDir` has nothing in it yet (missing or empty): a new database. */
export function isNewDataDir(dataDir: string): boolean {
  if (!existsSync(dataDir)) return true;
  return readdirSync(dataDir).length === 0;
}

/**
 * Fills the new data directory `dataDir` from the template: copied aside,
 * then renamed into place, so an interrupted copy never leaves a partial
 * database behind.
 */
export async function copyTemplate(template: string, dataDir: string): Promise<void> {
  const target = resolve(dataDir);
  const copying = `${target}.copying-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await cp(template, copying, { recursive: true, filter: (src) => !src.endsWith(MANIFEST) });
    await rm(target, { recursive: true, force: true });
    await rename(copying, target);
  } finally {
    await rm(copying, { recursive: true, force: true });
  }
}
