import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { BoundedCache } from '@palabre/cache';
import {
  Topics,
  type ProposalDetailView,
  type ProposalListView,
  type ProposalPublishedJson,
  type ProposalView,
} from '@palabre/contracts';
import { publish } from '@palabre/messaging';
import type { InternalIdentity } from '@palabre/auth';
import {
  checkNewAccountPace,
  DATA_SOURCE,
  newAccountPace,
  pacedAccount,
  SERVICE_RUNTIME,
  type NewAccountPace,
  type ServiceRuntime,
} from '@palabre/service-kit';
import { ComponentAccess, type Caller } from '../components/component-access';
import type { Component } from '../components/component-access';
import { countsHidden } from '../components/component-type';
import { invalid, notFound, ProposalError, proposalException } from '../proposals.exception';
import { MeetingLinksRepository } from '../meetings/meeting-links.repository';
import type { CreateProposalDto, UpdateProposalDto } from './proposal.dto';
import { meetingView, proposalView, type ProposalRow } from './proposal.view';
import {
  ProposalsRepository,
  RANDOM_SPAN,
  type Cursor,
  type SortOrder,
} from './proposals.repository';

export interface ListInput {
  states: string[];
  area?: string;
  mine: boolean;
  voted: boolean;
  q?: string;
  sort?: SortOrder;
  seed?: number;
  cursor?: string;
  limit: number;
}

/** A visitor's seed when they bring none: stable for an account, for the day otherwise. */
function defaultSeed(userId: string | undefined): number {
  const basis = userId ?? new Date().toISOString().slice(0, 10);
  return createHash('sha256').update(basis).digest().readUInt32BE(0) % RANDOM_SPAN;
}

/** Proposals: submission within the limits, official entries, edits, withdrawal, reading and listing. */
@Injectable()
export class ProposalsService {
  /** New accounts' pace (ADR 0041): a few contributions an hour in their first day. */
  private readonly pace: NewAccountPace;

  constructor(
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    private readonly access: ComponentAccess,
    private readonly proposals: ProposalsRepository,
    private readonly meetingLinks: MeetingLinksRepository,
    @Inject(SERVICE_RUNTIME) runtime: ServiceRuntime,
  ) {
    this.pace = newAccountPace(runtime.env);
  }

