import { Inject, Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import {
  Topics,
  type CommentCreatedJson,
  type ProposalCommentListView,
  type ProposalCommentVersionView,
  type ProposalCommentView,
  type ProposalStance,
} from '@palabre/contracts';
import { publish } from '@palabre/messaging';
import { returnedRows } from '@palabre/persistence';
import { DATA_SOURCE } from '@palabre/service-kit';
import { ComponentAccess, type Caller } from '../components/component-access';
import type { Component } from '../components/component-access';
import { authorOf, ProposalNotifications } from '../notifications/proposal-notifications';
import { invalid, ProposalError, proposalException } from '../proposals.exception';
import type { ProposalRow } from '../proposals/proposal.view';
import { ProposalsService } from '../proposals/proposals.service';
import type { CreateCommentDto, UpdateCommentDto } from './comment.dto';

export interface CommentRow {
  id: string;
  organization_id: string;
  component_id: string;
  proposal_id: string;
  parent_id: string | null;
  author_id: string;
  /** Null once the author deleted their account ("deleted participant"). */
  author_name: string | null;
  stance: ProposalStance;
  body: string;
  reply_count: number;
  report_count: number;
  hidden_at: Date | null;
  hidden_reason: string | null;
  deleted_at: Date | null;
  edited_at: Date | null;
  created_at: Date;
}

const commentNotFound = () =>
  proposalException(ProposalError.CommentNotFound, 'No such comment in this organization');

function iso(d: Date): string;
function iso(d: Date | null): string | null;
function iso(d: Date | null) {
  return d ? new Date(d).toISOString() : null;
}

/** Comments on proposals: one level of replies, a stance, edits kept as history, deletion by the author. */
@Injectable()
export class CommentsService {
  constructor(
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    private readonly access: ComponentAccess,
    private readonly proposals: ProposalsService,
    private readonly notifications: ProposalNotifications,
  ) {}

  view(c: CommentRow, userId?: string): ProposalCommentView {
    const deleted = c.deleted_at !== null;
    return {
      id: c.id,
      proposalId: c.proposal_id,
      parentId: c.parent_id,
      author: deleted ? null : { name: c.author_name ?? '', deleted: c.author_name === null },
      mine: !deleted && !!userId && c.author_id === userId,
      stance: deleted ? null : c.stance,
      body: deleted ? null : c.body,
      deleted,
      edited: c.edited_at !== null,
      editedAt: iso(c.edited_at),
      createdAt: iso(c.created_at),
    };
  }

  async find(organizationId: string, id: string, m: EntityManager = this.ds.manager, lock = false) {
    const [row] = await m.query(
      `SELECT * FROM proposals.comments WHERE organization_id = $1 AND id = $2 ${lock ? 'FOR UPDATE' : ''}`,
      [organizationId, id],
    );
    return (row as CommentRow | undefined) ?? null;
  }

  /** A comment the caller may see (its proposal visible to them, itself not hidden). */
  async visible(caller: Caller, id: string, m?: EntityManager, lock = false) {
    const comment = await this.find(caller.identity.organizationId, id, m, lock);
    if (!comment) throw commentNotFound();
    const { c, p } = await this.proposals.visible(caller, comment.proposal_id);
    if (comment.hidden_at && !this.access.isModerator(caller.identity, c)) throw commentNotFound();
    return { comment, c, p };
  }

  async list(caller: Caller, proposalId: string): Promise<ProposalCommentListView> {
    const { p } = await this.proposals.visible(caller, proposalId);
    const rows: CommentRow[] = await this.ds.query(
      `SELECT * FROM proposals.comments
        WHERE organization_id = $1 AND proposal_id = $2 AND hidden_at IS NULL
        ORDER BY created_at, id LIMIT 2000`,
      [caller.identity.organizationId, p.id],
    );
    const replies = new Map<string, CommentRow[]>();
    for (const r of rows)
      if (r.parent_id) replies.set(r.parent_id, [...(replies.get(r.parent_id) ?? []), r]);
    const userId = caller.identity.userId;
    const items = rows
      .filter((r) => !r.parent_id)
      // A deleted comment stays as a placeholder only when replies hang from it.
      .filter((r) => !r.deleted_at || (replies.get(r.id) ?? []).some((x) => !x.deleted_at))
      .map((r) => ({
        ...this.view(r, userId),
        replies: (replies.get(r.id) ?? [])
          .filter((x) => !x.deleted_at)
          .map((x) => this.view(x, userId)),
      }));
    return { items, count: p.comment_count };
  }

  private async open(caller: Caller, c: Component) {
    if (!c.settings.commentsEnabled)
      throw proposalException(
        ProposalError.CommentsDisabled,
        'Comments are turned off in this component',
      );
    await this.access.authorize(caller, c, 'comment');
    await this.proposals.assertNotBlocked(
      caller.identity.organizationId,
      caller.identity.userId as string,
    );
  }

  async create(caller: Caller, proposalId: string, dto: CreateCommentDto) {
    const { c, p } = await this.proposals.visible(caller, proposalId);
    await this.open(caller, c);
    if (p.hidden_at) throw proposalException(ProposalError.WrongState, 'This proposal is hidden');
    const { identity } = caller;
    return this.ds.transaction(async (m) => {
      await this.proposals.paceNewAccount(m, identity);
      let parent: CommentRow | null = null;
      if (dto.parentId) {
        parent = await this.find(identity.organizationId, dto.parentId, m);
        if (!parent || parent.proposal_id !== p.id || parent.hidden_at || parent.deleted_at)
          throw invalid('parentId', 'must be a visible comment of the same proposal');
        if (parent.parent_id)
          throw invalid('parentId', 'replies go one level deep: answer the top-level comment');
        await m.query(
          `UPDATE proposals.comments SET reply_count = reply_count + 1 WHERE organization_id = $1 AND id = $2`,
          [identity.organizationId, parent.id],
        );
      }
      const [row]: CommentRow[] = await m.query(
        `INSERT INTO proposals.comments (organization_id, component_id, proposal_id, parent_id, author_id,
           author_name, stance, body)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
        [
          identity.organizationId,
          c.id,
          p.id,
          dto.parentId ?? null,
          identity.userId,
          identity.displayName ?? '',
          dto.stance ?? 'neutral',
          dto.body.trim(),
        ],
      );
      await this.bumpCount(m, identity.organizationId, p.id, 1);
      await this.tell(m, p, row, parent);
      const created: CommentCreatedJson = {
        commentId: row.id,
        organizationId: row.organization_id,
        spaceId: p.space_id,
        componentId: row.component_id,
        proposalId: p.id,
        authorId: row.author_id ?? '',
        body: row.body,
        createdAt: new Date(row.created_at).toISOString(),
      };
      await publish(m, 'proposals', {
        topic: Topics.ProposalsCommentCreatedV1,
        key: row.id,
        tenantId: row.organization_id,
        schema: 'palabre.proposals.v1.CommentCreated',
        payload: created,
      });
      return this.view(row, identity.userId);
    });
  }

  /**
   * The parent comment's author hears of a reply, the proposal's author of a
   * comment; one who is both hears once, of the reply. Nobody of their own.
   */
  private async tell(m: EntityManager, p: ProposalRow, row: CommentRow, parent: CommentRow | null) {
    const replied = parent && parent.author_name !== null ? parent.author_id : null;
    const told = { actorId: row.author_id, commentId: row.id };
    if (parent)
      await this.notifications.tell(m, p, 'comment.replied', {
        ...told,
        recipients: [replied],
        dedupeKey: `comment.replied:${row.id}`,
      });
    const author = authorOf(p);
    if (author !== replied)
      await this.notifications.tell(m, p, 'proposal.commented', {
        ...told,
        recipients: [author],
        dedupeKey: `proposal.commented:${row.id}`,
      });
  }

  async bumpCount(m: EntityManager, organizationId: string, proposalId: string, by: number) {
    await m.query(
      `UPDATE proposals.proposals SET comment_count = greatest(0, comment_count + $3)
        WHERE organization_id = $1 AND id = $2`,
      [organizationId, proposalId, by],
    );
  }

  /** The caller's own comment, locked in `m` (visibility checked before the transaction). */
  private async own(caller: Caller, id: string, m: EntityManager) {
    const comment = await this.find(caller.identity.organizationId, id, m, true);
    if (!comment) throw commentNotFound();
    if (!caller.identity.userId || comment.author_id !== caller.identity.userId)
      throw proposalException(ProposalError.NotAuthor, 'Only the author may do this');
    if (comment.deleted_at || comment.hidden_at)
      throw proposalException(ProposalError.WrongState, 'This comment was deleted or hidden');
    return { comment };
  }

  async update(caller: Caller, id: string, dto: UpdateCommentDto) {
    await this.visible(caller, id);
    return this.ds.transaction(async (m) => {
      const { comment } = await this.own(caller, id, m);
      await m.query(
        `INSERT INTO proposals.comment_versions (organization_id, comment_id, body, stance, written_at)
         VALUES ($1, $2, $3, $4, $5)`,
        [
          comment.organization_id,
          comment.id,
          comment.body,
          comment.stance,
          comment.edited_at ?? comment.created_at,
        ],
      );
      const [row] = returnedRows<CommentRow>(
        await m.query(
          `UPDATE proposals.comments SET body = $3, stance = $4, edited_at = now()
            WHERE organization_id = $1 AND id = $2 RETURNING *`,
          [comment.organization_id, comment.id, dto.body.trim(), dto.stance ?? comment.stance],
        ),
      );
      return this.view(row, caller.identity.userId);
    });
  }

  async versions(caller: Caller, id: string): Promise<{ items: ProposalCommentVersionView[] }> {
    const { comment } = await this.visible(caller, id);
    if (comment.deleted_at) return { items: [] };
    const rows: { body: string; stance: ProposalStance; written_at: Date }[] = await this.ds.query(
      `SELECT body, stance, written_at FROM proposals.comment_versions
        WHERE organization_id = $1 AND comment_id = $2 ORDER BY id`,
      [comment.organization_id, comment.id],
    );
    return {
      items: [
        ...rows.map((r) => ({ body: r.body, stance: r.stance, writtenAt: iso(r.written_at) })),
        {
          body: comment.body,
          stance: comment.stance,
          writtenAt: iso(comment.edited_at ?? comment.created_at),
        },
      ],
    };
  }

  async remove(caller: Caller, id: string) {
    await this.visible(caller, id);
    return this.ds.transaction(async (m) => {
      const { comment } = await this.own(caller, id, m);
      // The text and its history go; the row stays so that replies keep their place.
      await m.query(
        `DELETE FROM proposals.comment_versions WHERE organization_id = $1 AND comment_id = $2`,
        [comment.organization_id, comment.id],
      );
      await m.query(
        `UPDATE proposals.comments SET body = '', deleted_at = now() WHERE organization_id = $1 AND id = $2`,
        [comment.organization_id, comment.id],
      );
      await this.bumpCount(m, comment.organization_id, comment.proposal_id, -1);
    });
  }
}
