#!/usr/bin/env node
// Trains the antispam model: `npm run antispam:train` writes
// apps/antispam/model/model.json. Reproducible: the same data gives the same
// file (no randomness; the split and the folds come from hashes of the ids).
//
// Data: tools/antispam/data/contents.jsonl and accounts.jsonl (the project's
// own labelled civic texts and profiles, French and English, ham and spam,
// hard cases included; see its README) and, for the words of contributions,
// the SpamAssassin public corpus from the registry. A quarter of every set is
// held out (by the hash of each row's id) and never seen here: the bench
// (npm run bench:antispam) measures the model on it.
//
// Per kind (contents, accounts):
//   1. a naive Bayes word model (wink-naive-bayes-text-classifier) over the
//      scorer's tokens; its log odds for each training row come from a model
//      trained on the other four folds (out of fold), so that the next layer
//      learns how far to trust them on texts they did not see;
//   2. a logistic layer (ml-logistic-regression) over those odds and the
//      signals words miss (links, domains, disguised links, stuffing,
//      capitals, length; for accounts: throw-away mail, free mail, URL,
//      digits in the nickname, contributions, age), standardized;
//   3. the word model again on every training row, for scoring.
//
// People's decisions (`GET /api/antispam/labels` of an organization, saved as
// a file) are added to the training rows with `--labels <file>` (repeatable):
// they are trained on, never held out (the bench's held-out quarter stays the
// project's own data, so that a retrained model is measured on the same set).
//
//   node tools/antispam/train.mjs [--no-spamassassin] [--labels <file>]... [--out <file>]
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  DATA,
  MODEL,
  foldOf,
  isHeldOut,
  readJsonl,
  require,
  scoringCode,
  sha256,
  spamAssassin,
} from './lib.mjs';

const args = process.argv.slice(2);
const withSpamAssassin = !args.includes('--no-spamassassin');
const out = args.includes('--out') ? args[args.indexOf('--out') + 1] : MODEL;
const labelFiles = args.flatMap((a, i) => (a === '--labels' ? [args[i + 1]] : []));
const labels = labelFiles.map((file) => readJsonl(file));
const labelled = (set) =>
  labels.flatMap((l) =>
    l.rows
      .filter((r) => r.set === set && (r.label === 'spam' || r.label === 'ham'))
      .map((r) => ({ ...r, id: `${sha256(l.sha256).slice(0, 8)}-${r.id}` })),
  );
const FOLDS = 5;
const winkNaiveBayes = require('wink-naive-bayes-text-classifier');
const LogisticRegression = require('ml-logistic-regression');
const { Matrix } = require('ml-matrix');
const S = scoringCode();

function wordModel(rows) {
  const nb = winkNaiveBayes();
  nb.defineConfig({ considerOnlyPresence: true, smoothingFactor: 0.5 });
  for (const r of rows) nb.learn(r.tokens, r.label);
  nb.consolidate();
  return nb.exportJSON();
}

/** Out-of-fold word odds of each row (rows of `extra` only ever train). */
function outOfFold(rows, extra = []) {
  const odds = new Map();
  for (let k = 0; k < FOLDS; k++) {
    const model = new S.WordModel(
      wordModel([...extra, ...rows.filter((r) => foldOf(r.id, FOLDS) !== k)]),
    );
    for (const r of rows) if (foldOf(r.id, FOLDS) === k) odds.set(r.id, model.odds(r.tokens));
  }
  return odds;
}

/** The logistic layer over standardized signals (intercept first). */
function logisticLayer(rows) {
  const features = Object.keys(rows[0].signals);
  const X = rows.map((r) => features.map((f) => r.signals[f]));
  const mean = features.map((_, j) => X.reduce((s, x) => s + x[j], 0) / X.length);
  const std = features.map(
    (_, j) => Math.sqrt(X.reduce((s, x) => s + (x[j] - mean[j]) ** 2, 0) / X.length) || 1,
  );
  const Z = X.map((x) => [1, ...x.map((v, j) => (v - mean[j]) / std[j])]);
  const lr = new LogisticRegression({ numSteps: 20_000, learningRate: 0.5 / rows.length });
  lr.train(new Matrix(Z), Matrix.columnVector(rows.map((r) => (r.label === 'spam' ? 1 : 0))));
  // One classifier per class, each trained to say "not this class" (the library's one-vs-all
  // codes the class as 0): the classifier of class 0 (ham) gives the probability of spam.
  const weights = lr.classifiers[0].weights.to1DArray();
  return { features, mean, std, weights };
}

