import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { hasRole, type InternalIdentity, type Role } from '@palabre/auth';
import type { ProposalsStaffSummaryView } from '@palabre/contracts';
import { DATA_SOURCE } from '@palabre/service-kit';

interface Row {
  component_id: string;
  space_id: string;
  to_moderate: string | null;
  to_answer: string | null;
}

/**
 * The spaces where the caller holds one of `roles`: null for all of them (a
 * grant for the whole organization, or an organization admin), else the
 * space-scoped grants' spaces — the rule of `hasRole(identity, role, spaceId)`.
 */
function spacesWith(identity: InternalIdentity, roles: Role[]): string[] | null {
  if (roles.some((r) => hasRole(identity, r))) return null;
  return [
    ...new Set(
      identity.grants
        .filter((g) => roles.includes(g.role) && typeof g.spaceId === 'string')
        .map((g) => g.spaceId as string),
    ),
  ];
}

/**
 * What waits for the caller in the proposals back-office, per component:
 * content to moderate (reported and still visible, or hidden by its reports
 * pending review) where they moderate, and proposals to answer where they
 * administer the space (every unanswered one) or evaluate (the ones assigned
 * to them). Scoped to the organization and to the caller's roles; counts
 * only, for the back-office home.
 */
@Injectable()
export class StaffSummaryService {
  constructor(@Inject(DATA_SOURCE) private readonly ds: DataSource) {}

  async summary(identity: InternalIdentity): Promise<ProposalsStaffSummaryView> {
    const moderates = spacesWith(identity, ['moderator', 'space-admin']);
    const administers = spacesWith(identity, ['space-admin']);
    const evaluates = identity.userId ? spacesWith(identity, ['evaluator']) : [];
    const none = (s: string[] | null) => s !== null && s.length === 0;
    if (none(moderates) && none(administers) && none(evaluates))
      return { toModerate: null, toAnswer: null, components: [] };
    // $2, $3, $4: the spaces where the caller moderates, administers, evaluates (NULL: all of them).
    const rows: Row[] = await this.ds.query(
      `SELECT c.component_id, c.space_id,
          CASE WHEN $5 AND ($2::uuid[] IS NULL OR c.space_id = ANY($2::uuid[])) THEN
            (SELECT count(*) FROM proposals.proposals p
              WHERE p.organization_id = $1 AND p.component_id = c.component_id AND p.report_count > 0
                AND (p.hidden_at IS NULL OR p.hidden_reason = 'reports'))
            + (SELECT count(*) FROM proposals.comments k
              WHERE k.organization_id = $1 AND k.component_id = c.component_id AND k.report_count > 0
                AND k.deleted_at IS NULL AND (k.hidden_at IS NULL OR k.hidden_reason = 'reports'))
          END AS to_moderate,
          CASE WHEN $6 AND ($3::uuid[] IS NULL OR c.space_id = ANY($3::uuid[])) THEN
            (SELECT count(*) FROM proposals.proposals p
              WHERE p.organization_id = $1 AND p.component_id = c.component_id
                AND p.answered_at IS NULL AND p.withdrawn_at IS NULL AND p.hidden_at IS NULL)
          WHEN $7 AND ($4::uuid[] IS NULL OR c.space_id = ANY($4::uuid[])) THEN
            (SELECT count(*) FROM proposals.proposals p
               JOIN proposals.evaluator_assignments a
                 ON a.organization_id = p.organization_id AND a.proposal_id = p.id AND a.evaluator_id = $8
              WHERE p.organization_id = $1 AND p.component_id = c.component_id
                AND p.answered_at IS NULL AND p.withdrawn_at IS NULL)
          END AS to_answer
         FROM proposals.components c
        WHERE c.organization_id = $1
        ORDER BY c.component_id`,
      [
        identity.organizationId,
        moderates,
        administers,
        evaluates,
        !none(moderates),
        !none(administers),
        !none(evaluates),
        identity.userId ?? null,
      ],
    );
    const components = rows
      .filter((r) => r.to_moderate !== null || r.to_answer !== null)
      .map((r) => ({
        componentId: r.component_id,
        spaceId: r.space_id,
        toModerate: r.to_moderate === null ? null : Number(r.to_moderate),
        toAnswer: r.to_answer === null ? null : Number(r.to_answer),
      }));
    const total = (k: 'toModerate' | 'toAnswer', mine: boolean) =>
      mine ? components.reduce((n, c) => n + (c[k] ?? 0), 0) : null;
    return {
      toModerate: total('toModerate', !none(moderates)),
      toAnswer: total('toAnswer', !none(administers) || !none(evaluates)),
      components,
    };
  }
}
