import LinkifyIt from 'linkify-it';
import tlds from 'tlds';
import { parse } from 'tldts';

/**
 * What the scorer reads in a text (a contribution's title and body, an
 * account's "about"): its words as tokens for the word model, plus signals
 * a word model cannot see well (links and where they go, links written so
 * that a filter misses them, keyword stuffing, shouting). Pure functions of
 * the text: the same text always gives the same features, in training and
 * in scoring.
 */
export interface TextFeatures {
  /** Lower-cased words (letters or digits, 2 to 30 long) and signal tokens (`_link`, `_tld:xyz`…). */
  tokens: string[];
  /** Registrable domains the text links to, in order of appearance, each once. */
  domains: string[];
  links: number;
  /** Links written around filters: "site . xyz", "site[dot]com", "hxxp://". */
  obfuscatedLinks: number;
  /** Share of the words taken by the most repeated one (keyword stuffing), 0 for short texts. */
  repetition: number;
  /** Share of upper-case letters among letters. */
  capitals: number;
  emojis: number;
  words: number;
}

// Every top-level domain (the maintained `tlds` list): "moonape-nft.xyz" is a link without its https.
const linkify = new LinkifyIt(undefined, { fuzzyLink: true, fuzzyEmail: true }).tlds(tlds, false);
const EMOJI = /\p{Extended_Pictographic}/gu;
const WORD = /[\p{L}\p{N}]+/gu;
const OBFUSCATED = [
  /\bhxxps?:\/\//gi,
  /\b[a-z0-9-]{2,}\s*(?:\[\s*(?:dot|\.)\s*\]|\(\s*(?:dot|\.)\s*\)|\s+dot\s+)\s*[a-z]{2,6}\b/gi,
  /\b(?:www|[a-z0-9-]{3,})\s+\.\s*[a-z0-9-]{2,}\s*\.\s*[a-z]{2,6}\b/gi,
  /\b[a-z0-9-]{3,}\s+\.\s+(?:com|net|org|xyz|top|shop|online|biz|info|ru|fr|io|site|club)\b/gi,
];
const MONEY = /(?:[€$£]\s?\d|\d[\d\s.,]*\s?(?:€|\$|£|eur\b|euros?\b|dollars?\b|k€|m€))/i;
const PHONE = /(?:\+\d{1,3}[\s.-]?)?(?:\(?\d{2,4}\)?[\s.-]?){3,5}\d{2,4}/;

/** Words inside a domain name ("meilleur-casino-bonus" → meilleur, casino, bonus). */
function domainWords(domain: string): string[] {
  const name = domain.split('.')[0] ?? '';
  return name.split(/[^a-z0-9]+/).filter((w) => w.length >= 3);
}

function fold(word: string): string {
  return word.normalize('NFKD').replace(/\p{M}+/gu, '');
}

/** The features of a text; `title` is read as part of the text. */
export function textFeatures(text: string, title = ''): TextFeatures {
  const all = title ? `${title}\n${text}` : text;
  const tokens: string[] = [];
  const domains: string[] = [];
  let links = 0;
  for (const match of linkify.match(all) ?? []) {
    if (match.schema === 'mailto:') {
      tokens.push('_email');
      continue;
    }
    links++;
    const url = parse(match.url);
    const domain = url.domain ?? url.hostname ?? '';
    if (domain && !domains.includes(domain)) domains.push(domain);
    tokens.push('_link');
    if (url.publicSuffix) tokens.push(`_tld:${url.publicSuffix}`);
    for (const w of domainWords(domain)) tokens.push(`_d:${fold(w)}`);
    if (/[?&](?:ref|aff|affiliate|utm_[a-z]+|promo|coupon)=/i.test(match.url))
      tokens.push('_tracking');
  }
  let obfuscatedLinks = 0;
  for (const re of OBFUSCATED) obfuscatedLinks += all.match(re)?.length ?? 0;
  if (obfuscatedLinks) tokens.push('_obfuscated');
  if (MONEY.test(all)) tokens.push('_money');
  if (PHONE.test(all)) tokens.push('_phone');
  if (/whats\s?app|telegram|wa\.me/i.test(all)) tokens.push('_messaging');
  const emojis = all.match(EMOJI)?.length ?? 0;
  if (emojis) tokens.push('_emoji');
  if (emojis >= 3) tokens.push('_emojis');

  const words = (all.match(WORD) ?? []).filter((w) => w.length >= 2 && w.length <= 30);
  let upper = 0;
  let letters = 0;
  for (const ch of all) {
    if (/\p{L}/u.test(ch)) {
      letters++;
      if (ch !== ch.toLowerCase()) upper++;
    }
  }
  const counts = new Map<string, number>();
  let previous = '';
  for (const raw of words) {
    const w = fold(raw.toLowerCase());
    tokens.push(w);
    // Pairs of words ("sans depot", "cliquez ici") say more than each word alone.
    if (previous) tokens.push(`${previous} ${w}`);
    previous = w;
    // Short words ("de", "the") are frequent in any text: stuffing is measured on the others.
    if (w.length >= 4) counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  const most = Math.max(0, ...counts.values());
  const capitals = letters >= 20 ? upper / letters : 0;
  if (capitals > 0.5) tokens.push('_shouting');
  if (words.length === 0) tokens.push('_no_words');
  else if (words.length < 4) tokens.push('_very_short');
  return {
    tokens,
    domains,
    links,
    obfuscatedLinks,
    repetition: words.length >= 12 ? most / words.length : 0,
    capitals,
    emojis,
    words: words.length,
  };
}
