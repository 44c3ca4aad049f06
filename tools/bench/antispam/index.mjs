#!/usr/bin/env node
// Anti-spam (issue 21, "Figures"): the model in apps/antispam/model/model.json
// measured on what its training never saw.
//
//   held-out   the quarter of tools/antispam/data held out by id hash:
//              confusion matrices per kind (proposal, comment, petition,
//              account) and language at the thresholds 0.7 (report) and 0.99
//              (block); targets on contributions and on accounts: at 0.7
//              precision ≥ 0.95 and recall ≥ 0.85, at 0.99 precision ≥ 0.995;
//              the hard cases apart.
//   unlike     the held-out quarter of the SpamAssassin public corpus (mails of
//              the early 2000s), scored as comments: how the numbers move on
//              data unlike the training data.
//   speed      one process, one core: scoring the held-out items again and
//              again for --seconds (5), latency per item (p50, p99 ≤ 5 ms)
//              and items per CPU second (≥ 1,000).
//
//   npm run bench:antispam -- [--seconds 5] [--train]
// --train retrains the model first (node tools/antispam/train.mjs).
// Output: human lines with met/MISS, then one JSON line with every number.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DATA,
  MODEL,
  confusion,
  isHeldOut,
  readJsonl,
  root,
  scoringCode,
  spamAssassin,
} from '../../antispam/lib.mjs';

const args = process.argv.slice(2);
const seconds = args.includes('--seconds') ? Number(args[args.indexOf('--seconds') + 1]) : 5;
if (!(seconds > 0 && seconds <= 600)) {
  console.error('bench:antispam: --seconds expects a number in (0, 600]');
  process.exit(64);
}
if (args.includes('--train'))
  execFileSync(process.execPath, [join(root, 'tools/antispam/train.mjs')], { stdio: 'inherit' });

const S = scoringCode();
const model = new S.SpamModel(JSON.parse(readFileSync(MODEL, 'utf8')));
const out = { bench: 'antispam', node: process.version, model: model.version };
const verdicts = [];
const verdict = (name, ok, detail) => verdicts.push({ name, ok, detail });
const pct = (x) => `${(x * 100).toFixed(1)} %`;

const contents = readJsonl(join(DATA, 'contents.jsonl')).rows.filter((r) => isHeldOut(r.id));
const accounts = readJsonl(join(DATA, 'accounts.jsonl')).rows.filter((r) => isHeldOut(r.id));
const scoreContent = (r) =>
  model.content({ type: r.kind, title: r.title, text: r.text, lang: r.lang }).score;
const scored = [
  ...contents.map((r) => ({
    kind: r.kind,
    lang: r.lang,
    hard: r.hard,
    label: r.label,
    score: scoreContent(r),
  })),
  ...accounts.map((r) => ({
    kind: 'account',
    lang: r.lang,
    hard: r.hard,
    label: r.label,
    score: model.account(r).score,
  })),
];

function matrixLine(name, items) {
  const a = confusion(items, 0.7);
  const b = confusion(items, 0.99);
  const n = items.length;
  const spam = items.filter((i) => i.label === 'spam').length;
  return {
    name,
    n,
    spam,
    at_0_7: a,
    at_0_99: b,
    text: `${name.padEnd(22)} n=${String(n).padStart(4)} (spam ${String(spam).padStart(3)})  0.7: TP ${a.tp} FP ${a.fp} FN ${a.fn} TN ${a.tn}, precision ${pct(a.precision)}, recall ${pct(a.recall)}  |  0.99: TP ${b.tp} FP ${b.fp} FN ${b.fn} TN ${b.tn}, precision ${pct(b.precision)}, recall ${pct(b.recall)}`,
  };
}

console.log(
  `bench:antispam — model ${model.version}\n\nheld-out (never trained on): confusion matrices`,
);
out.held_out = [];
for (const kind of ['proposal', 'comment', 'petition', 'account'])
  for (const lang of ['fr', 'en']) {
    const items = scored.filter((i) => i.kind === kind && i.lang === lang);
    if (!items.length) continue;
    const line = matrixLine(`${kind} ${lang}`, items);
    out.held_out.push(line);
    console.log(`  ${line.text}`);
  }
