import { Inject, Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { DATA_SOURCE, type PersonalDataKeeper } from '@palabre/service-kit';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** Proposals' side of the GDPR rights (docs/adr/0018): one person's data, and erasing their name. */
@Injectable()
export class PrivacyRepository implements PersonalDataKeeper {
  constructor(@Inject(DATA_SOURCE) private readonly ds: DataSource) {}

  /**
   * Blanks a deleted account's name wherever proposals copied it: proposals it
   * wrote (an official entry carries no personal name), comments, and the
   * free-text reasons moderators gave about that account. Ids stay: they
   * point to no one once identity erased the account, and keep the counts
   * (one support per person) true.
   */
  async erase(m: EntityManager, organizationId: string, userId: string): Promise<void> {
    const params = [organizationId, userId];
    await m.query(
      `UPDATE proposals.proposals SET author_name = NULL, updated_at = now()
        WHERE organization_id = $1 AND author_id = $2 AND origin = 'participant' AND author_name IS NOT NULL`,
      params,
    );
    await m.query(
      `UPDATE proposals.comments SET author_name = NULL
        WHERE organization_id = $1 AND author_id = $2 AND author_name IS NOT NULL`,
      params,
    );
    await m.query(
      `UPDATE proposals.moderation_log SET reason = NULL
        WHERE organization_id = $1 AND target_type = 'user' AND target_id = $2 AND reason IS NOT NULL`,
      params,
    );
    await m.query(
      `UPDATE proposals.blocked_authors SET reason = NULL WHERE organization_id = $1 AND user_id = $2`,
      params,
    );
  }

  /** What this person did here, in this organization (their archive's proposals.json). */
  async personalData(organizationId: string, userId: string) {
    return this.ds.transaction('REPEATABLE READ', async (m) => {
      const q = <T>(sql: string): Promise<T[]> => m.query(sql, [organizationId, userId]);
      const proposals = await q<{
        id: string;
        component_id: string;
        space_id: string;
        title: string;
        body: string;
        address: string | null;
        latitude: number | null;
        longitude: number | null;
        area: string | null;
        on_behalf_of: string | null;
        state: string | null;
        withdrawn_at: Date | null;
        published_at: Date;
        updated_at: Date;
      }>(
        `SELECT id, component_id, space_id, title, body, address, latitude, longitude, area, on_behalf_of,
                state, withdrawn_at, published_at, updated_at
           FROM proposals.proposals WHERE organization_id = $1 AND author_id = $2 AND origin = 'participant'
          ORDER BY published_at, id`,
      );
      const comments = await q<{
        id: string;
        proposal_id: string;
        parent_id: string | null;
        stance: string;
        body: string;
        deleted_at: Date | null;
        edited_at: Date | null;
        created_at: Date;
      }>(
        `SELECT id, proposal_id, parent_id, stance, body, deleted_at, edited_at, created_at
           FROM proposals.comments WHERE organization_id = $1 AND author_id = $2 ORDER BY created_at, id`,
      );
      const versions = await q<{
        comment_id: string;
        body: string;
        stance: string;
        written_at: Date;
      }>(
        `SELECT v.comment_id, v.body, v.stance, v.written_at FROM proposals.comment_versions v
           JOIN proposals.comments c ON c.id = v.comment_id AND c.organization_id = v.organization_id
          WHERE v.organization_id = $1 AND c.author_id = $2 ORDER BY v.id`,
      );
      const supports = await q<{ proposal_id: string; component_id: string; created_at: Date }>(
        `SELECT proposal_id, component_id, created_at FROM proposals.votes
          WHERE organization_id = $1 AND voter_id = $2 ORDER BY created_at, proposal_id`,
      );
      const reports = await q<{
        target_type: string;
        target_id: string;
        reason: string;
        details: string | null;
        created_at: Date;
      }>(
        `SELECT target_type, target_id, reason, details, created_at FROM proposals.reports
          WHERE organization_id = $1 AND reporter_id = $2 ORDER BY created_at`,
      );
      const history = new Map<
        string,
        { body: string; stance: string; writtenAt: string | null }[]
      >();
      for (const v of versions) {
        const list = history.get(v.comment_id) ?? [];
        list.push({ body: v.body, stance: v.stance, writtenAt: iso(v.written_at) });
        history.set(v.comment_id, list);
      }
      return {
        format: 'palabre.proposals.personal-data.v1',
        organizationId,
        proposals: proposals.map((p) => ({
          id: p.id,
          componentId: p.component_id,
          spaceId: p.space_id,
          title: p.title,
          body: p.body,
          address: p.address,
          latitude: p.latitude,
          longitude: p.longitude,
          area: p.area,
          onBehalfOf: p.on_behalf_of,
          state: p.state,
          withdrawnAt: iso(p.withdrawn_at),
          publishedAt: iso(p.published_at),
          updatedAt: iso(p.updated_at),
        })),
        comments: comments.map((c) => ({
          id: c.id,
          proposalId: c.proposal_id,
          parentId: c.parent_id,
          stance: c.stance,
          body: c.body,
          deletedAt: iso(c.deleted_at),
          editedAt: iso(c.edited_at),
          createdAt: iso(c.created_at),
          versions: history.get(c.id) ?? [],
        })),
        supports: supports.map((s) => ({
          proposalId: s.proposal_id,
          componentId: s.component_id,
          createdAt: iso(s.created_at),
        })),
        reports: reports.map((r) => ({
          targetType: r.target_type,
          targetId: r.target_id,
          reason: r.reason,
          details: r.details,
          createdAt: iso(r.created_at),
        })),
      };
    });
  }
}
