import {
  NEWSLETTER_LANGS,
  type NewsletterContentView,
  type NewsletterLanguage,
} from '@palabre/contracts';
import type { FieldError } from '@palabre/service-kit';
import { checkBlocks, type NewsletterBlock } from '../rendering/newsletter-mail';

export const SUBJECT_MAX = 200;
export const PREHEADER_MAX = 200;

export type NewsletterContents = Partial<Record<NewsletterLanguage, NewsletterContentView>>;

/**
 * An administrator's newsletter per language, checked: each language given
 * has a subject and blocks (`checkBlocks`: https links and images, alternative
 * texts, bounded lengths); the organization's default language is required
 * (recipients of another language fall back to it). Every problem names its
 * field (`contents.fr.blocks.2.url`).
 */
export function checkContents(
  raw: Record<string, unknown>,
  defaultLang: NewsletterLanguage,
): { contents: NewsletterContents; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const contents: NewsletterContents = {};
  for (const key of Object.keys(raw))
    if (!(NEWSLETTER_LANGS as readonly string[]).includes(key))
      errors.push({
        field: `contents.${key}`,
        rule: 'oneOf',
        message: `Newsletters are written in ${NEWSLETTER_LANGS.join(', ')}`,
      });
  if (!raw[defaultLang])
    errors.push({
      field: `contents.${defaultLang}`,
      rule: 'required',
      message: `The newsletter needs its subject and body in the organization's default language (${defaultLang})`,
    });
  for (const lang of NEWSLETTER_LANGS) {
    const value = raw[lang];
    if (value === undefined || value === null) continue;
    const at = `contents.${lang}`;
    if (typeof value !== 'object' || Array.isArray(value)) {
      errors.push({ field: at, rule: 'type', message: 'Give { subject, preheader?, blocks }' });
      continue;
    }
    const c = value as Record<string, unknown>;
    for (const key of Object.keys(c))
      if (!['subject', 'preheader', 'blocks'].includes(key))
        errors.push({ field: `${at}.${key}`, rule: 'unknown', message: `No field ${key}` });
    const subject = typeof c.subject === 'string' ? c.subject.trim() : '';
    if (!subject)
      errors.push({ field: `${at}.subject`, rule: 'required', message: 'The subject is required' });
    else if (subject.length > SUBJECT_MAX || /[\r\n]/.test(subject))
      errors.push({
        field: `${at}.subject`,
        rule: 'maxLength',
        message: `The subject is one line of at most ${SUBJECT_MAX} characters`,
      });
    const preheader = c.preheader === undefined || c.preheader === null ? '' : c.preheader;
    if (typeof preheader !== 'string' || preheader.length > PREHEADER_MAX)
      errors.push({
        field: `${at}.preheader`,
        rule: 'maxLength',
        message: `The preheader is a text of at most ${PREHEADER_MAX} characters`,
      });
    const blocks = c.blocks;
    if (!Array.isArray(blocks) || blocks.length === 0) {
      errors.push({
        field: `${at}.blocks`,
        rule: 'required',
        message: 'The body needs at least one block',
      });
      continue;
    }
    for (const e of checkBlocks(blocks).errors) errors.push({ ...e, field: `${at}.${e.field}` });
    contents[lang] = {
      subject,
      preheader: typeof preheader === 'string' ? preheader.trim() : '',
      blocks: (blocks as NewsletterBlock[]).map((b) =>
        b.kind === 'text'
          ? { kind: 'text', text: b.text }
          : b.kind === 'image'
            ? { kind: 'image', url: b.url, alt: b.alt, ...(b.width ? { width: b.width } : {}) }
            : { kind: 'button', label: b.label, url: b.url },
      ),
    };
  }
  return { contents, errors };
}

/** The content a recipient of `locale` reads: theirs when written, else the default language's. */
export function contentFor(
  contents: NewsletterContents,
  locale: string,
  defaultLang: NewsletterLanguage,
): { lang: NewsletterLanguage; content: NewsletterContentView } {
  const lang = locale.slice(0, 2) as NewsletterLanguage;
  const own = contents[lang];
  if (own) return { lang, content: own };
  const fallback = contents[defaultLang];
  if (fallback) return { lang: defaultLang, content: fallback };
  const [first] = Object.entries(contents) as [NewsletterLanguage, NewsletterContentView][];
  if (!first) throw new Error('A newsletter without any content');
  return { lang: first[0], content: first[1] };
}
