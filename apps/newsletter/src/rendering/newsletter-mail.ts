/**
 * A newsletter as a mail: its HTML part (compiled by MJML, which owns the
 * table layout that mail clients need) and its plain-text part, from the blocks
 * an administrator composed. Pure: no Nest, no database, no network.
 *
 * Sending personalises one thing per recipient, the unsubscribe link. So the
 * MJML compile (the slow step) runs once per newsletter and language in
 * `renderNewsletterTemplate`, with a random placeholder where the link goes;
 * each recipient's mail is then a string substitution, the URL escaped for the
 * HTML attribute it lands in.
 *
 * Accessibility: `lang` on <html>, a <title>, alternative text on every image,
 * a button colour pair of at least 4.5:1 (WCAG 2.1 AA), system fonts only (no
 * web font to fetch), no script, and a plain-text part carrying the same content.
 */
import { randomUUID } from 'node:crypto';
import { mjmlToHtml } from './mjml';

export type NewsletterBlock =
  | { kind: 'text'; text: string }
  | { kind: 'image'; url: string; alt: string; width?: number }
  | { kind: 'button'; label: string; url: string };

export type NewsletterLang = 'fr' | 'en';

export interface NewsletterMailInput {
  lang: NewsletterLang;
  subject: string;
  preheader?: string;
  organization: {
    name: string;
    logoUrl?: string | null;
    primaryColor?: string | null;
    origin: string;
  };
  blocks: NewsletterBlock[];
  /** The footer's link; the List-Unsubscribe headers (RFC 8058) are the sender's job. */
  unsubscribeUrl: string;
  /** Why this person receives the mail, e.g. "Vous recevez cette lettre car vous l'avez demandée sur …". */
  whyYouGetThis: string;
}

export type NewsletterTemplateInput = Omit<NewsletterMailInput, 'unsubscribeUrl'>;

export interface RenderedMail {
  html: string;
  text: string;
}

export interface BlockError {
  /** The offending field, e.g. `blocks.2.url`. */
  field: string;
  message: string;
  rule: 'required' | 'type' | 'oneOf' | 'https' | 'maxLength' | 'range' | 'maxItems' | 'unknown';
}

export const MAX_BLOCKS = 50;
export const TEXT_MAX = 10_000;
export const ALT_MAX = 300;
export const LABEL_MAX = 80;
export const URL_MAX = 2048;
/** The mail body's width (px): the usual 600, which an image never exceeds. */
export const BODY_WIDTH = 600;

const DEFAULT_PRIMARY = '#000091';
const TEXT_COLOR = '#1f1f1f';
/** Footer grey: 7.5:1 on white. */
const MUTED_COLOR = '#555555';
const LINK_FALLBACK = '#000091';
const FONT_STACK = 'Arial, Helvetica, sans-serif';
const HEX_COLOR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

/** A label then its value in the text part: French puts a no-break space before the colon. */
const WORDING: Record<NewsletterLang, { unsubscribe: string; image: string; colon: string }> = {
  fr: { unsubscribe: 'Se désinscrire', image: 'Image', colon: '\u00a0: ' },
  en: { unsubscribe: 'Unsubscribe', image: 'Image', colon: ': ' },
};

/** Thrown when asked to render blocks that `checkBlocks` refuses: the caller skipped validation. */
export class InvalidNewsletterBlocksError extends Error {
  constructor(readonly errors: BlockError[]) {
    super(`Invalid newsletter blocks: ${errors.map((e) => `${e.field} (${e.rule})`).join(', ')}`);
  }
}

/** One recipient's mail, compiled and personalised in one go (a test send, a preview). */
export async function renderNewsletter(input: NewsletterMailInput): Promise<RenderedMail> {
  const { unsubscribeUrl, ...template } = input;
  return (await renderNewsletterTemplate(template))(unsubscribeUrl);
}

/**
 * Compiles the newsletter once; the function returned gives each recipient's
 * mail with their unsubscribe URL (http or https only, else it throws).
 */
export async function renderNewsletterTemplate(
  input: NewsletterTemplateInput,
): Promise<(unsubscribeUrl: string) => RenderedMail> {
  const { errors } = checkBlocks(input.blocks);
  if (errors.length > 0) throw new InvalidNewsletterBlocksError(errors);

  // Random per compile, so that no text an administrator wrote can contain it.
  const placeholder = `palabre-unsubscribe-${randomUUID().replaceAll('-', '')}`;
  const result = await mjmlToHtml(toMjml(input, placeholder), {
    validationLevel: 'strict',
    keepComments: false,
    fonts: {},
  });
  if (result.errors.length > 0) {
    throw new Error(`MJML: ${result.errors.map((e) => e.formattedMessage).join('; ')}`);
  }
  const htmlParts = result.html.split(placeholder);
  const textParts = toText(input, placeholder).split(placeholder);
  if (htmlParts.length < 2 || textParts.length < 2)
    throw new Error('The unsubscribe link is missing from the mail');

  return (unsubscribeUrl) => {
    const url = checkedUnsubscribeUrl(unsubscribeUrl);
    return { html: htmlParts.join(escapeHtml(url)), text: textParts.join(url) };
  };
}

