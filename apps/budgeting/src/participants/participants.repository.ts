import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE } from '@palabre/service-kit';

/** Who voted in spaces' budgets: the SQL of POST /internal/participants. */
@Injectable()
export class ParticipantsRepository {
  constructor(@Inject(DATA_SOURCE) private readonly ds: DataSource) {}

  /**
   * The accounts with a checked-out order in a budget of these spaces of the
   * organization. A cart never checked out is no vote, and a cancelled vote
   * leaves no order (OrdersService.cancel deletes it). Orders keyed by a
   * FranceConnect pseudonym (`fc:`) name no account and are left out; paper
   * ballots name nobody at all.
   */
  async participants(organizationId: string, spaceIds: string[]): Promise<string[]> {
    const rows: { user_id: string }[] = await this.ds.query(
      `SELECT DISTINCT substr(o.voter_key, length('account:') + 1)::uuid AS user_id
         FROM budgeting.orders o
         JOIN budgeting.components c
           ON c.component_id = o.component_id AND c.organization_id = o.organization_id
        WHERE o.organization_id = $1 AND c.space_id = ANY($2::uuid[])
          AND o.checked_out_at IS NOT NULL AND o.voter_key LIKE 'account:%'
        ORDER BY user_id`,
      [organizationId, spaceIds],
    );
    return rows.map((r) => r.user_id);
  }
}
