import disposableDomains from 'disposable-email-domains';
import { textFeatures } from './text-features';

/** What an account is scored on (the scoring API's `account` body, identity's fields). */
export interface AccountInput {
  nickname: string;
  about?: string;
  personalUrl?: string | null;
  emailDomain: string;
  contributions: number;
  accountAgeDays: number;
}

const DISPOSABLE = new Set<string>(disposableDomains as string[]);
/** Mail providers anyone can open an address with (not a signal of spam by themselves). */
const FREE_MAIL = new Set([
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'hotmail.fr',
  'live.com',
  'live.fr',
  'msn.com',
  'yahoo.com',
  'yahoo.fr',
  'icloud.com',
  'me.com',
  'aol.com',
  'gmx.com',
  'gmx.fr',
  'mail.com',
  'protonmail.com',
  'proton.me',
  'orange.fr',
  'wanadoo.fr',
  'free.fr',
  'sfr.fr',
  'laposte.net',
  'neuf.fr',
  'bbox.fr',
]);

/** The account's signals, and the tokens of its nickname, "about" and personal URL for the word model. */
export interface AccountFeatures {
  tokens: string[];
  disposableEmail: boolean;
  freeMail: boolean;
  hasUrl: boolean;
  links: number;
  domains: string[];
  /** Share of digits in the nickname. */
  nicknameDigits: number;
  contributions: number;
  accountAgeDays: number;
  aboutWords: number;
}

export function accountFeatures(a: AccountInput): AccountFeatures {
  const domain = a.emailDomain.trim().toLowerCase().replace(/^@/, '');
  const url = a.personalUrl?.trim() || '';
  // The nickname's parts ("best_seo-services2024" → best seo services 2024) read as words.
  const nicknameWords = a.nickname
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_.\-+]+/g, ' ')
    .replace(/(\p{L})(\p{N})/gu, '$1 $2');
  const about = textFeatures(a.about ?? '');
  const site = url ? textFeatures(url) : null;
  const nick = textFeatures(nicknameWords);
  const tokens = [
    ...nick.tokens.map((t) => `n:${t}`),
    ...about.tokens,
    ...(site ? site.tokens.filter((t) => t.startsWith('_')).map((t) => `u${t}`) : ['u_none']),
  ];
  const disposableEmail = DISPOSABLE.has(domain);
  if (disposableEmail) tokens.push('_disposable');
  const digits = (a.nickname.match(/\p{N}/gu) ?? []).length;
  return {
    tokens,
    disposableEmail,
    freeMail: FREE_MAIL.has(domain),
    hasUrl: url !== '',
    links: about.links + (site?.links ?? 0),
    domains: [...new Set([...(site?.domains ?? []), ...about.domains])],
    nicknameDigits: a.nickname.length ? digits / a.nickname.length : 0,
    contributions: Math.max(0, a.contributions),
    accountAgeDays: Math.max(0, a.accountAgeDays),
    aboutWords: about.words,
  };
}
