import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { InternalIdentity } from '@palabre/auth';
import type {
  AudienceView,
  NewsletterLanguage,
  NewsletterPreviewView,
  NewsletterTestView,
  NewsletterView,
} from '@palabre/contracts';
import {
  badInput,
  DATA_SOURCE,
  SERVICE_RUNTIME,
  ServiceUnreachableError,
  type ServiceRuntime,
} from '@palabre/service-kit';
import type { DataSource } from 'typeorm';
import { Audiences } from '../audiences/audiences';
import { DeliveryWorker } from '../delivery/delivery.worker';
import { NewsletterMails } from '../delivery/newsletter-mails';
import { recipientsOf } from '../delivery/recipients';
import { Senders } from '../delivery/senders';
import { NewsletterError, newsletterException, newsletterNotFound } from '../newsletter.exception';
import type { AudienceDto, NewsletterDto } from './newsletter.dto';
import { checkContents } from './newsletter-contents';
import { NewslettersRepository, type NewsletterRow } from './newsletters.repository';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const YEAR_MS = 366 * 24 * 3600_000;

/**
 * Newsletters of an organization, for its administrators: composed per
 * language from blocks, previewed, test-sent to oneself, then sent now or at
 * a date to an audience counted beforehand. Sending writes nothing but the
 * state: the DeliveryWorker writes the ledger and sends.
 */
@Injectable()
export class NewslettersService {
  constructor(
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
    private readonly repo: NewslettersRepository,
    private readonly audiences: Audiences,
    private readonly mails: NewsletterMails,
    private readonly senders: Senders,
    private readonly worker: DeliveryWorker,
  ) {}

  async list(identity: InternalIdentity): Promise<NewsletterView[]> {
    const rows = await this.repo.list(identity.organizationId, 100);
    return this.views(rows);
  }

  async get(identity: InternalIdentity, id: string): Promise<NewsletterView> {
    return (await this.views([await this.find(identity, id)]))[0];
  }

  async create(identity: InternalIdentity, body: NewsletterDto): Promise<NewsletterView> {
    const { contents, audience } = await this.checked(identity, body);
    const row = await this.repo.insert(
      identity.organizationId,
      randomUUID(),
      contents,
      audience,
      identity.userId ?? null,
    );
    return (await this.views([row]))[0];
  }

  async update(
    identity: InternalIdentity,
    id: string,
    body: NewsletterDto,
  ): Promise<NewsletterView> {
    requireId(id);
    const { contents, audience } = await this.checked(identity, body);
    await this.ds.transaction(async (m) => {
      const row = await this.repo.find(identity.organizationId, id, m, true);
      if (!row) throw newsletterNotFound();
      requireDraft(row);
      await this.repo.update(m, id, contents, audience);
    });
    return this.get(identity, id);
  }

  async remove(identity: InternalIdentity, id: string): Promise<void> {
    requireId(id);
    await this.ds.transaction(async (m) => {
      const row = await this.repo.find(identity.organizationId, id, m, true);
      if (!row) throw newsletterNotFound();
      requireDraft(row);
      await this.repo.delete(m, id);
    });
  }

  async count(identity: InternalIdentity, id: string): Promise<number> {
    const row = await this.find(identity, id);
    return this.audiences.count(identity.organizationId, row.audience);
  }

  async countAudience(identity: InternalIdentity, audience: AudienceDto): Promise<number> {
    return this.audiences.count(identity.organizationId, checkAudience(audience));
  }

  async preview(
    identity: InternalIdentity,
    id: string,
    lang: string | undefined,
  ): Promise<NewsletterPreviewView> {
    const row = await this.find(identity, id);
    const org = await this.mails.organization(identity.organizationId);
    const mail = await this.mails.mailFor(
      row,
      lang ?? org.defaultLocale,
      `${org.origin}/newsletter/unsubscribe`,
    );
    return { lang: mail.lang, subject: mail.subject, html: mail.html, text: mail.text };
  }

  /** The newsletter to the administrator's own address, subject marked as a test. */
  async test(
    identity: InternalIdentity,
    id: string,
    lang: string | undefined,
  ): Promise<NewsletterTestView> {
    if (!identity.userId) throw newsletterNotFound();
    const row = await this.find(identity, id);
    const org = await this.mails.organization(identity.organizationId);
    let me;
    try {
      [me] = await recipientsOf(
        this.runtime,
        identity.organizationId,
        [identity.userId],
        'notification',
      );
    } catch (error) {
      if (error instanceof ServiceUnreachableError)
        throw newsletterException(
          NewsletterError.Unavailable,
          'Identity does not answer: try again',
        );
      throw error;
    }
    if (!me)
      throw badInput(
        [{ field: 'account', rule: 'required', message: 'Your account has no confirmed address' }],
        'NO_ADDRESS',
      );
    const mail = await this.mails.mailFor(
      row,
      lang ?? me.locale,
      `${org.origin}/account#newsletter`,
    );
    try {
      const sender = await this.senders.of(identity.organizationId, org.name);
      await sender.transport.sendMail({
        from: sender.from,
        to: { name: me.name ?? '', address: me.email },
        replyTo: sender.replyTo ?? undefined,
        subject: `[${mail.lang === 'fr' ? 'Essai' : 'Test'}] ${mail.subject}`,
        html: mail.html,
        text: mail.text,
        headers: { 'Content-Language': mail.lang },
      });
    } catch (error) {
      throw newsletterException(
        NewsletterError.MailNotSent,
        `The mail server did not take the test: ${(error as { responseCode?: number }).responseCode ?? 'unreachable'}`,
      );
    }
    return { sentTo: me.email };
  }

