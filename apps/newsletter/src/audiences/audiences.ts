import { Inject, Injectable } from '@nestjs/common';
import type { AudienceView } from '@palabre/contracts';
import {
  DATA_SOURCE,
  participantsOf,
  SERVICE_RUNTIME,
  ServiceUnreachableError,
  type ServiceRuntime,
} from '@palabre/service-kit';
import type { DataSource, EntityManager } from 'typeorm';
import { NewsletterError, newsletterException } from '../newsletter.exception';

/** The services that know who took part in a space (POST /internal/participants). */
const PARTICIPATION = ['proposals', 'budgeting', 'meetings'] as const;

/**
 * Who a newsletter goes to: always people who consented (and are not
 * blocked) as identity announced it; for `participants`, those of them who
 * took part in the chosen spaces (asked of proposals, budgeting and meetings
 * as this service, ADR 0038); for `members`, those of them who are members
 * of the chosen spaces (asked of spaces). Anonymous FranceConnect signers are
 * unknowable by design and never part of an audience.
 */
@Injectable()
export class Audiences {
  constructor(
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
  ) {}

  /** How many would receive it now. Asks other services first (never inside a transaction). */
  async count(organizationId: string, audience: AudienceView): Promise<number> {
    const ids = await this.candidates(organizationId, audience);
    const [row] = await this.ds.query(
      `SELECT count(*)::int AS n FROM newsletter.subscribers
        WHERE organization_id = $1 AND state = 'granted' AND NOT blocked
          AND ($2::uuid[] IS NULL OR user_id = ANY($2::uuid[]))`,
      [organizationId, ids],
    );
    return row.n;
  }

  /**
   * The candidates' ids as the other services know them, or null for
   * everyone (`all`). Asked before any transaction: PGlite has one connection.
   */
  async candidates(organizationId: string, audience: AudienceView): Promise<string[] | null> {
    if (audience.kind === 'all') return null;
    const services = audience.kind === 'members' ? (['spaces'] as const) : PARTICIPATION;
    const tokens = this.runtime.serviceTokens;
    if (!tokens) throw new Error('The newsletter service holds no service token keys');
    try {
      const lists = await Promise.all(
        services
          .filter((s) => this.runtime.internal.has(s))
          .map((s) =>
            participantsOf(this.runtime.internal, tokens, organizationId, s, audience.spaceIds),
          ),
      );
      return [...new Set(lists.flat())];
    } catch (error) {
      if (error instanceof ServiceUnreachableError)
        throw newsletterException(
          NewsletterError.Unavailable,
          'The audience cannot be known right now: a service that knows the participants does not answer. Try again in a moment.',
        );
      throw error;
    }
  }

  /** Writes one pending delivery per recipient, in the caller's transaction; their number. */
  async materialize(
    m: EntityManager,
    organizationId: string,
    newsletterId: string,
    candidates: string[] | null,
  ): Promise<number> {
    await m.query(
      `INSERT INTO newsletter.deliveries (newsletter_id, user_id, organization_id)
       SELECT $1, user_id, organization_id FROM newsletter.subscribers
        WHERE organization_id = $2 AND state = 'granted' AND NOT blocked
          AND ($3::uuid[] IS NULL OR user_id = ANY($3::uuid[]))
       ON CONFLICT DO NOTHING`,
      [newsletterId, organizationId, candidates],
    );
    const [row] = await m.query(
      `SELECT count(*)::int AS n FROM newsletter.deliveries WHERE newsletter_id = $1`,
      [newsletterId],
    );
    return row.n;
  }
}
