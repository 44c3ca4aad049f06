import { createHash } from 'node:crypto';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { decodeEvent, Topics } from '@palabre/contracts';
import type { Subscription } from '@palabre/messaging';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@palabre/service-kit';
import type { EntityManager } from 'typeorm';
import { textFeatures } from '../scoring/text-features';
import { ReviewWorker, type ContentKind } from './review.worker';

const TOPICS = [
  Topics.IdentityUserRegisteredV1,
  Topics.IdentityUserBlockedV1,
  Topics.IdentityUserUnblockedV1,
  Topics.IdentityBlockContestedV1,
  Topics.ProposalsProposalPublishedV1,
  Topics.ProposalsCommentCreatedV1,
  Topics.ProposalsModerationDecidedV1,
  Topics.PetitionsPetitionStateChangedV1,
  Topics.MeetingsMeetingPublishedV1,
];

/** A text written per language: the default language's, else the first. */
const oneText = (t: Record<string, string> | undefined) =>
  (t && (t.fr || t.en || Object.values(t)[0])) || '';

/** The folded text whose hash finds copies: case, accents, spaces and punctuation aside. */
export function textHash(title: string, body: string): string {
  const folded = `${title}\n${body}`
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return createHash('sha256').update(folded).digest('hex');
}

/**
 * What the antispam service learns from events (ADR 0041), each handled once
 * (the inbox): a new account is due for scoring; a proposal or a comment
 * waits to be scored and makes its author due again (they are scored "again
 * as they contribute"); a block by a moderator is a label, an unblock a label
 * and a stamp (an erased account is AntispamPrivacy's). Scoring itself is the
 * worker's, outside these transactions: a contribution is never held by it,
 * and one received while this service was down is scored when it is back.
 */
@Injectable()
export class IntakeConsumer implements OnModuleInit {
  private subscription?: Subscription;

  constructor(
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
    private readonly worker: ReviewWorker,
  ) {}

  async onModuleInit(): Promise<void> {
    this.subscription = await this.runtime.bus.consume({
      ds: this.runtime.dataSource,
      schema: 'antispam',
      group: 'antispam.intake',
      topics: TOPICS,
      decode: (topic, payload) => ({ topic, e: decodeEvent(topic, payload) }),
      handle: async ({ payload: { topic, e } }, m) => {
        switch (topic) {
          case Topics.IdentityUserRegisteredV1: {
            const r = e as { userId: string; organizationId: string };
            await this.due(m, r.organizationId, r.userId, 0, 0);
            this.worker.wake();
            break;
          }
          case Topics.ProposalsProposalPublishedV1: {
            const p = e as {
              proposalId: string;
              organizationId: string;
              spaceId: string;
              componentId: string;
              title: string;
              body: string;
              authorId: string;
            };
            // An official proposal (no author) is the organization's own word.
            if (!p.authorId) return;
            await this.content(m, {
              organizationId: p.organizationId,
              type: 'proposal',
              id: p.proposalId,
              authorId: p.authorId,
              title: p.title,
              body: p.body,
              path: `/admin/spaces/${p.spaceId}/proposals/${p.componentId}/moderation`,
            });
            break;
          }
          case Topics.ProposalsCommentCreatedV1: {
            const c = e as {
              commentId: string;
              organizationId: string;
              spaceId: string;
              componentId: string;
              authorId: string;
              body: string;
            };
            if (!c.authorId) return;
            await this.content(m, {
              organizationId: c.organizationId,
              type: 'comment',
              id: c.commentId,
              authorId: c.authorId,
              title: '',
              body: c.body,
              path: `/admin/spaces/${c.spaceId}/proposals/${c.componentId}/moderation`,
            });
            break;
          }
          case Topics.ProposalsModerationDecidedV1: {
            const d = e as {
              organizationId: string;
              targetType: string;
              targetId: string;
              authorId: string;
              action: string;
              title: string;
              body: string;
            };
            if (d.targetType !== 'proposal' && d.targetType !== 'comment') return;
            if (d.action !== 'hide' && d.action !== 'restore' && d.action !== 'dismiss') return;
            await this.worker.moderated(m, { ...d, targetType: d.targetType, action: d.action });
            break;
          }
          case Topics.PetitionsPetitionStateChangedV1: {
            const p = e as {
              petitionId: string;
              organizationId: string;
              toState: string;
              title: string;
              body: string;
              authorId: string;
            };
            // Scored when submitted for review: the review queue is where it is decided.
            if (p.toState !== 'submitted' || !p.authorId) return;
            await this.content(m, {
              organizationId: p.organizationId,
              type: 'petition',
              id: p.petitionId,
              authorId: p.authorId,
              title: p.title,
              body: p.body,
              path: `/admin/petitions/${p.petitionId}`,
            });
            break;
          }
          case Topics.MeetingsMeetingPublishedV1: {
            const p = e as {
              meeting?: {
                meetingId: string;
                organizationId: string;
                title: Record<string, string>;
              };
              description: Record<string, string>;
              authorId: string;
            };
            // A participant's meeting; an official one is the organization's own word.
            if (!p.meeting || !p.authorId) return;
            await this.content(m, {
              organizationId: p.meeting.organizationId,
              type: 'meeting',
              id: p.meeting.meetingId,
              authorId: p.authorId,
              title: oneText(p.meeting.title),
              body: oneText(p.description),
              path: `/admin/meetings/${p.meeting.meetingId}`,
            });
            break;
          }
          case Topics.IdentityUserBlockedV1: {
            const b = e as { userId: string; organizationId: string; source: string };
            await this.worker.blockedBy(m, b.organizationId, b.userId, b.source);
            break;
          }
          case Topics.IdentityUserUnblockedV1: {
            const u = e as { userId: string; organizationId: string };
            await this.worker.unblocked(m, u.organizationId, u.userId);
            break;
          }
          case Topics.IdentityBlockContestedV1: {
            const k = e as { userId: string; organizationId: string; message: string };
            await this.worker.contested(m, k.organizationId, k.userId, k.message);
            break;
          }
        }
      },
    });
  }

  /** The account is (re)scored by the worker; a contribution adds to its counts. */
  private async due(
    m: EntityManager,
    organizationId: string,
    userId: string,
    contributions: number,
    links: number,
  ) {
    await m.query(
      `INSERT INTO antispam.accounts (organization_id, user_id, contributions, links, due_at)
       VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (organization_id, user_id) DO UPDATE
         SET contributions = antispam.accounts.contributions + EXCLUDED.contributions,
             links = antispam.accounts.links + EXCLUDED.links,
             due_at = coalesce(antispam.accounts.due_at, now()), attempts = 0`,
      [organizationId, userId, contributions, links],
    );
  }

  private async content(
    m: EntityManager,
    c: {
      organizationId: string;
      type: ContentKind;
      id: string;
      authorId: string;
      title: string;
      body: string;
      path: string;
    },
  ) {
    const inserted = await m.query(
      `INSERT INTO antispam.contents (organization_id, target_type, target_id, author_id, title, body, text_hash, path)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING RETURNING target_id`,
      [
        c.organizationId,
        c.type,
        c.id,
        c.authorId,
        c.title,
        c.body,
        textHash(c.title, c.body),
        c.path,
      ],
    );
    if (inserted.length === 0) return;
    await this.due(m, c.organizationId, c.authorId, 1, textFeatures(c.body, c.title).links);
    this.worker.wake();
  }

  get isRunning(): boolean {
    return this.subscription !== undefined;
  }
}
