#!/usr/bin/env node
// The surveys benches, one after the other, each in its own process (their
// output as they print it):
//
//   answers.mjs  a survey with 250,000 answers: export streamed with memory
//                flat, results p99 < 200 ms once cached (see its header);
//   panel.mjs    citizens' panel selection (when that file is here).
//
//   npm run bench:surveys -- [options of answers.mjs]
//
// The options go to answers.mjs (--transport postgres|kafka among them: the
// event bus of its spaces and surveys processes); panel.mjs runs with its
// defaults (no service process, no bus). Exit code:
// the first non-zero one of the two (each prints its met/MISS lines itself).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** Runs `node <script> ...args` with this process's output; its exit code (1 if it died of a signal). */
function run(script, args = []) {
  const r = spawnSync(process.execPath, [join(here, script), ...args], { stdio: 'inherit' });
  if (r.error) {
    console.error(`bench:surveys: could not run ${script}: ${r.error.message}`);
    return 1;
  }
  if (r.signal) console.error(`bench:surveys: ${script} ended by ${r.signal}`);
  return r.status ?? 1;
}

const codes = [run('answers.mjs', process.argv.slice(2))];
if (existsSync(join(here, 'panel.mjs'))) {
  console.log('');
  codes.push(run('panel.mjs'));
}
process.exitCode = codes.find((c) => c !== 0) ?? 0;
