import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE } from '@palabre/service-kit';

/** Who took part in spaces through proposals: the SQL of POST /internal/participants. */
@Injectable()
export class ParticipantsRepository {
  constructor(@Inject(DATA_SOURCE) private readonly ds: DataSource) {}

  /**
   * The accounts that wrote a proposal the public still sees (neither
   * withdrawn nor hidden; an official entry has no author account) or a
   * comment that is still there (neither deleted by its author nor hidden by
   * a moderator), in these spaces of the organization. Proposals have no
   * co-authors, and no draft state (a proposal is published when written).
   * Supporters are left out: a support is no contribution of one's own.
   */
  async participants(organizationId: string, spaceIds: string[]): Promise<string[]> {
    const rows: { user_id: string }[] = await this.ds.query(
      `SELECT p.author_id AS user_id FROM proposals.proposals p
        WHERE p.organization_id = $1 AND p.space_id = ANY($2::uuid[])
          AND p.author_id IS NOT NULL AND p.withdrawn_at IS NULL AND p.hidden_at IS NULL
       UNION
       SELECT c.author_id FROM proposals.comments c
         JOIN proposals.proposals p ON p.id = c.proposal_id AND p.organization_id = c.organization_id
        WHERE c.organization_id = $1 AND p.space_id = ANY($2::uuid[])
          AND c.deleted_at IS NULL AND c.hidden_at IS NULL
       ORDER BY user_id`,
      [organizationId, spaceIds],
    );
    return rows.map((r) => r.user_id);
  }
}
