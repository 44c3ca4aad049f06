import { Controller, Delete, Get, HttpCode, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { ProposalMyVotesView } from '@palabre/contracts';
import { ComponentAccess, CurrentCaller, type Caller } from '../components/component-access';
import { countingMinimum } from '../components/component-type';
import { notFound, ProposalError, proposalException } from '../proposals.exception';
import { ProposalsService } from '../proposals/proposals.service';
import { UuidParam } from '../params';
import { GroupCommitOverloadedError, type Reply } from '@palabre/service-kit';
import { VoteWriter, type VoteOutcome } from './vote-writer';

/** Supports: one per person per proposal, within the component's per-person limits. */
@ApiTags('votes')
@Controller()
export class VotesController {
  constructor(
    private readonly access: ComponentAccess,
    private readonly proposals: ProposalsService,
    private readonly writer: VoteWriter,
  ) {}

  /** One support given (POST) or withdrawn (DELETE); the two routes share it. */
  async submit(caller: Caller, id: string, kind: 'vote' | 'unvote', res: Reply) {
    // The component a proposal belongs to never changes: remembered, so that a
    // support costs no read before its batch (which checks the proposal again).
    const c = await this.access.visible(
      caller,
      await this.proposals.componentOf(caller.identity.organizationId, id),
    );
    const p = { id };
    await this.access.authorize(caller, c, 'vote');
    const s = c.settings;
    let outcome: VoteOutcome;
    try {
      outcome = await this.writer.submit({
        kind,
        organizationId: caller.identity.organizationId,
        componentId: c.id,
        proposalId: p.id,
        voterId: caller.identity.userId as string,
        limit: s.voteLimit,
        minimum: countingMinimum(s),
        cap:
          s.thresholdPerProposal > 0 && !s.canAccumulateBeyondThreshold
            ? s.thresholdPerProposal
            : 0,
        threshold: s.thresholdPerProposal,
      });
    } catch (e) {
      if (e instanceof GroupCommitOverloadedError) {
        res.header('Retry-After', String(e.retryAfterSeconds));
        throw proposalException(
          ProposalError.Overloaded,
          'Too many supports at once; try again in a second',
        );
      }
      throw e;
    }
    switch (outcome.kind) {
      case 'limit':
        throw proposalException(
          ProposalError.VoteLimit,
          `You have used your ${s.voteLimit} supports in this component (the limit is ${s.voteLimit} per person); withdraw one to support another`,
          { limit: s.voteLimit, used: outcome.used },
        );
      case 'threshold':
        throw proposalException(
          ProposalError.ThresholdReached,
          `This proposal reached its threshold of ${s.thresholdPerProposal} supports`,
          { threshold: s.thresholdPerProposal },
        );
      case 'not-found':
        throw notFound();
      case 'not-votable':
        throw proposalException(
          ProposalError.NotVotable,
          'This proposal takes no supports (withdrawn, rejected or hidden)',
        );
    }
    res.status(kind === 'vote' && outcome.kind === 'created' ? 201 : 200);
    const minimum = countingMinimum(s);
    return {
      proposalId: p.id,
      voted: outcome.kind === 'created' || outcome.kind === 'existing',
      used: outcome.used,
      limit: s.voteLimit || null,
      remaining: s.voteLimit ? Math.max(0, s.voteLimit - outcome.used) : null,
      minimum: minimum > 1 ? minimum : null,
      counted: outcome.counted,
    };
  }

  @Post('proposals/:id/votes')
  @ApiOperation({
    summary: 'Support a proposal (201; 200 if already supported); 422 over the per-person limit',
  })
  vote(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') id: string,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    return this.submit(caller, id, 'vote', res);
  }

  @Delete('proposals/:id/votes')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw one’s support (while supports are open)' })
  async unvote(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') id: string,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    return this.submit(caller, id, 'unvote', res);
  }

  @Get('components/:componentId/votes/mine')
  @ApiOperation({ summary: 'My supports in a component and what remains of my limit' })
  async mine(
    @CurrentCaller() caller: Caller,
    @UuidParam('componentId') componentId: string,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<ProposalMyVotesView> {
    const c = await this.access.visible(caller, componentId);
    if (!caller.identity.userId)
      throw proposalException(ProposalError.SignIn, 'Sign in to see your supports');
    res.header('Cache-Control', 'private, no-store');
    const ids = await this.proposals.myVotes(
      caller.identity.organizationId,
      c.id,
      caller.identity.userId,
    );
    const s = c.settings;
    const minimum = countingMinimum(s);
    return {
      proposalIds: ids,
      used: ids.length,
      limit: s.voteLimit || null,
      remaining: s.voteLimit ? Math.max(0, s.voteLimit - ids.length) : null,
      minimum: minimum > 1 ? minimum : null,
      counted: ids.length >= minimum,
    };
  }
}
