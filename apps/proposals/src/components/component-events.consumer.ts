import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ComponentAccess } from './component-access';
import { countingMinimum } from './component-type';

/**
 * What proposals does when a component's settings change, beyond keeping
 * them (the component host): when the per-person minimum of supports
 * changes, which supports count changes with it.
 */
@Injectable()
export class ComponentEventsConsumer {
  constructor(access: ComponentAccess) {
    access.onSettingsChanged(async (m, now, before) => {
      const min = countingMinimum(now.settings);
      if (before && countingMinimum(before.settings) !== min)
        await this.recount(m, now.organizationId, now.id, min);
    });
  }

  /** The per-person minimum changed: which supports count changes with it. */
  private async recount(
    m: EntityManager,
    organizationId: string,
    componentId: string,
    min: number,
  ) {
    await m.query(
      `WITH counted AS (
         SELECT v.proposal_id, count(*)::int AS n FROM proposals.votes v
           JOIN proposals.voter_tallies t ON t.component_id = v.component_id AND t.voter_id = v.voter_id
          WHERE v.organization_id = $1 AND v.component_id = $2 AND t.votes >= $3
          GROUP BY v.proposal_id)
       UPDATE proposals.proposals p SET vote_count = coalesce(c.n, 0)
         FROM proposals.proposals q LEFT JOIN counted c ON c.proposal_id = q.id
        WHERE p.id = q.id AND q.organization_id = $1 AND q.component_id = $2
          AND p.vote_count <> coalesce(c.n, 0)`,
      [organizationId, componentId, min],
    );
  }
}
