import { en } from './messages.en';
import { fr } from './messages.fr';

export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export type MessageKey = keyof typeof fr;
type Plural = MessageKey extends infer K ? (K extends `${infer Base}_one` ? Base : never) : never;

const CATALOGUES: Record<Locale, Record<MessageKey, string>> = { fr, en };
const INTL_LOCALE: Record<Locale, string> = { fr: 'fr-FR', en: 'en-GB' };
export const LANG_COOKIE = 'palabre_lang';

/** A key the catalogues have (for keys built from what a service names). */
export const isMessageKey = (key: string): key is MessageKey => Object.hasOwn(fr, key);

export const isLocale = (v: unknown): v is Locale => LOCALES.includes(v as Locale);

/** Accept-Language → the best of our locales, by quality, or null. */
export function fromAcceptLanguage(header: string | undefined): Locale | null {
  if (!header) return null;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
      return { lang: tag.trim().toLowerCase().split('-')[0], q: q ? Number(q) : 1 };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q);
  return ranked.map((x) => x.lang).find(isLocale) ?? null;
}

/** Messages and formats of one language, for one page. */
export class I18n {
  readonly intl: string;
  private readonly messages: Record<MessageKey, string>;
  private readonly plurals: Intl.PluralRules;

  constructor(readonly locale: Locale) {
    this.messages = CATALOGUES[locale];
    this.intl = INTL_LOCALE[locale];
    this.plurals = new Intl.PluralRules(this.intl);
  }

  t(key: MessageKey, params: Record<string, string | number> = {}): string {
    return this.messages[key].replace(/\{(\w+)\}/g, (m, name: string) =>
      name in params
        ? typeof params[name] === 'number'
          ? this.number(params[name] as number)
          : String(params[name])
        : m,
    );
  }

  /** `key_one` or `key_other` by the language's plural rules, with {count}. */
  plural(key: Plural, count: number, params: Record<string, string | number> = {}): string {
    const form = this.plurals.select(count) === 'one' ? 'one' : 'other';
    return this.t(`${key}_${form}` as MessageKey, { ...params, count });
  }

  number(n: number): string {
    return new Intl.NumberFormat(this.intl).format(n);
  }

  percent(ratio: number): string {
    return new Intl.NumberFormat(this.intl, { style: 'percent', maximumFractionDigits: 0 }).format(
      ratio,
    );
  }

  date(iso: string | Date): string {
    return new Intl.DateTimeFormat(this.intl, {
      dateStyle: 'long',
      timeZone: 'Europe/Paris',
    }).format(new Date(iso));
  }

  dateTime(iso: string | Date): string {
    return new Intl.DateTimeFormat(this.intl, {
      dateStyle: 'long',
      timeStyle: 'short',
      timeZone: 'Europe/Paris',
    }).format(new Date(iso));
  }

  /** "12 days left", "3 hours left": the largest whole unit. */
  timeLeft(seconds: number): string {
    if (seconds >= 86_400) return this.plural('petition.left.days', Math.floor(seconds / 86_400));
    if (seconds >= 3_600) return this.plural('petition.left.hours', Math.floor(seconds / 3_600));
    return this.plural('petition.left.minutes', Math.max(1, Math.floor(seconds / 60)));
  }
}