  /** Sends now, or at `at`: 409 unless a draft, 422 when nobody of the audience would receive it. */
  async send(
    identity: InternalIdentity,
    id: string,
    at: string | undefined,
  ): Promise<NewsletterView> {
    const when = at ? new Date(at) : new Date();
    if (at && (when.getTime() <= Date.now() || when.getTime() > Date.now() + YEAR_MS))
      throw badInput(
        [{ field: 'at', rule: 'range', message: 'Schedule it in the future, within a year' }],
        'INVALID',
      );
    const row = await this.find(identity, id);
    requireSendable(row);
    const recipients = await this.audiences.count(identity.organizationId, row.audience);
    if (recipients === 0)
      throw newsletterException(
        NewsletterError.AudienceEmpty,
        'Nobody in this audience has consented to receive the newsletter: nothing would be sent',
      );
    await this.ds.transaction(async (m) => {
      const locked = await this.repo.find(identity.organizationId, id, m, true);
      if (!locked) throw newsletterNotFound();
      requireSendable(locked);
      await this.repo.setState(m, id, 'scheduled', when);
    });
    this.worker.nudge();
    return this.get(identity, id);
  }

  /** A scheduled newsletter back to draft; one being sent stops (what is left is not sent). */
  async stop(identity: InternalIdentity, id: string): Promise<NewsletterView> {
    requireId(id);
    await this.ds.transaction(async (m) => {
      const row = await this.repo.find(identity.organizationId, id, m, true);
      if (!row) throw newsletterNotFound();
      if (row.state === 'scheduled') await this.repo.setState(m, id, 'draft', null);
      else if (row.state === 'sending') {
        await this.repo.setState(m, id, 'stopped', row.scheduled_at);
        await this.repo.stopDeliveries(m, id);
      } else
        throw newsletterException(
          NewsletterError.NotSending,
          'Only a scheduled newsletter or one being sent can be stopped',
          { state: row.state },
        );
    });
    return this.get(identity, id);
  }

  private async find(identity: InternalIdentity, id: string): Promise<NewsletterRow> {
    requireId(id);
    const row = await this.repo.find(identity.organizationId, id);
    if (!row) throw newsletterNotFound();
    return row;
  }

  private async checked(identity: InternalIdentity, body: NewsletterDto) {
    const org = await this.mails.organization(identity.organizationId);
    const defaultLang: NewsletterLanguage = org.defaultLocale === 'en' ? 'en' : 'fr';
    const { contents, errors } = checkContents(body.contents, defaultLang);
    let audience: AudienceView | undefined;
    try {
      audience = checkAudience(body.audience);
    } catch (error) {
      if (errors.length === 0) throw error;
    }
    if (errors.length) throw badInput(errors, 'INVALID');
    if (!audience) throw new Error('unreachable: the audience was checked');
    return { contents, audience };
  }

  private async views(rows: NewsletterRow[]): Promise<NewsletterView[]> {
    const histories = await this.repo.histories(rows.map((r) => r.id));
    return rows.map((r) => ({
      id: r.id,
      state: r.state,
      contents: r.contents,
      audience: r.audience,
      scheduledAt: iso(r.scheduled_at),
      startedAt: iso(r.started_at),
      finishedAt: iso(r.finished_at),
      createdAt: new Date(r.created_at).toISOString(),
      updatedAt: new Date(r.updated_at).toISOString(),
      history: {
        recipients: r.recipients,
        ...(histories.get(r.id) ?? {
          sent: 0,
          failed: 0,
          skipped: 0,
          pending: 0,
          unsubscribedSince: 0,
        }),
      },
    }));
  }
}

/** An id that is not a UUID names no newsletter (404, never a database error). */
function requireId(id: string): void {
  if (!UUID.test(id)) throw newsletterNotFound();
}

function requireDraft(row: NewsletterRow): void {
  if (row.state !== 'draft')
    throw newsletterException(
      NewsletterError.NotADraft,
      'Only a draft can be changed or deleted: this newsletter is scheduled or sent',
      { state: row.state },
    );
}

function requireSendable(row: NewsletterRow): void {
  if (row.state !== 'draft')
    throw newsletterException(
      NewsletterError.AlreadySent,
      row.state === 'scheduled'
        ? 'This newsletter is already scheduled'
        : 'This newsletter has already been sent',
      { state: row.state },
    );
}

function checkAudience(a: AudienceDto): AudienceView {
  const spaceIds = [...new Set((a.spaceIds ?? []).map((s) => s.toLowerCase()))];
  if (a.kind !== 'all' && spaceIds.length === 0)
    throw badInput(
      [{ field: 'audience.spaceIds', rule: 'required', message: 'Choose at least one space' }],
      'INVALID',
    );
  return { kind: a.kind, spaceIds: a.kind === 'all' ? [] : spaceIds };
}