function train(rows, signalsOf, mail = null) {
  const odds = outOfFold(rows, []);
  const mailModel = mail ? new S.WordModel(mail) : null;
  const layer = logisticLayer(
    rows.map((r) => ({
      ...r,
      signals: signalsOf(r, odds.get(r.id), mailModel?.odds(r.tokens) ?? 0),
    })),
  );
  return { words: wordModel(rows), ...(mail ? { mailWords: mail } : {}), logistic: layer };
}

const contents = readJsonl(join(DATA, 'contents.jsonl'));
const accounts = readJsonl(join(DATA, 'accounts.jsonl'));
const contentRows = [...contents.rows.filter((r) => !isHeldOut(r.id)), ...labelled('contents')]
  .map((r) => ({ ...r, features: S.textFeatures(r.text, r.title ?? '') }))
  .map((r) => ({ ...r, tokens: r.features.tokens }));
const sa = withSpamAssassin ? spamAssassin().filter((r) => !isHeldOut(r.id)) : [];
// Mails: single words and signals seen in at least 3 mails (the rest, 80 % of a mail
// vocabulary, are names, ids and typos that only make the file big).
const saTokens = sa.map((r) =>
  [...new Set(S.textFeatures(r.text).tokens)].filter((t) => !t.includes(' ')),
);
const df = new Map();
for (const tokens of saTokens) for (const t of tokens) df.set(t, (df.get(t) ?? 0) + 1);
const saRows = sa.map((r, i) => ({ ...r, tokens: saTokens[i].filter((t) => df.get(t) >= 3) }));
const accountRows = [...accounts.rows.filter((r) => !isHeldOut(r.id)), ...labelled('accounts')]
  .map((r) => ({ ...r, features: S.accountFeatures(r) }))
  .map((r) => ({ ...r, tokens: r.features.tokens }));

const t0 = Date.now();
// The mails' word model never sees our texts: its odds on them are already "out of fold".
const content = train(
  contentRows,
  (r, odds, mail) => S.contentSignals(r.features, odds, r.kind, mail),
  saRows.length ? wordModel(saRows) : null,
);
const account = train(accountRows, (r, odds) => S.accountSignals(r.features, odds));
const data = {
  contents: { sha256: contents.sha256, rows: contents.rows.length, trained_on: contentRows.length },
  accounts: { sha256: accounts.sha256, rows: accounts.rows.length, trained_on: accountRows.length },
  spamassassin: withSpamAssassin ? { trained_on: saRows.length } : null,
  labels: labels.map((l, i) => ({
    file: labelFiles[i],
    sha256: l.sha256,
    contents: l.rows.filter((r) => r.set === 'contents').length,
    accounts: l.rows.filter((r) => r.set === 'accounts').length,
  })),
};
const hash = sha256(JSON.stringify({ data, content, account }));
const model = {
  version: `${contents.sha256.slice(0, 6)}${accounts.sha256.slice(0, 6)}-${hash.slice(0, 12)}`,
  data,
  content,
  account,
};
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(model)}\n`);
console.log(
  `antispam model ${model.version}: contents ${contentRows.length} (+${saRows.length} SpamAssassin mails for words), accounts ${accountRows.length}${labels.length ? ` (people's decisions included: ${data.labels.map((l) => `${l.contents} contents, ${l.accounts} accounts from ${l.file}`).join('; ')})` : ''}; held out a quarter of the project's data; ${Date.now() - t0} ms → ${out}`,
);
for (const [kind, m] of [
  ['content', content],
  ['account', account],
]) {
  const w = m.logistic.weights;
  console.log(
    `  ${kind} layer: intercept ${w[0].toFixed(2)}; ${m.logistic.features.map((f, i) => `${f} ${w[i + 1].toFixed(2)}`).join(', ')}`,
  );
}
