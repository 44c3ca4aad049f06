import { Inject, Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { hasRole } from '@palabre/auth';
import {
  Topics,
  type ModerationDecidedJson,
  type ProposalModerationItemView,
  type ProposalModerationLogEntryView,
} from '@palabre/contracts';
import { publish } from '@palabre/messaging';
import { returnedRows } from '@palabre/persistence';
import { DATA_SOURCE } from '@palabre/service-kit';
import { CommentsService } from '../comments/comments.service';
import { ComponentAccess, type Caller } from '../components/component-access';
import type { Component } from '../components/component-access';
import { ProposalError, proposalException } from '../proposals.exception';
import { ProposalsService } from '../proposals/proposals.service';
import type { ReportDto } from './moderation.dto';

export type TargetType = 'proposal' | 'comment';

/** The reporter id of the antispam service's reports: no account has it. */
export const SPAM_FILTER_REPORTER = '00000000-0000-0000-0000-000000000000';

/** A reported or hidden proposal (title) or comment (proposal_id, body), as the queue reads it. */
interface QueueRow {
  id: string;
  title?: string;
  proposal_id?: string;
  body?: string;
  author_id: string | null;
  author_name: string | null;
  report_count: number;
  hidden_at: Date | null;
  hidden_reason: string | null;
}

interface ReportRow {
  target_type: string;
  target_id: string;
  reason: string;
  details: string | null;
  by_antispam?: boolean;
}

/** An antispam report as the queue shows it: its score and reasons as data (their JSON in `details`). */
function antispamReport(reason: string, details: string | null) {
  try {
    const d = JSON.parse(details ?? '') as { score: number; reasons: string[]; model: string };
    return {
      reason,
      details: null,
      antispam: { score: d.score, reasons: d.reasons, model: d.model },
    };
  } catch {
    return { reason, details };
  }
}

interface LogRow {
  id: string;
  component_id: string | null;
  target_type: ProposalModerationLogEntryView['targetType'];
  target_id: string;
  action: string;
  actor_id: string | null;
  reason: string | null;
  at: Date;
}
const TABLE: Record<TargetType, string> = {
  proposal: 'proposals.proposals',
  comment: 'proposals.comments',
};

interface Target {
  type: TargetType;
  id: string;
  organizationId: string;
  component: Component;
  proposalId: string;
}

/**
 * Reports, hiding and restoring, and blocking authors. Content reported by
 * `reports_threshold` different people is hidden pending review; moderators
 * hide, restore and block; every decision lands in the moderation log with
 * who (null: the platform itself) and why.
 */
@Injectable()
export class ModerationService {
  constructor(
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    private readonly access: ComponentAccess,
    private readonly proposals: ProposalsService,
    private readonly comments: CommentsService,
  ) {}

  private async target(caller: Caller, type: TargetType, id: string): Promise<Target> {
    if (type === 'proposal') {
      const { c, p } = await this.proposals.visible(caller, id);
      return { type, id: p.id, organizationId: p.organization_id, component: c, proposalId: p.id };
    }
    const { c, comment } = await this.comments.visible(caller, id);
    return {
      type,
      id: comment.id,
      organizationId: comment.organization_id,
      component: c,
      proposalId: comment.proposal_id,
    };
  }

  async log(
    m: EntityManager,
    e: {
      organizationId: string;
      componentId: string | null;
      type: TargetType | 'user';
      id: string;
      action: string;
      actorId: string | null;
      reason: string | null;
    },
  ) {
    await m.query(
      `INSERT INTO proposals.moderation_log (organization_id, component_id, target_type, target_id, action, actor_id, reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [e.organizationId, e.componentId, e.type, e.id, e.action, e.actorId, e.reason],
    );
  }

  /** Hides or shows content, keeping the proposal's comment count to what the public sees. */
  private async setHidden(
    m: EntityManager,
    type: TargetType,
    organizationId: string,
    ids: string[],
    hidden: boolean,
    reason: string | null,
    onlyReason?: string,
  ): Promise<{ id: string; component_id: string; proposal_id: string }[]> {
    if (ids.length === 0) return [];
    const rows = returnedRows<{
      id: string;
      component_id: string;
      proposal_id: string;
      deleted: boolean;
    }>(
      await m.query(
        `UPDATE ${TABLE[type]} t SET hidden_at = ${hidden ? 'now()' : 'NULL'}, hidden_reason = $3::text
                ${hidden ? '' : ', report_count = 0'}
          WHERE t.organization_id = $1 AND t.id = ANY($2::uuid[])
            AND t.hidden_at IS ${hidden ? 'NULL' : 'NOT NULL'}
            ${onlyReason ? 'AND t.hidden_reason = $4::text' : ''}
          RETURNING t.id, t.component_id, ${type === 'comment' ? 't.proposal_id, t.deleted_at IS NOT NULL AS deleted' : 't.id AS proposal_id, false AS deleted'}`,
        onlyReason ? [organizationId, ids, reason, onlyReason] : [organizationId, ids, reason],
      ),
    );
    // Content shown again has had its reports examined: they are set aside (the log says
    // who decided), not deleted, so that their authors cannot report it again in a loop.
    if (!hidden && rows.length)
      await m.query(
        `UPDATE proposals.reports SET dismissed_at = now()
          WHERE organization_id = $1 AND target_type = $2 AND target_id = ANY($3::uuid[]) AND dismissed_at IS NULL`,
        [organizationId, type, rows.map((r) => r.id)],
      );
    if (type === 'comment')
      for (const r of rows.filter((x) => !x.deleted))
        await this.comments.bumpCount(m, organizationId, r.proposal_id, hidden ? -1 : 1);
    return rows;
  }

  async report(caller: Caller, type: TargetType, id: string, dto: ReportDto) {
    const t = await this.target(caller, type, id);
    await this.access.authorize(caller, t.component, 'report');
    const { identity } = caller;
    return this.ds.transaction(async (m) => {
      const inserted = await m.query(
        `INSERT INTO proposals.reports (organization_id, component_id, target_type, target_id, reporter_id, reason, details)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING target_id`,
        [
          t.organizationId,
          t.component.id,
          type,
          t.id,
          identity.userId,
          dto.reason,
          dto.details?.trim() || null,
        ],
      );
      // One report per person per content, dismissed or not: a dismissed report stays, so
      // that its author cannot bring the same content back to the queue by reporting it again.
      if (inserted.length === 0)
        throw proposalException(ProposalError.AlreadyReported, 'You already reported this');
      const [row] = returnedRows<{ report_count: number; hidden_at: Date | null }>(
        await m.query(
          `UPDATE ${TABLE[type]} SET report_count = report_count + 1
            WHERE organization_id = $1 AND id = $2 RETURNING report_count, hidden_at`,
          [t.organizationId, t.id],
        ),
      );
      const threshold = t.component.settings.reportsThreshold;
      let hidden = row.hidden_at !== null;
      if (!hidden && row.report_count >= threshold) {
        await this.setHidden(m, type, t.organizationId, [t.id], true, 'reports');
        await this.log(m, {
          organizationId: t.organizationId,
          componentId: t.component.id,
          type,
          id: t.id,
          action: 'hidden-by-reports',
          actorId: null,
          reason: `${row.report_count} reports`,
        });
        hidden = true;
      }
      return { reported: true, hiddenPendingReview: hidden };
    });
  }

  async hide(caller: Caller, type: TargetType, id: string, reason: string, hide: boolean) {
    const t = await this.target(caller, type, id);
    this.access.requireModerator(caller.identity, t.component);
    await this.ds.transaction(async (m) => {
      const changed = await this.setHidden(
        m,
        type,
        t.organizationId,
        [t.id],
        hide,
        hide ? 'moderator' : null,
      );
      if (changed.length === 0)
        throw proposalException(ProposalError.WrongState, hide ? 'Already hidden' : 'Not hidden');
      await this.log(m, {
        organizationId: t.organizationId,
        componentId: t.component.id,
        type,
        id: t.id,
        action: hide ? 'hide' : 'restore',
        actorId: caller.identity.userId ?? null,
        reason,
      });
      await this.decided(m, t, hide ? 'hide' : 'restore');
    });
    return { id: t.id, hidden: hide };
  }

  /**
   * Dismisses the open reports of content a moderator finds unfounded: the
   * content stays shown and leaves the queue (its report count is back to 0);
   * the reports stay, marked with who dismissed them and when, so that their
   * authors cannot report it again; the log says who, when and why. Content
   * hidden pending review is restored instead (the same decision, made visible).
   */
  async dismiss(caller: Caller, type: TargetType, id: string, reason: string) {
    const t = await this.target(caller, type, id);
    this.access.requireModerator(caller.identity, t.component);
    const actorId = caller.identity.userId ?? null;
    const dismissed = await this.ds.transaction(async (m) => {
      // The content's row is locked first: a report arriving meanwhile waits, then counts afresh.
      const [row] = returnedRows<{ hidden_at: Date | null }>(
        await m.query(
          `SELECT hidden_at FROM ${TABLE[type]} WHERE organization_id = $1 AND id = $2 FOR UPDATE`,
          [t.organizationId, t.id],
        ),
      );
      if (row?.hidden_at)
        throw proposalException(
          ProposalError.WrongState,
          'This content is hidden: restore it to set its reports aside',
        );
      const reports = await m.query(
        `UPDATE proposals.reports SET dismissed_at = now(), dismissed_by = $4
          WHERE organization_id = $1 AND target_type = $2 AND target_id = $3 AND dismissed_at IS NULL
          RETURNING reporter_id`,
        [t.organizationId, type, t.id, actorId],
      );
      const count = returnedRows<{ reporter_id: string }>(reports).length;
      if (count === 0) throw proposalException(ProposalError.WrongState, 'No open report');
      await m.query(
        `UPDATE ${TABLE[type]} SET report_count = 0 WHERE organization_id = $1 AND id = $2`,
        [t.organizationId, t.id],
      );
      await this.log(m, {
        organizationId: t.organizationId,
        componentId: t.component.id,
        type,
        id: t.id,
        action: 'dismiss-reports',
        actorId,
        reason,
      });
      await this.decided(m, t, 'dismiss');
      return count;
    });
    return { id: t.id, dismissedReports: dismissed };
  }

  /**
   * The antispam service's finding (`antispam.content.reported.v1`): one report
   * in the queue, from the platform itself (SPAM_FILTER_REPORTER), with the
   * score and the reasons as its details. It does not hide anything by itself
   * (a block does); moderators decide, as with a person's report. Once per
   * content: a second delivery of the event changes nothing.
   */
  async reportAsSpam(
    m: EntityManager,
    e: {
      organizationId: string;
      type: TargetType;
      id: string;
      score: number;
      reasons: string[];
      model: string;
    },
  ): Promise<boolean> {
    const [row] = await m.query(
      `SELECT component_id FROM ${TABLE[e.type]} WHERE organization_id = $1 AND id = $2`,
      [e.organizationId, e.id],
    );
    if (!row) return false;
    // Kept as data: the site words it in the moderator's language.
    const details = JSON.stringify({ score: e.score, reasons: e.reasons, model: e.model });
    const inserted = await m.query(
      `INSERT INTO proposals.reports (organization_id, component_id, target_type, target_id, reporter_id, reason, details)
       VALUES ($1, $2, $3, $4, $5, 'spam', $6) ON CONFLICT DO NOTHING RETURNING target_id`,
      [e.organizationId, row.component_id, e.type, e.id, SPAM_FILTER_REPORTER, details],
    );
    if (inserted.length === 0) return false;
    await m.query(
      `UPDATE ${TABLE[e.type]} SET report_count = report_count + 1 WHERE organization_id = $1 AND id = $2`,
      [e.organizationId, e.id],
    );
    await this.log(m, {
      organizationId: e.organizationId,
      componentId: row.component_id,
      type: e.type,
      id: e.id,
      action: 'reported-by-antispam',
      actorId: null,
      // The log's "why": the reasons' codes, which the site words too.
      reason: e.reasons.join('; '),
    });
    return true;
  }

  /** A moderator's decision, told to the antispam service with the content it is about (ADR 0041). */
  private async decided(m: EntityManager, t: Target, action: 'hide' | 'restore' | 'dismiss') {
    const [row] = await m.query(
      t.type === 'proposal'
        ? `SELECT author_id, title, body FROM proposals.proposals WHERE organization_id = $1 AND id = $2`
        : `SELECT author_id, '' AS title, body FROM proposals.comments WHERE organization_id = $1 AND id = $2`,
      [t.organizationId, t.id],
    );
    if (!row) return;
    const payload: ModerationDecidedJson = {
      organizationId: t.organizationId,
      targetType: t.type,
      targetId: t.id,
      authorId: row.author_id ?? '',
      action,
      title: row.title,
      body: row.body,
    };
    await publish(m, 'proposals', {
      topic: Topics.ProposalsModerationDecidedV1,
      key: t.id,
      tenantId: t.organizationId,
      schema: 'palabre.proposals.v1.ModerationDecided',
      payload,
    });
  }

  /** Blocks an author in proposals (organization-wide): their content is hidden, they may not post. */
  async block(
    m: EntityManager,
    organizationId: string,
    userId: string,
    source: 'moderator' | 'identity',
    actorId: string | null,
    reason: string | null,
  ) {
    await m.query(
      `INSERT INTO proposals.blocked_authors (organization_id, user_id, source, reason) VALUES ($1, $2, $3, $4)
       ON CONFLICT (organization_id, user_id) DO NOTHING`,
      [organizationId, userId, source, reason],
    );
    const proposals: { id: string }[] = await m.query(
      `SELECT id FROM proposals.proposals WHERE organization_id = $1 AND author_id = $2`,
      [organizationId, userId],
    );
    const comments: { id: string }[] = await m.query(
      `SELECT id FROM proposals.comments WHERE organization_id = $1 AND author_id = $2`,
      [organizationId, userId],
    );
    const hp = await this.setHidden(
      m,
      'proposal',
      organizationId,
      proposals.map((r) => r.id),
      true,
      'author-blocked',
    );
    const hc = await this.setHidden(
      m,
      'comment',
      organizationId,
      comments.map((r) => r.id),
      true,
      'author-blocked',
    );
    await this.log(m, {
      organizationId,
      componentId: null,
      type: 'user',
      id: userId,
      action: 'block-author',
      actorId,
      reason,
    });
    return { hiddenProposals: hp.length, hiddenComments: hc.length };
  }

  async unblock(
    m: EntityManager,
    organizationId: string,
    userId: string,
    actorId: string | null,
    reason: string | null,
  ) {
    await m.query(
      `DELETE FROM proposals.blocked_authors WHERE organization_id = $1 AND user_id = $2`,
      [organizationId, userId],
    );
    const proposals: { id: string }[] = await m.query(
      `SELECT id FROM proposals.proposals WHERE organization_id = $1 AND author_id = $2`,
      [organizationId, userId],
    );
    const comments: { id: string }[] = await m.query(
      `SELECT id FROM proposals.comments WHERE organization_id = $1 AND author_id = $2`,
      [organizationId, userId],
    );
    // Only what the block hid comes back; what moderators or reports hid stays hidden.
    const rp = await this.setHidden(
      m,
      'proposal',
      organizationId,
      proposals.map((r) => r.id),
      false,
      null,
      'author-blocked',
    );
    const rc = await this.setHidden(
      m,
      'comment',
      organizationId,
      comments.map((r) => r.id),
      false,
      null,
      'author-blocked',
    );
    await this.log(m, {
      organizationId,
      componentId: null,
      type: 'user',
      id: userId,
      action: 'unblock-author',
      actorId,
      reason,
    });
    return { restoredProposals: rp.length, restoredComments: rc.length };
  }

  requireOrgModerator(caller: Caller) {
    if (!hasRole(caller.identity, 'moderator'))
      throw proposalException(
        ProposalError.NotAllowed,
        'Blocking an author needs the organization’s moderator role',
      );
  }

  async queue(
    caller: Caller,
    componentId: string,
  ): Promise<{ items: ProposalModerationItemView[] }> {
    const c = await this.access.visible(caller, componentId);
    this.access.requireModerator(caller.identity, c);
    const org = caller.identity.organizationId;
    const [proposals, comments, reasons]: [QueueRow[], QueueRow[], ReportRow[]] = await Promise.all(
      [
        this.ds.query(
          `SELECT id, title, author_id, author_name, report_count, hidden_at, hidden_reason FROM proposals.proposals
          WHERE organization_id = $1 AND component_id = $2 AND (report_count > 0 OR hidden_at IS NOT NULL)
          ORDER BY hidden_at DESC NULLS LAST, report_count DESC LIMIT 500`,
          [org, c.id],
        ),
        this.ds.query(
          `SELECT id, proposal_id, body, author_id, author_name, report_count, hidden_at, hidden_reason FROM proposals.comments
          WHERE organization_id = $1 AND component_id = $2 AND (report_count > 0 OR hidden_at IS NOT NULL)
          ORDER BY hidden_at DESC NULLS LAST, report_count DESC LIMIT 500`,
          [org, c.id],
        ),
        this.ds.query(
          `SELECT target_type, target_id, reason, details, reporter_id = $3::uuid AS by_antispam FROM proposals.reports
          WHERE organization_id = $1 AND component_id = $2 AND dismissed_at IS NULL ORDER BY created_at`,
          [org, c.id, SPAM_FILTER_REPORTER],
        ),
      ],
    );
    const reportsOf = (type: string, id: string) =>
      reasons
        .filter((r) => r.target_type === type && r.target_id === id)
        .map((r) =>
          r.by_antispam
            ? antispamReport(r.reason, r.details)
            : { reason: r.reason, details: r.details },
        );
    const item =
      (type: TargetType) =>
      (r: QueueRow): ProposalModerationItemView => ({
        type,
        id: r.id,
        ...(type === 'comment' ? { proposalId: r.proposal_id, body: r.body } : { title: r.title }),
        authorName: r.author_name,
        // Moderators block an author by account (POST moderation/users/:userId/block).
        authorId: r.author_id,
        reportCount: r.report_count,
        hidden: r.hidden_at !== null,
        hiddenReason: r.hidden_reason,
        reports: reportsOf(type, r.id),
      });
    return {
      items: [...proposals.map(item('proposal')), ...comments.map(item('comment'))],
    };
  }

  async history(
    caller: Caller,
    componentId?: string,
  ): Promise<{ items: ProposalModerationLogEntryView[] }> {
    const org = caller.identity.organizationId;
    if (componentId) {
      const c = await this.access.visible(caller, componentId);
      this.access.requireModerator(caller.identity, c);
    } else this.requireOrgModerator(caller);
    const rows: LogRow[] = await this.ds.query(
      `SELECT id, component_id, target_type, target_id, action, actor_id, reason, at FROM proposals.moderation_log
        WHERE organization_id = $1 AND ($2::uuid IS NULL OR component_id = $2::uuid) ORDER BY id DESC LIMIT 500`,
      [org, componentId ?? null],
    );
    return {
      items: rows.map((r) => ({
        componentId: r.component_id,
        targetType: r.target_type,
        targetId: r.target_id,
        action: r.action,
        actorId: r.actor_id,
        reason: r.reason,
        at: new Date(r.at).toISOString(),
      })),
    };
  }
}
