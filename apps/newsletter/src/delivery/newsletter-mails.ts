import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { NewsletterLanguage } from '@palabre/contracts';
import { BoundedCache } from '@palabre/cache';
import { OrganizationDirectory, type OrganizationInfo } from '@palabre/service-kit';
import { contentFor } from '../newsletters/newsletter-contents';
import type { NewsletterRow } from '../newsletters/newsletters.repository';
import { renderNewsletterTemplate, type RenderedMail } from '../rendering/newsletter-mail';

const WHY: Record<NewsletterLanguage, (org: string) => string> = {
  fr: (org) => `Vous recevez cette lettre parce que vous l’avez demandée sur ${org}.`,
  en: (org) => `You receive this newsletter because you asked for it on ${org}.`,
};

/** A mail ready for the sender, but for its envelope. */
export interface NewsletterMail extends RenderedMail {
  lang: NewsletterLanguage;
  subject: string;
}

/**
 * A newsletter's mails: compiled once per newsletter and language (MJML is
 * the slow part), then one string substitution per recipient (the
 * unsubscribe link).
 */
@Injectable()
export class NewsletterMails {
  private readonly templates = new BoundedCache<{
    lang: NewsletterLanguage;
    subject: string;
    render: (url: string) => RenderedMail;
  }>({ max: 64, ttlMs: 60 * 60_000 });

  constructor(private readonly organizations: OrganizationDirectory) {}

  organization(organizationId: string): Promise<OrganizationInfo> {
    return this.organizations.of(organizationId);
  }

  async mailFor(n: NewsletterRow, locale: string, unsubscribeUrl: string): Promise<NewsletterMail> {
    const org = await this.organizations.of(n.organization_id);
    const defaultLang = (org.defaultLocale === 'en' ? 'en' : 'fr') as NewsletterLanguage;
    const { lang, content } = contentFor(n.contents, locale, defaultLang);
    const key = `${n.id}:${lang}:${new Date(n.updated_at).getTime()}`;
    const template = await this.templates.fetch(key, async () => ({
      lang,
      subject: content.subject,
      render: await renderNewsletterTemplate({
        lang,
        subject: content.subject,
        preheader: content.preheader || undefined,
        organization: { name: org.name || 'Palabre', origin: org.origin },
        blocks: content.blocks,
        whyYouGetThis: WHY[lang](org.name || org.origin),
      }),
    }));
    return { lang: template.lang, subject: template.subject, ...template.render(unsubscribeUrl) };
  }
}

/**
 * The Message-ID of one newsletter to one person: the same at every attempt,
 * so that a mail re-sent after a crash (its delivery in doubt) is the same
 * message, which receiving systems collapse. It names neither the person nor
 * the newsletter.
 */
export function newsletterMessageId(newsletterId: string, userId: string, domain: string): string {
  const id = createHash('sha256').update(`${newsletterId}:${userId}`).digest('base64url');
  return `<nl.${id.slice(0, 32)}@${domain}>`;
}
