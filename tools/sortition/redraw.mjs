#!/usr/bin/env node
// Re-runs a published draw and says whether it finds the same result (see README.md here).
//
//   node tools/sortition/redraw.mjs draw.json
//   node tools/sortition/redraw.mjs - < draw.json
//   node tools/sortition/redraw.mjs --url https://example.org/…/draw.json
//
// Exit code 0: the commitment matches the inputs and the draw gives the published result.
// Exit code 1: anything else, with the reason.
import * as nodeModule from 'node:module';
import { readFileSync } from 'node:fs';

const USAGE =
  'usage: node tools/sortition/redraw.mjs <draw.json> | - | --url <https://…/draw.json>';

// The draw's code is the platform's own TypeScript file, run as is (Node ≥ 22.18 strips the
// types). Its folder's package.json does not say "module": tell Node, which would otherwise
// guess and print a warning about it.
const coreUrl = new URL('../../apps/sortitions/src/draws/draw-core.ts', import.meta.url).href;
nodeModule.registerHooks?.({
  load: (url, context, nextLoad) =>
    nextLoad(url, url === coreUrl ? { ...context, format: 'module-typescript' } : context),
});

function fail(message) {
  console.error(`NOT VERIFIED: ${message}`);
  process.exit(1);
}

async function readPublished(args) {
  if (args.length === 1 && args[0] === '-') return readFileSync(0, 'utf8');
  if (args.length === 2 && args[0] === '--url') {
    const response = await fetch(args[1]);
    if (!response.ok) fail(`${args[1]} answered ${response.status} ${response.statusText}`);
    return response.text();
  }
  if (args.length === 1 && !args[0].startsWith('-')) return readFileSync(args[0], 'utf8');
  console.error(USAGE);
  process.exit(1);
}

let core;
try {
  core = await import('../../apps/sortitions/src/draws/draw-core.ts');
} catch (e) {
  fail(
    `cannot load the draw's code (Node 22.18 or later is needed, this is ${process.version}): ${e.message}`,
  );
}

let published;
try {
  published = JSON.parse(await readPublished(process.argv.slice(2)));
} catch (e) {
  fail(`cannot read the published draw: ${e.message}`);
}

const outcome = core.verify(published);
const { inputs } = published ?? {};
const list = (ids) => (ids.length === 0 ? '(none)' : ids.join(', '));

const stated = (value) => (value === undefined ? '(not stated)' : value);
console.log(`Algorithm: ${stated(published?.algorithm)}, version ${stated(published?.version)}`);
if (outcome.commitment) {
  const same = outcome.commitment === published.commitment;
  console.log(
    `Draw of ${inputs.kind === 'panel' ? 'a panel' : 'proposals'} for ${inputs.organization}${inputs.component ? ` / ${inputs.component}` : ''}, at ${inputs.drawAt}`,
  );
  console.log('1. Commitment = SHA-256 of the canonical JSON of the inputs');
  console.log(`   recomputed: ${outcome.commitment}`);
  console.log(`   published:  ${published.commitment}  ${same ? '(same)' : '(DIFFERENT)'}`);
}
if (outcome.result) {
  const r = outcome.result;
  console.log(`2. Public numbers: ${JSON.stringify(published.publicNumbers.trim())}`);
  console.log(`   seed = SHA-256(commitment + "\\n" + public numbers): ${r.seed}`);
  if (inputs.kind === 'proposals') {
    console.log(
      `3. Draw of ${inputs.count} among ${inputs.candidates.length} candidates, recomputed:`,
    );
    r.selected.forEach((id, i) => console.log(`   ${i + 1}. ${id}`));
  } else {
    const { types, panels } = inputs.distribution;
    const total = panels.reduce((sum, p) => sum + BigInt(p.weight), 0n);
    const chances = Object.values(core.selectionProbabilities(inputs));
    const percent = (x) => `${(100 * x).toFixed(2)} %`;
    console.log(
      `3. Panel of ${inputs.size} among ${inputs.pool.length} volunteers; ` +
        `each volunteer's chance from the published distribution: ` +
        `${percent(Math.min(...chances))} to ${percent(Math.max(...chances))}`,
    );
    console.log(
      `   composition drawn: panelIndex ${r.panelIndex} (number ${r.panelIndex + 1} of ` +
        `${panels.length}, weight ${panels[r.panelIndex].weight} of ${total})`,
    );
    let at = 0;
    types.forEach((type, j) => {
      const count = panels[r.panelIndex].counts[j];
      console.log(`   ${type.values.join(' / ')}: ${list(r.selected.slice(at, at + count))}`);
      console.log(`      replacements in order: ${list(r.replacements[type.key])}`);
      at += count;
    });
  }
}

if (!outcome.ok) {
  console.error('');
  for (const problem of outcome.problems) console.error(`NOT VERIFIED: ${problem}`);
  process.exit(1);
}
console.log('');
console.log('VERIFIED: the commitment matches the inputs and the draw gives the published result.');
