import { Inject, Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import type { InternalIdentity } from '@palabre/auth';
import { listedSpaces } from '@palabre/component-host';
import { DATA_SOURCE } from '@palabre/service-kit';

export type MeetingLinkKind = 'born' | 'linked';

/** A meeting as proposals keeps it: what a proposal page shows of it. */
export interface MeetingRefRow {
  organizationId: string;
  meetingId: string;
  spaceId: string;
  componentId: string;
  /** By locale. */
  title: Record<string, string>;
  startsAt: Date | null;
}

export interface MeetingLinkRow {
  meeting_id: string;
  kind: MeetingLinkKind;
  title: Record<string, string>;
  space_id: string;
  component_id: string;
  starts_at: Date | null;
}

/** Title, place and date of a meeting are taken from the newest event that carried them. */
const NEWER_REF = (column: string) =>
  `${column} = CASE WHEN EXCLUDED.ref_at >= mt.ref_at THEN EXCLUDED.${column} ELSE mt.${column} END`;

/** The meetings proposals were born in or linked to (tables of the MeetingLinks migration). */
@Injectable()
export class MeetingLinksRepository {
  constructor(@Inject(DATA_SOURCE) private readonly ds: DataSource) {}

  /**
   * Records a closing of the meeting (its links follow), unless a newer
   * closing was applied already: false then, and nothing changes. A closing
   * at the same time is applied again (the minutes re-sent).
   */
  async close(m: EntityManager, ref: MeetingRefRow, closedAt: Date): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `INSERT INTO proposals.meetings AS mt
         (organization_id, meeting_id, space_id, component_id, title, starts_at, ref_at, closed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
       ON CONFLICT (organization_id, meeting_id) DO UPDATE SET
         ${['space_id', 'component_id', 'title', 'starts_at'].map(NEWER_REF).join(', ')},
         ref_at = greatest(mt.ref_at, EXCLUDED.ref_at),
         closed_at = EXCLUDED.closed_at
       WHERE mt.closed_at <= EXCLUDED.closed_at
       RETURNING 1`,
      [
        ref.organizationId,
        ref.meetingId,
        ref.spaceId,
        ref.componentId,
        JSON.stringify(ref.title),
        ref.startsAt,
        closedAt,
      ],
    );
    return rows.length > 0;
  }

  /**
   * The meeting's links become `links`: those absent are removed. Ids that
   * are not proposals of the organization are left out.
   */
  async replace(
    m: EntityManager,
    organizationId: string,
    meetingId: string,
    links: { proposalId: string; kind: MeetingLinkKind }[],
  ): Promise<void> {
    await m.query(
      `DELETE FROM proposals.meeting_links WHERE organization_id = $1 AND meeting_id = $2`,
      [organizationId, meetingId],
    );
    if (links.length === 0) return;
    await m.query(
      `INSERT INTO proposals.meeting_links (organization_id, proposal_id, meeting_id, kind)
       SELECT $1, p.id, $2, l.kind
         FROM unnest($3::uuid[], $4::text[]) AS l(proposal_id, kind)
         JOIN proposals.proposals p ON p.organization_id = $1 AND p.id = l.proposal_id
       ON CONFLICT DO NOTHING`,
      [organizationId, meetingId, links.map((l) => l.proposalId), links.map((l) => l.kind)],
    );
  }

  /** A meeting known here was edited, cancelled or published again: its title and date as of `at`. */
  async refresh(m: EntityManager, ref: MeetingRefRow, at: Date): Promise<void> {
    await m.query(
      `UPDATE proposals.meetings
          SET space_id = $3, component_id = $4, title = $5, starts_at = $6, ref_at = $7
        WHERE organization_id = $1 AND meeting_id = $2 AND ref_at <= $7`,
      [
        ref.organizationId,
        ref.meetingId,
        ref.spaceId,
        ref.componentId,
        JSON.stringify(ref.title),
        ref.startsAt,
        at,
      ],
    );
  }

  /**
   * The meetings of one proposal the person may see listed (their space
   * published and open to all, or the person its staff: the component host's
   * copy of spaces), the earliest first: a meeting of a private space does
   * not show its title on a public proposal.
   */
  ofProposal(identity: InternalIdentity, proposalId: string): Promise<MeetingLinkRow[]> {
    const params: unknown[] = [identity.organizationId, proposalId];
    return this.ds.query(
      `SELECT l.meeting_id, l.kind, mt.title, mt.space_id, mt.component_id, mt.starts_at
         FROM proposals.meeting_links l
         JOIN proposals.meetings mt
           ON mt.organization_id = l.organization_id AND mt.meeting_id = l.meeting_id
         JOIN proposals.spaces sp ON sp.organization_id = mt.organization_id AND sp.space_id = mt.space_id
        WHERE l.organization_id = $1 AND l.proposal_id = $2 AND ${listedSpaces(identity, params)}
        ORDER BY mt.starts_at NULLS LAST, l.meeting_id`,
      params,
    );
  }
}
