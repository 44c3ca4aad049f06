#!/usr/bin/env node
// Compiles apps/*/src and libs/*/src (TypeScript) to dist/ with SWC, CommonJS,
// rewriting @palabre/* aliases to relative paths. Type checking is `npm run
// typecheck`; this only emits, in about a second for the whole workspace.
import { transformFile } from '@swc/core';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const out = join(root, 'dist');
const swcrc = JSON.parse(await readFile(join(root, '.swcrc'), 'utf8'));
delete swcrc.$schema;

async function* walk(dir) {
  let entries = [];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* walk(p);
    else if (
      p.endsWith('.ts') &&
      !p.endsWith('.d.ts') &&
      !/\.(int-)?spec\.ts$/.test(p) &&
      !p.endsWith('.contract.ts')
    )
      yield p;
  }
}

const started = Date.now();
await rm(out, { recursive: true, force: true });
let count = 0;
for (const top of ['apps', 'libs']) {
  for (const project of await readdir(join(root, top)).catch(() => [])) {
    for await (const file of walk(join(root, top, project, 'src'))) {
      const { code, map } = await transformFile(file, {
        ...swcrc,
        swcrc: false,
        filename: file,
        sourceMaps: true,
        jsc: { ...swcrc.jsc, baseUrl: root, paths: { '@palabre/*': ['libs/*/src'] } },
      });
      const target = join(out, relative(root, file)).replace(/\.ts$/, '.js');
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, `${code}\n//# sourceMappingURL=${target.split('/').pop()}.map\n`);
      if (map) await writeFile(`${target}.map`, map);
      count++;
    }
  }
}
if (!process.argv.includes('--quiet'))
  console.log(`built ${count} files into dist/ in ${Date.now() - started} ms`);
