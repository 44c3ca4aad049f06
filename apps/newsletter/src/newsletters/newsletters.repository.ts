import { Inject, Injectable } from '@nestjs/common';
import type { AudienceView, NewsletterHistoryView, NewsletterState } from '@palabre/contracts';
import { DATA_SOURCE } from '@palabre/service-kit';
import type { DataSource, EntityManager } from 'typeorm';
import type { NewsletterContents } from './newsletter-contents';

export interface NewsletterRow {
  id: string;
  organization_id: string;
  contents: NewsletterContents;
  audience: AudienceView;
  state: NewsletterState;
  scheduled_at: Date | null;
  started_at: Date | null;
  finished_at: Date | null;
  recipients: number;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = `id, organization_id, contents, audience, state, scheduled_at, started_at,
  finished_at, recipients, created_by, created_at, updated_at`;

/** SQL of newsletters and their history. Every query names its organization. */
@Injectable()
export class NewslettersRepository {
  constructor(@Inject(DATA_SOURCE) private readonly ds: DataSource) {}

  private m(m?: EntityManager) {
    return m ?? this.ds.manager;
  }

  async list(organizationId: string, limit: number): Promise<NewsletterRow[]> {
    return this.ds.query(
      `SELECT ${COLUMNS} FROM newsletter.newsletters WHERE organization_id = $1
        ORDER BY created_at DESC, id LIMIT $2`,
      [organizationId, limit],
    );
  }

  async find(
    organizationId: string,
    id: string,
    m?: EntityManager,
    lock = false,
  ): Promise<NewsletterRow | null> {
    const [row] = await this.m(m).query(
      `SELECT ${COLUMNS} FROM newsletter.newsletters WHERE organization_id = $1 AND id = $2
        ${lock ? 'FOR UPDATE' : ''}`,
      [organizationId, id],
    );
    return row ?? null;
  }

  async insert(
    organizationId: string,
    id: string,
    contents: NewsletterContents,
    audience: AudienceView,
    createdBy: string | null,
  ): Promise<NewsletterRow> {
    const [row] = await this.ds.query(
      `INSERT INTO newsletter.newsletters (id, organization_id, contents, audience, created_by)
       VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
      [id, organizationId, JSON.stringify(contents), JSON.stringify(audience), createdBy],
    );
    return row;
  }

  async update(
    m: EntityManager,
    id: string,
    contents: NewsletterContents,
    audience: AudienceView,
  ): Promise<void> {
    await m.query(
      `UPDATE newsletter.newsletters SET contents = $2, audience = $3, updated_at = now() WHERE id = $1`,
      [id, JSON.stringify(contents), JSON.stringify(audience)],
    );
  }

  async setState(
    m: EntityManager,
    id: string,
    state: NewsletterState,
    scheduledAt: Date | null,
  ): Promise<void> {
    await m.query(
      `UPDATE newsletter.newsletters SET state = $2, scheduled_at = $3, updated_at = now() WHERE id = $1`,
      [id, state, scheduledAt],
    );
  }

  async delete(m: EntityManager, id: string): Promise<void> {
    await m.query(`DELETE FROM newsletter.newsletters WHERE id = $1`, [id]);
  }

  /** Deliveries not made yet of a stopped newsletter are not made. */
  async stopDeliveries(m: EntityManager, id: string): Promise<void> {
    await m.query(
      `UPDATE newsletter.deliveries SET state = 'stopped' WHERE newsletter_id = $1 AND state = 'pending'`,
      [id],
    );
  }

  /** What became of each newsletter's deliveries, and who unsubscribed since receiving it. */
  async histories(ids: string[]): Promise<Map<string, Omit<NewsletterHistoryView, 'recipients'>>> {
    if (ids.length === 0) return new Map();
    const rows: {
      newsletter_id: string;
      sent: number;
      failed: number;
      skipped: number;
      pending: number;
      unsubscribed: number;
    }[] = await this.ds.query(
      `SELECT d.newsletter_id,
              count(*) FILTER (WHERE d.state = 'sent')::int AS sent,
              count(*) FILTER (WHERE d.state = 'failed')::int AS failed,
              count(*) FILTER (WHERE d.state IN ('skipped', 'stopped'))::int AS skipped,
              count(*) FILTER (WHERE d.state IN ('pending', 'sending'))::int AS pending,
              count(*) FILTER (WHERE d.state = 'sent' AND s.state = 'withdrawn'
                                 AND s.changed_at >= d.sent_at)::int AS unsubscribed
         FROM newsletter.deliveries d
         LEFT JOIN newsletter.subscribers s
           ON s.organization_id = d.organization_id AND s.user_id = d.user_id
        WHERE d.newsletter_id = ANY($1::uuid[])
        GROUP BY d.newsletter_id`,
      [ids],
    );
    return new Map(
      rows.map((r) => [
        r.newsletter_id,
        {
          sent: r.sent,
          failed: r.failed,
          skipped: r.skipped,
          pending: r.pending,
          unsubscribedSince: r.unsubscribed,
        },
      ]),
    );
  }
}