  /**
   * 429 for a new account that already posted its hour's proposals and
   * comments here. In `m`, after a lock on the account: two posts at once
   * are counted one after the other.
   */
  async paceNewAccount(m: EntityManager, identity: InternalIdentity): Promise<void> {
    if (!pacedAccount(identity, this.pace)) return;
    await m.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
      `pace:${identity.organizationId}:${identity.userId}`,
    ]);
    const [row] = await m.query(
      `SELECT count(*)::int AS n, min(at) AS oldest FROM (
         SELECT published_at AS at FROM proposals.proposals
          WHERE organization_id = $1 AND created_by = $2 AND published_at > now() - interval '1 hour'
         UNION ALL
         SELECT created_at FROM proposals.comments
          WHERE organization_id = $1 AND author_id = $2 AND created_at > now() - interval '1 hour') x`,
      [identity.organizationId, identity.userId],
    );
    checkNewAccountPace(identity, this.pace, {
      count: row.n,
      oldestAt: row.oldest ? new Date(row.oldest) : null,
    });
  }

  private async notBlocked(organizationId: string, userId: string, m?: EntityManager) {
    const [blocked] = await (m ?? this.ds.manager).query(
      `SELECT 1 FROM proposals.blocked_authors WHERE organization_id = $1 AND user_id = $2`,
      [organizationId, userId],
    );
    if (blocked)
      throw proposalException(
        ProposalError.Blocked,
        'Your account may no longer post here; contact the moderators',
      );
  }

  async assertNotBlocked(organizationId: string, userId: string) {
    await this.notBlocked(organizationId, userId);
  }

  staff(caller: Caller, c: Component): boolean {
    return (
      this.access.isModerator(caller.identity, c) || this.access.isEvaluator(caller.identity, c)
    );
  }

  view(caller: Caller, c: Component, p: ProposalRow, votedByMe?: boolean): ProposalView {
    return proposalView(p, {
      settings: c.settings,
      staff: this.staff(caller, c),
      userId: caller.identity.userId,
      votedByMe,
    });
  }

  async create(caller: Caller, componentId: string, dto: CreateProposalDto) {
    const c = await this.access.visible(caller, componentId);
    const { identity } = caller;
    const origin = dto.origin ?? 'participant';
    const official = origin !== 'participant';
    if (official) {
      this.access.requireAdmin(identity, c);
      if (!c.settings.officialProposalsEnabled)
        throw proposalException(
          ProposalError.OfficialDisabled,
          'Official proposals are turned off in this component',
        );
    } else {
      await this.access.authorize(caller, c, 'create');
      await this.notBlocked(identity.organizationId, identity.userId as string);
    }
    if (dto.body.length > c.settings.proposalLength)
      throw invalid('body', `must be at most ${c.settings.proposalLength} characters here`);
    return this.ds.transaction(async (m) => {
      if (!official) await this.paceNewAccount(m, identity);
      const limit = c.settings.proposalLimit;
      if (!official && limit > 0) {
        // One author's submissions in one component queue up here, so the count below is exact.
        await m.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
          `proposals:${c.id}:${identity.userId}`,
        ]);
        const n = await this.proposals.countByAuthor(
          m,
          identity.organizationId,
          c.id,
          identity.userId as string,
        );
        if (n >= limit)
          throw proposalException(
            ProposalError.ProposalLimit,
            `You already have ${n} proposals here: the limit is ${limit} per person (withdraw one to submit another)`,
            { limit },
          );
      }
      const row = await this.proposals.insert(m, {
        organization_id: identity.organizationId,
        space_id: c.spaceId,
        component_id: c.id,
        author_id: official ? null : (identity.userId as string),
        created_by: identity.userId as string,
        author_name: official ? '' : (identity.displayName ?? ''),
        on_behalf_of: dto.onBehalfOf?.trim() || null,
        origin,
        title: dto.title.trim(),
        body: dto.body.trim(),
        address: dto.address?.trim() || null,
        latitude: dto.latitude ?? null,
        longitude: dto.longitude ?? null,
        area: dto.area?.trim() || null,
      });
      const payload: ProposalPublishedJson = {
        proposalId: row.id,
        organizationId: row.organization_id,
        spaceId: row.space_id,
        componentId: row.component_id,
        title: row.title,
        origin: row.origin,
        publishedAt: new Date(row.published_at).toISOString(),
        body: row.body,
        authorId: row.author_id ?? '',
      };
      await publish(m, 'proposals', {
        topic: Topics.ProposalsProposalPublishedV1,
        key: row.id,
        tenantId: row.organization_id,
        schema: 'palabre.proposals.v1.ProposalPublished',
        payload,
      });
      return this.view(caller, c, row, false);
    });
  }

  /** Components of proposals: a proposal never changes component. */
  private readonly components = new BoundedCache<string>({ max: 200_000, ttlMs: Infinity });

  /** The component of a proposal of the organization (404 if none); kept in memory. */
  componentOf(organizationId: string, id: string): Promise<string> {
    return this.components.fetch(`${organizationId}|${id}`, async () => {
      const [row] = await this.ds.query(
        `SELECT component_id FROM proposals.proposals WHERE organization_id = $1 AND id = $2`,
        [organizationId, id],
      );
      if (!row) throw notFound();
      return row.component_id;
    });
  }

  /** A proposal and its component, if the caller may see them (hidden ones: moderators only). */
  async visible(caller: Caller, id: string): Promise<{ c: Component; p: ProposalRow }> {
    const p = await this.proposals.find(caller.identity.organizationId, id);
    if (!p) throw notFound();
    const c = await this.access.visible(caller, p.component_id);
    if (p.hidden_at && !this.access.isModerator(caller.identity, c)) throw notFound();
    return { c, p };
  }

  async detail(caller: Caller, id: string): Promise<ProposalDetailView> {
    const { c, p } = await this.visible(caller, id);
    const organizationId = caller.identity.organizationId;
    const [voted, meetings] = await Promise.all([
      caller.identity.userId
        ? this.proposals
            .votedBy(organizationId, caller.identity.userId, [id])
            .then((ids) => ids.size > 0)
        : undefined,
      this.meetingLinks.ofProposal(caller.identity, id),
    ]);
    return {
      ...this.view(caller, c, p, voted),
      // An ISO string, as JSON gave the Date before.
      ...(p.hidden_at
        ? { hidden: { at: new Date(p.hidden_at).toISOString(), reason: p.hidden_reason } }
        : {}),
      meetings: meetings.map(meetingView),
    };
  }

  /**
   * The caller's own proposal, locked in `m`. Visibility is checked before
   * the transaction (it may read through the cache and ask spaces: never
   * while holding the embedded database's only session).
   */
  private async authored(caller: Caller, c: Component, id: string, m: EntityManager) {
    const p = await this.proposals.find(caller.identity.organizationId, id, m, true);
    if (!p || (p.hidden_at && !this.access.isModerator(caller.identity, c))) throw notFound();
    if (!caller.identity.userId || p.author_id !== caller.identity.userId)
      throw proposalException(ProposalError.NotAuthor, 'Only the author may do this');
    return p;
  }

  async update(caller: Caller, id: string, dto: UpdateProposalDto) {
    const { c } = await this.visible(caller, id);
    return this.ds.transaction(async (m) => {
      const p = await this.authored(caller, c, id, m);
      if (p.withdrawn_at || p.state || p.hidden_at)
        throw proposalException(
          ProposalError.WrongState,
          'A withdrawn, answered or hidden proposal cannot be edited',
        );
      const until = new Date(p.published_at).getTime() + c.settings.editWindowMinutes * 60_000;
      if (Date.now() > until)
        throw proposalException(
          ProposalError.EditWindowClosed,
          `Proposals can be edited for ${c.settings.editWindowMinutes} minutes after publication; that time is over`,
          { editWindowMinutes: c.settings.editWindowMinutes },
        );
      if (dto.body !== undefined && dto.body.length > c.settings.proposalLength)
        throw invalid('body', `must be at most ${c.settings.proposalLength} characters here`);
      const set: Record<string, unknown> = {};
      if (dto.title !== undefined) set.title = dto.title.trim();
      if (dto.body !== undefined) set.body = dto.body.trim();
      if (dto.address !== undefined) set.address = dto.address?.trim() || null;
      if (dto.area !== undefined) set.area = dto.area?.trim() || null;
      if (Object.keys(set).length === 0) return this.view(caller, c, p);
      return this.view(caller, c, await this.proposals.update(m, p.organization_id, p.id, set));
    });
  }

  async withdraw(caller: Caller, id: string) {
    const { c } = await this.visible(caller, id);
    return this.ds.transaction(async (m) => {
      const p = await this.authored(caller, c, id, m);
      if (p.withdrawn_at)
        throw proposalException(ProposalError.WrongState, 'This proposal is already withdrawn');
      if (p.state === 'accepted' || p.state === 'rejected')
        throw proposalException(
          ProposalError.WrongState,
          `An ${p.state} proposal cannot be withdrawn`,
        );
      return this.view(
        caller,
        c,
        await this.proposals.update(m, p.organization_id, p.id, { withdrawn_at: new Date() }),
      );
    });
  }

  /** What a page needs to know about a component: limits, what its phase opens, the caller's counts. */
  async component(caller: Caller, componentId: string) {
    const c = await this.access.visible(caller, componentId);
    const s = c.settings;
    const { identity } = caller;
    let mine: { proposals: number; supports: number } | undefined;
    if (identity.userId) {
      const [row] = await this.ds.query(
        `SELECT (SELECT count(*)::int FROM proposals.proposals
                  WHERE organization_id = $1 AND author_id = $3 AND component_id = $2
                    AND origin = 'participant' AND withdrawn_at IS NULL) AS proposals,
                (SELECT coalesce(max(votes), 0)::int FROM proposals.voter_tallies
                  WHERE organization_id = $1 AND component_id = $2 AND voter_id = $3) AS supports`,
        [identity.organizationId, c.id, identity.userId],
      );
      mine = row;
    }
    return {
      id: c.id,
      spaceId: c.spaceId,
      activePhase: c.activePhase,
      settings: {
        proposalLimit: s.proposalLimit || null,
        proposalLength: s.proposalLength,
        editWindowMinutes: s.editWindowMinutes,
        voteLimit: s.voteLimit || null,
        minimumVotesPerUser: s.minimumVotesPerUser > 1 ? s.minimumVotesPerUser : null,
        thresholdPerProposal: s.thresholdPerProposal || null,
        canAccumulateBeyondThreshold: s.canAccumulateBeyondThreshold,
        reportsThreshold: s.reportsThreshold,
        officialProposalsEnabled: s.officialProposalsEnabled,
        commentsEnabled: s.commentsEnabled,
        minimumAge: s.minimumAge || null,
      },
      // The phase's switches only: spaces' permissions (verification, membership) may still refuse.
      open: {
        create: s.creationEnabled,
        vote: s.votesEnabled && !s.votesBlocked,
        comment: s.commentsEnabled && !s.commentsBlocked,
      },
      countsHidden: countsHidden(s) && !this.staff(caller, c),
      ...(mine ? { mine } : {}),
    };
  }

  async myVotes(organizationId: string, componentId: string, voterId: string): Promise<string[]> {
    const rows: { proposal_id: string }[] = await this.ds.query(
      `SELECT proposal_id FROM proposals.votes
        WHERE organization_id = $1 AND component_id = $2 AND voter_id = $3 ORDER BY created_at`,
      [organizationId, componentId, voterId],
    );
    return rows.map((r) => r.proposal_id);
  }

  async list(caller: Caller, componentId: string, input: ListInput): Promise<ProposalListView> {
    const c = await this.access.visible(caller, componentId);
    const { identity } = caller;
    if ((input.mine || input.voted) && !identity.userId)
      throw proposalException(ProposalError.SignIn, 'Sign in to see your proposals and supports');
    const hidden = countsHidden(c.settings) && !this.staff(caller, c);
    // A search filters the list, newest first unless asked otherwise: ranking
    // by relevance costs one ts_rank per match (opt-in, sort=relevance).
    const sort: SortOrder = input.sort ?? (input.q ? 'newest' : 'random');
    if (sort === 'relevance' && !input.q) throw invalid('sort', 'relevance needs a search (q)');
    if (sort === 'most-voted' && hidden)
      throw invalid('sort', 'support counts are hidden in this phase; sort otherwise');
    const seed = sort === 'random' ? (input.seed ?? defaultSeed(identity.userId)) : 0;
    let after: Cursor | undefined;
    if (input.cursor) {
      try {
        const parsed = JSON.parse(Buffer.from(input.cursor, 'base64url').toString('utf8'));
        if (!Array.isArray(parsed) || parsed[0] !== sort || parsed[1] !== seed)
          throw new Error('shape');
        const [, , segment, value, id] = parsed as [
          string,
          number,
          number,
          string | number,
          string,
        ];
        if (segment !== 0 && segment !== 1) throw new Error('segment');
        if (typeof id !== 'string' || !/^[0-9a-f-]{36}$/i.test(id)) throw new Error('id');
        if (typeof value !== 'string' && typeof value !== 'number') throw new Error('value');
        if (sort === 'newest' && !/^-?\d{1,19}$/.test(String(value))) throw new Error('value');
        if (sort !== 'newest' && !Number.isFinite(Number(value))) throw new Error('value');
        after = { segment, value, id };
      } catch {
        throw proposalException(
          ProposalError.BadCursor,
          'cursor: not a cursor of this list (it must come from nextCursor, with the same sort and seed)',
          { errors: [{ field: 'cursor', message: 'not a cursor of this list' }] },
        );
      }
    }
    const rows = await this.proposals.list({
      organizationId: identity.organizationId,
      componentId: c.id,
      states: input.states,
      area: input.area,
      authorId: input.mine ? identity.userId : undefined,
      votedBy: input.voted ? identity.userId : undefined,
      q: input.q,
      sort,
      seed,
      after,
      limit: input.limit + 1,
    });
    const page = rows.slice(0, input.limit);
    const last = page[page.length - 1];
    let nextCursor: string | null = null;
    if (rows.length > input.limit && last) {
      const key: Record<SortOrder, () => [number, string | number]> = {
        newest: () => [0, last.published_us as string],
        'most-voted': () => [0, last.vote_count],
        'most-commented': () => [0, last.comment_count],
        relevance: () => [0, Number(last.rank)],
        random: () => [last.rand >= seed ? 0 : 1, last.rand],
      };
      const [segment, value] = key[sort]();
      nextCursor = Buffer.from(JSON.stringify([sort, seed, segment, value, last.id])).toString(
        'base64url',
      );
    }
    const voted = identity.userId
      ? await this.proposals.votedBy(
          identity.organizationId,
          identity.userId,
          page.map((p) => p.id),
        )
      : null;
    return {
      items: page.map((p) => this.view(caller, c, p, voted ? voted.has(p.id) : undefined)),
      sort,
      ...(sort === 'random' ? { seed } : {}),
      countsHidden: hidden,
      nextCursor,
      personal: input.mine || input.voted,
    };
  }
}