const groups = {
  contributions: scored.filter((i) => i.kind !== 'account'),
  accounts: scored.filter((i) => i.kind === 'account'),
  'hard cases': scored.filter((i) => i.hard),
};
out.totals = {};
for (const [name, items] of Object.entries(groups)) {
  const line = matrixLine(name, items);
  out.totals[name] = line;
  console.log(`  ${line.text}`);
}
for (const name of ['contributions', 'accounts']) {
  const t = out.totals[name];
  verdict(
    `${name}: at 0.7 precision ≥ 0.95`,
    t.at_0_7.precision >= 0.95,
    `${pct(t.at_0_7.precision)} (${t.at_0_7.fp} false positives of ${t.at_0_7.tp + t.at_0_7.fp})`,
  );
  verdict(
    `${name}: at 0.7 recall ≥ 0.85`,
    t.at_0_7.recall >= 0.85,
    `${pct(t.at_0_7.recall)} (${t.at_0_7.fn} spam missed of ${t.spam})`,
  );
  verdict(
    `${name}: at 0.99 precision ≥ 0.995`,
    t.at_0_99.precision >= 0.995,
    `${pct(t.at_0_99.precision)} (${t.at_0_99.fp} false positives of ${t.at_0_99.tp + t.at_0_99.fp}; recall ${pct(t.at_0_99.recall)})`,
  );
}

console.log('\nunlike the training data: the held-out SpamAssassin mails, scored as comments');
const sa = spamAssassin()
  .filter((r) => isHeldOut(r.id))
  .map((r) => ({ ...r, score: scoreContent(r) }));
out.unlike = {};
for (const [name, items] of [
  ['spamassassin all', sa],
  ['spamassassin easy', sa.filter((r) => r.group.startsWith('easy') || r.label === 'spam')],
  ['spamassassin hard-ham', sa.filter((r) => r.group.startsWith('hard') || r.label === 'spam')],
]) {
  const line = matrixLine(name, items);
  out.unlike[name] = line;
  console.log(`  ${line.text}`);
}

console.log(`\nspeed: one process, scoring the held-out items for ${seconds} s`);
const items = [
  ...contents.map((r) => () => scoreContent(r)),
  ...accounts.map((r) => () => model.account(r)),
];
for (let i = 0; i < 2_000; i++) items[i % items.length]();
const lat = [];
const cpu0 = process.cpuUsage();
const t0 = performance.now();
let n = 0;
while (performance.now() - t0 < seconds * 1000) {
  const a = performance.now();
  items[n % items.length]();
  lat.push(performance.now() - a);
  n++;
}
const cpu = process.cpuUsage(cpu0);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
lat.sort((x, y) => x - y);
const p = (q) => lat[Math.min(lat.length - 1, Math.floor(q * lat.length))];
out.speed = {
  items: n,
  p50_ms: Number(p(0.5).toFixed(3)),
  p99_ms: Number(p(0.99).toFixed(3)),
  max_ms: Number(lat[lat.length - 1].toFixed(3)),
  items_per_cpu_second: Math.round(n / cpuSeconds),
  cpu_ms_per_item: Number(((cpuSeconds * 1000) / n).toFixed(4)),
};
console.log(
  `  ${n} items: p50 ${out.speed.p50_ms} ms, p99 ${out.speed.p99_ms} ms, max ${out.speed.max_ms} ms; ${out.speed.items_per_cpu_second} items per CPU second (${out.speed.cpu_ms_per_item} ms of CPU each)`,
);
verdict('scoring p99 ≤ 5 ms per item', out.speed.p99_ms <= 5, `${out.speed.p99_ms} ms`);
verdict(
  '≥ 1,000 items/s on one core',
  out.speed.items_per_cpu_second >= 1000,
  `${out.speed.items_per_cpu_second} items per CPU second`,
);

console.log('');
for (const v of verdicts) console.log(`${v.ok ? 'met ' : 'MISS'}  ${v.name}: ${v.detail}`);
out.verdicts = verdicts;
console.log(JSON.stringify(out));