/**
 * The blocks' problems, each naming its field (`blocks.2.url`): images and
 * buttons link over https only, every image has an alternative text, texts and
 * labels are not empty, lengths are bounded, unknown fields are refused.
 */
export function checkBlocks(blocks: unknown): { errors: BlockError[] } {
  const errors: BlockError[] = [];
  if (!Array.isArray(blocks)) {
    errors.push({ field: 'blocks', rule: 'type', message: 'blocks must be a list of blocks' });
    return { errors };
  }
  if (blocks.length > MAX_BLOCKS) {
    errors.push({
      field: 'blocks',
      rule: 'maxItems',
      message: `A newsletter has at most ${MAX_BLOCKS} blocks`,
    });
  }
  blocks.forEach((block: unknown, index) => {
    const at = `blocks.${index}`;
    if (typeof block !== 'object' || block === null || Array.isArray(block)) {
      errors.push({ field: at, rule: 'type', message: 'A block must be an object with a kind' });
      return;
    }
    const b = block as Record<string, unknown>;
    const allowed = KNOWN_FIELDS[b.kind as NewsletterBlock['kind']];
    if (!allowed) {
      errors.push({
        field: `${at}.kind`,
        rule: 'oneOf',
        message: 'kind must be one of text, image, button',
      });
      return;
    }
    for (const key of Object.keys(b)) {
      if (!allowed.includes(key)) {
        errors.push({
          field: `${at}.${key}`,
          rule: 'unknown',
          message: `A ${String(b.kind)} block has no field ${key}`,
        });
      }
    }
    switch (b.kind) {
      case 'text':
        checkText(errors, `${at}.text`, b.text, TEXT_MAX, 'The text');
        break;
      case 'image':
        checkHttpsUrl(errors, `${at}.url`, b.url, 'The image');
        checkText(
          errors,
          `${at}.alt`,
          b.alt,
          ALT_MAX,
          'The alternative text (what the image shows, for screen readers)',
        );
        if (
          b.width !== undefined &&
          !(
            Number.isInteger(b.width) &&
            (b.width as number) >= 1 &&
            (b.width as number) <= BODY_WIDTH
          )
        ) {
          errors.push({
            field: `${at}.width`,
            rule: 'range',
            message: `The width is a whole number of pixels from 1 to ${BODY_WIDTH}`,
          });
        }
        break;
      case 'button':
        checkText(errors, `${at}.label`, b.label, LABEL_MAX, 'The button label');
        checkHttpsUrl(errors, `${at}.url`, b.url, 'The button link');
        break;
    }
  });
  return { errors };
}

/** WCAG 2.1 contrast ratio between two #rgb or #rrggbb colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [la, lb] = [relativeLuminance(a), relativeLuminance(b)];
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/**
 * The text colour for a button on `background`: white when it reaches 4.5:1,
 * else black (which then always does: below 4.5:1 with white, a colour's
 * luminance is above 0.18, so black gives more than 4.6:1).
 * The same formula as identity's branding rules (apps/identity, not importable
 * from an app), which today refuse a primary colour under 4.5:1 with white;
 * the mail does not rely on that.
 */
export function buttonTextColor(background: string): '#ffffff' | '#000000' {
  return contrastRatio(background, '#ffffff') >= 4.5 ? '#ffffff' : '#000000';
}

const KNOWN_FIELDS: Record<NewsletterBlock['kind'], string[]> = {
  text: ['kind', 'text'],
  image: ['kind', 'url', 'alt', 'width'],
  button: ['kind', 'label', 'url'],
};

function checkText(
  errors: BlockError[],
  field: string,
  value: unknown,
  max: number,
  what: string,
): void {
  if (typeof value !== 'string' || value.trim() === '') {
    errors.push({ field, rule: 'required', message: `${what} is required` });
  } else if (value.length > max) {
    errors.push({ field, rule: 'maxLength', message: `${what} has at most ${max} characters` });
  }
}

function checkHttpsUrl(errors: BlockError[], field: string, value: unknown, what: string): void {
  if (typeof value !== 'string' || value.trim() === '') {
    errors.push({ field, rule: 'required', message: `${what} needs a URL` });
  } else if (value.length > URL_MAX) {
    errors.push({
      field,
      rule: 'maxLength',
      message: `${what}'s URL has at most ${URL_MAX} characters`,
    });
  } else if (!isHttpsUrl(value)) {
    errors.push({
      field,
      rule: 'https',
      message: `${what}'s URL must start with https:// (mail clients block other links)`,
    });
  }
}

function isHttpsUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.hostname !== '' && !/\s/.test(value);
  } catch {
    return false;
  }
}

function checkedUnsubscribeUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error('The unsubscribe URL is not a URL');
  }
  // http for a local embedded instance; never javascript:, data: and the like.
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new Error('The unsubscribe URL must be http(s)');
  return value;
}

