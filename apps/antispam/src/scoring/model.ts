import winkNaiveBayes from 'wink-naive-bayes-text-classifier';
import { accountFeatures, type AccountFeatures, type AccountInput } from './account-features';
import { textFeatures, type TextFeatures } from './text-features';

export type ContentType = 'proposal' | 'comment' | 'petition' | 'meeting';

/** What a contribution is scored on (the scoring API's `content` body). */
export interface ContentInput {
  type: ContentType;
  title?: string;
  text: string;
  lang?: 'fr' | 'en';
}

/** A probability of spam and what drove it, in short stable codes a page translates. */
export interface Scored {
  score: number;
  reasons: string[];
}

/** A logistic layer over named features, standardized as in training. */
export interface Logistic {
  features: string[];
  mean: number[];
  std: number[];
  /** Intercept first, then one weight per feature. */
  weights: number[];
}

/** One kind's model: words (naive Bayes, wink's JSON) and the logistic layer that weighs them with the signals. */
export interface KindModel {
  words: string;
  /** Contributions: a second word model, of mails (SpamAssassin), for spam unlike our texts. */
  mailWords?: string;
  logistic: Logistic;
}

/** The model file `tools/antispam/train.mjs` writes (apps/antispam/model/model.json). */
export interface ModelFile {
  /** `<date>-<first 12 hex of the file's data hash>`: shown in the admin, stored with each score. */
  version: string;
  /** What it was trained on: file hashes and counts, for the record. */
  data: Record<string, unknown>;
  content: KindModel;
  account: KindModel;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** The logistic layer's inputs of a contribution (training computes them with the same function). */
export function contentSignals(f: TextFeatures, wordOdds: number, type: ContentType, mailOdds = 0) {
  return {
    words: clamp(wordOdds, -60, 60),
    mail: clamp(mailOdds, -60, 60),
    links: Math.log1p(f.links),
    domains: Math.log1p(f.domains.length),
    obfuscated: f.obfuscatedLinks > 0 ? 1 : 0,
    repetition: f.repetition,
    capitals: f.capitals,
    emojis: Math.log1p(f.emojis),
    length: Math.log1p(f.words),
    comment: type === 'comment' ? 1 : 0,
  } satisfies Record<string, number>;
}

/** The logistic layer's inputs of an account. */
export function accountSignals(f: AccountFeatures, wordOdds: number) {
  return {
    words: clamp(wordOdds, -60, 60),
    disposable: f.disposableEmail ? 1 : 0,
    freeMail: f.freeMail ? 1 : 0,
    url: f.hasUrl ? 1 : 0,
    links: Math.log1p(f.links),
    nicknameDigits: f.nicknameDigits,
    contributions: Math.log1p(f.contributions),
    age: Math.log1p(f.accountAgeDays),
    aboutLength: Math.log1p(f.aboutWords),
  } satisfies Record<string, number>;
}

/** σ(b + Σ wᵢ·(xᵢ − μᵢ)/σᵢ) over the features the layer was trained with. */
export function logistic(layer: Logistic, signals: Record<string, number>): number {
  let z = layer.weights[0];
  layer.features.forEach((name, i) => {
    z += layer.weights[i + 1] * (((signals[name] ?? 0) - layer.mean[i]) / (layer.std[i] || 1));
  });
  return sigmoid(z);
}

/** A word model: its log2 odds of spam over ham, and the tokens that weigh most towards spam. */
export class WordModel {
  private readonly nb = winkNaiveBayes();
  /** log2 ratio of a token's smoothed frequency in spam over ham. */
  private readonly lean = new Map<string, number>();

  constructor(json: string) {
    this.nb.importJSON(json);
    this.nb.consolidate();
    const [config, , count, words, voc] = JSON.parse(json) as [
      { smoothingFactor: number },
      Record<string, number>,
      Record<string, Record<string, number>>,
      Record<string, number>,
      string[],
    ];
    const k = config.smoothingFactor || 0.5;
    for (const t of voc) {
      const spam = ((count.spam?.[t] ?? 0) + k) / ((words.spam ?? 0) + voc.length * k);
      const ham = ((count.ham?.[t] ?? 0) + k) / ((words.ham ?? 0) + voc.length * k);
      this.lean.set(t, Math.log2(spam / ham));
    }
  }

  odds(tokens: string[]): number {
    const [top] = this.nb.computeOdds(tokens);
    if (!top || top[0] === 'unknown') return 0;
    return top[0] === 'spam' ? top[1] : -top[1];
  }

  /** Up to `n` distinct words of `tokens` that lean towards spam by more than `min` bits. */
  spammiest(tokens: string[], n = 3, min = 2): string[] {
    const seen = new Set<string>();
    return tokens
      .filter((t) => !t.startsWith('_') && !t.startsWith('u_') && !seen.has(t) && seen.add(t))
      .map((t) => [t, this.lean.get(t) ?? 0] as const)
      .filter(([, l]) => l > min)
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([t]) => t.replace(/^n:/, ''));
  }
}

/**
 * Scores contributions and accounts with a trained model file. Scoring is a
 * pure function of the input and the model: no I/O, a few hundred
 * microseconds.
 */
export class SpamModel {
  private readonly contentWords: WordModel;
  private readonly mailWords: WordModel | null;
  private readonly accountWords: WordModel;

  constructor(readonly file: ModelFile) {
    this.contentWords = new WordModel(file.content.words);
    this.mailWords = file.content.mailWords ? new WordModel(file.content.mailWords) : null;
    this.accountWords = new WordModel(file.account.words);
  }

  get version(): string {
    return this.file.version;
  }

  content(input: ContentInput): Scored {
    const f = textFeatures(input.text, input.title ?? '');
    const odds = this.contentWords.odds(f.tokens);
    const signals = contentSignals(f, odds, input.type, this.mailWords?.odds(f.tokens) ?? 0);
    const score = logistic(this.file.content.logistic, signals);
    const reasons: string[] = [];
    const words = this.contentWords.spammiest(f.tokens);
    if (odds > 0 && words.length) reasons.push(`spam-words: ${words.join(', ')}`);
    if (f.links) reasons.push(`links: ${f.domains.slice(0, 3).join(', ') || f.links}`);
    if (f.obfuscatedLinks) reasons.push('disguised-links');
    if (f.repetition >= 0.2) reasons.push('keyword-stuffing');
    if (f.capitals > 0.5) reasons.push('shouting');
    return { score, reasons };
  }

  account(input: AccountInput): Scored {
    const f = accountFeatures(input);
    const odds = this.accountWords.odds(f.tokens);
    const score = logistic(this.file.account.logistic, accountSignals(f, odds));
    const reasons: string[] = [];
    const words = this.accountWords.spammiest(f.tokens);
    if (odds > 0 && words.length) reasons.push(`spam-words: ${words.join(', ')}`);
    if (f.disposableEmail) reasons.push('disposable-email');
    if (f.hasUrl || f.links) reasons.push(`links: ${f.domains.slice(0, 3).join(', ') || f.links}`);
    if (f.contributions === 0) reasons.push('no-contributions');
    if (f.accountAgeDays < 2) reasons.push('new-account');
    return { score, reasons };
  }
}
