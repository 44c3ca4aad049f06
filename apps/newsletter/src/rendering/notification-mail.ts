/**
 * Notification mails, one at once or a digest: compiled by MJML once per
 * organization and language (the slow step), then filled per person by
 * string substitution of escaped text, so that a digest to 100,000 people
 * costs a compile, not 100,000. Same accessibility rules as newsletters:
 * `lang`, a title, system fonts, a plain-text part with the same content.
 */
import { randomUUID } from 'node:crypto';
import { mjmlToHtml } from './mjml';
import type { NewsletterLanguage } from '@palabre/contracts';
import { escapeHtml, type RenderedMail } from './newsletter-mail';

const TEXT_COLOR = '#1f1f1f';
const MUTED_COLOR = '#555555';
const LINK_COLOR = '#000091';
const FONT_STACK = 'Arial, Helvetica, sans-serif';

/** A group of a digest: a space (or none) and its lines, with how many more are not shown. */
export interface MailGroup {
  title: string | null;
  lines: { text: string; url: string }[];
  more: number;
}

export interface NotificationMailContent {
  subject: string;
  /** The first line: "Bonjour Zoé," or a heading. */
  intro: string;
  groups: MailGroup[];
  /** Where "and N more" and the footer lead: the notifications page. */
  allUrl: string;
  /** The preferences page. */
  preferencesUrl: string;
}

const WORDS: Record<
  NewsletterLanguage,
  { more: (n: number) => string; all: string; prefs: string; why: (org: string) => string }
> = {
  fr: {
    more: (n) => `et ${n} autre${n > 1 ? 's' : ''}`,
    all: 'Toutes mes notifications',
    prefs: 'Choisir ce que je reçois et quand',
    why: (org) => `Vous recevez ce message parce que vous participez sur ${org}.`,
  },
  en: {
    more: (n) => `and ${n} more`,
    all: 'All my notifications',
    prefs: 'Choose what I receive and when',
    why: (org) => `You receive this message because you take part on ${org}.`,
  },
};

/** The compiled mail of one organization and language; fill it per person. */
export async function notificationMailTemplate(
  lang: NewsletterLanguage,
  organization: { name: string },
): Promise<(content: NotificationMailContent) => RenderedMail> {
  const token = randomUUID().replaceAll('-', '');
  const slot = (name: string) => `palabre-${name}-${token}`;
  const words = WORDS[lang];
  const mjml = `<mjml lang="${lang}" dir="ltr">
  <mj-head>
    <mj-title>${slot('subject')}</mj-title>
    <mj-attributes>
      <mj-all font-family="${FONT_STACK}" />
      <mj-text color="${TEXT_COLOR}" font-size="16px" line-height="1.5" />
    </mj-attributes>
    <mj-style>a { color: ${LINK_COLOR}; }</mj-style>
  </mj-head>
  <mj-body width="600px" background-color="#ffffff">
    <mj-section padding="0"><mj-column>
      <mj-text font-size="18px" font-weight="bold">${escapeHtml(organization.name)}</mj-text>
      <mj-text>${slot('body')}</mj-text>
      <mj-divider border-color="#dddddd" border-width="1px" />
      <mj-text font-size="13px" color="${MUTED_COLOR}">
        <p style="margin:0 0 8px">${escapeHtml(words.why(organization.name))}</p>
        <p style="margin:0"><a href="${slot('prefs')}" style="color:${MUTED_COLOR};text-decoration:underline">${escapeHtml(words.prefs)}</a></p>
      </mj-text>
    </mj-column></mj-section>
  </mj-body>
</mjml>`;
  const result = await mjmlToHtml(mjml, {
    validationLevel: 'strict',
    keepComments: false,
    fonts: {},
  });
  if (result.errors.length)
    throw new Error(`MJML: ${result.errors.map((e) => e.formattedMessage).join('; ')}`);
  const html = result.html;
  return (c) => {
    const body = [
      `<p style="margin:0 0 16px">${escapeHtml(c.intro)}</p>`,
      ...c.groups.map(
        (g) =>
          `${g.title ? `<h2 style="margin:16px 0 8px;font-size:18px">${escapeHtml(g.title)}</h2>` : ''}<ul style="margin:0 0 8px;padding-left:20px">${g.lines
            .map(
              (l) =>
                `<li style="margin:0 0 8px"><a href="${escapeHtml(l.url)}">${escapeHtml(l.text)}</a></li>`,
            )
            .join(
              '',
            )}${g.more > 0 ? `<li style="margin:0 0 8px"><a href="${escapeHtml(c.allUrl)}">${escapeHtml(words.more(g.more))}</a></li>` : ''}</ul>`,
      ),
      `<p style="margin:16px 0 0"><a href="${escapeHtml(c.allUrl)}">${escapeHtml(words.all)}</a></p>`,
    ].join('');
    // French puts a no-break space before a colon.
    const colon = lang === 'fr' ? '\u00a0: ' : ': ';
    const text = [
      organization.name,
      '',
      c.intro,
      ...c.groups.flatMap((g) => [
        '',
        ...(g.title ? [g.title, '-'.repeat(Math.min(g.title.length, 72))] : []),
        ...g.lines.map((l) => `- ${l.text}\n  ${l.url}`),
        ...(g.more > 0 ? [`- ${words.more(g.more)}${colon}${c.allUrl}`] : []),
      ]),
      '',
      `${words.all}${colon}${c.allUrl}`,
      '',
      '-- ',
      words.why(organization.name),
      `${words.prefs}${colon}${c.preferencesUrl}`,
      '',
    ].join('\n');
    return {
      html: html
        .replace(slot('subject'), () => escapeHtml(c.subject))
        .replace(slot('body'), () => body)
        .replace(slot('prefs'), () => escapeHtml(c.preferencesUrl)),
      text,
    };
  };
}