function relativeLuminance(color: string): number {
  if (!HEX_COLOR.test(color)) throw new Error(`Not a #rgb or #rrggbb colour: ${color}`);
  const hex = color.length === 4 ? [...color.slice(1)].map((c) => c + c).join('') : color.slice(1);
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function primaryColorOf(input: NewsletterTemplateInput): string {
  const color = input.organization.primaryColor;
  return color && HEX_COLOR.test(color) ? color.toLowerCase() : DEFAULT_PRIMARY;
}

function toMjml(input: NewsletterTemplateInput, unsubscribePlaceholder: string): string {
  const primary = primaryColorOf(input);
  const link = contrastRatio(primary, '#ffffff') >= 4.5 ? primary : LINK_FALLBACK;
  const { organization: org } = input;
  const header =
    org.logoUrl && isHttpsUrl(org.logoUrl)
      ? `<mj-image src="${attr(org.logoUrl)}" alt="${attr(org.name)}" href="${attr(org.origin)}" width="160px" align="left" />`
      : `<mj-text font-size="18px" font-weight="bold">${escapeHtml(org.name)}</mj-text>`;
  const blocks = input.blocks.map((block) => section(blockMjml(block, primary, link))).join('\n');
  const footer = `<mj-text font-size="13px" color="${MUTED_COLOR}">
        <p style="margin:0 0 8px">${escapeHtml(input.whyYouGetThis)}</p>
        <p style="margin:0"><a href="${unsubscribePlaceholder}" style="color:${MUTED_COLOR};text-decoration:underline">${escapeHtml(WORDING[input.lang].unsubscribe)}</a></p>
      </mj-text>`;
  return `<mjml lang="${input.lang}" dir="ltr">
  <mj-head>
    <mj-title>${escapeHtml(input.subject)}</mj-title>
    ${input.preheader ? `<mj-preview>${escapeHtml(input.preheader)}</mj-preview>` : ''}
    <mj-attributes>
      <mj-all font-family="${FONT_STACK}" />
      <mj-text color="${TEXT_COLOR}" font-size="16px" line-height="1.5" />
    </mj-attributes>
    <mj-style>a { color: ${link}; }</mj-style>
  </mj-head>
  <mj-body width="${BODY_WIDTH}px" background-color="#ffffff">
    ${section(header)}
    ${section(`<mj-text><h1 style="margin:0;font-size:24px;line-height:1.3">${escapeHtml(input.subject)}</h1></mj-text>`)}
    ${blocks}
    ${section(`<mj-divider border-color="#dddddd" border-width="1px" />${footer}`)}
  </mj-body>
</mjml>`;
}

function section(content: string): string {
  return `<mj-section padding="0"><mj-column>${content}</mj-column></mj-section>`;
}

function blockMjml(block: NewsletterBlock, primary: string, link: string): string {
  switch (block.kind) {
    case 'text':
      return `<mj-text>${paragraphs(block.text)
        .map((p) => `<p style="margin:0 0 16px">${linkify(p, link)}</p>`)
        .join('')}</mj-text>`;
    case 'image':
      return `<mj-image src="${attr(block.url)}" alt="${attr(block.alt)}"${
        block.width ? ` width="${block.width}px"` : ''
      } />`;
    case 'button':
      return `<mj-button href="${attr(block.url)}" background-color="${primary}" color="${buttonTextColor(
        primary,
      )}" font-size="16px" font-weight="bold" inner-padding="12px 24px" border-radius="4px">${escapeHtml(
        block.label,
      )}</mj-button>`;
  }
}

function toText(input: NewsletterTemplateInput, unsubscribePlaceholder: string): string {
  const parts: string[] = [
    input.organization.name,
    '',
    input.subject,
    '='.repeat(Math.min(input.subject.length, 72)),
  ];
  const { colon } = WORDING[input.lang];
  for (const block of input.blocks) {
    parts.push('');
    switch (block.kind) {
      case 'text':
        parts.push(paragraphs(block.text).join('\n\n'));
        break;
      case 'image':
        parts.push(`[${WORDING[input.lang].image}${colon}${oneLine(block.alt)}]`);
        break;
      case 'button':
        parts.push(`${oneLine(block.label)}${colon}${block.url}`);
        break;
    }
  }
  parts.push(
    '',
    '-- ',
    input.whyYouGetThis,
    `${WORDING[input.lang].unsubscribe}${colon}${unsubscribePlaceholder}`,
    '',
  );
  return parts.join('\n');
}

/** Paragraphs are separated by blank lines; carriage returns and edge spaces go. */
function paragraphs(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"']+/g;

/** Escapes a paragraph, keeps its line breaks, and turns bare http(s) URLs into links. */
function linkify(paragraph: string, color: string): string {
  let out = '';
  let last = 0;
  for (const match of paragraph.matchAll(URL_IN_TEXT)) {
    // Trailing punctuation ends the sentence, not the URL.
    const url = match[0].replace(/[.,;:!?)\]]+$/, '');
    out += escapeHtml(paragraph.slice(last, match.index));
    out += `<a href="${attr(url)}" style="color:${color}">${escapeHtml(url)}</a>`;
    last = match.index + url.length;
  }
  out += escapeHtml(paragraph.slice(last));
  return out.replace(/\n/g, '<br />');
}

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const attr = escapeHtml;
