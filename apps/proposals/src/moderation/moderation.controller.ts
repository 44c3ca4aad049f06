import { Body, Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE } from '@palabre/service-kit';
import { CurrentCaller, UUID, type Caller } from '../components/component-access';
import { UuidParam } from '../params';
import { invalid } from '../proposals.exception';
import { ModerationActionDto, ReportDto } from './moderation.dto';
import { ModerationService } from './moderation.service';

@ApiTags('moderation')
@Controller()
export class ModerationController {
  constructor(
    private readonly moderation: ModerationService,
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
  ) {}

  @Post('proposals/:id/reports')
  @ApiOperation({
    summary: 'Report a proposal; at the component’s threshold it is hidden pending review',
  })
  reportProposal(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') id: string,
    @Body() body: ReportDto,
  ) {
    return this.moderation.report(caller, 'proposal', id, body);
  }

  @Post('comments/:id/reports')
  @ApiOperation({
    summary: 'Report a comment; at the component’s threshold it is hidden pending review',
  })
  reportComment(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') id: string,
    @Body() body: ReportDto,
  ) {
    return this.moderation.report(caller, 'comment', id, body);
  }

  @Get('components/:componentId/moderation')
  @ApiOperation({
    summary: 'Reported and hidden content of a component, with the reports (moderators)',
  })
  queue(@CurrentCaller() caller: Caller, @UuidParam('componentId') componentId: string) {
    return this.moderation.queue(caller, componentId);
  }

  @Get('moderation/log')
  @ApiOperation({ summary: 'The moderation log: who did what, when and why (moderators)' })
  log(@CurrentCaller() caller: Caller, @Query('componentId') componentId?: string) {
    if (componentId !== undefined && !UUID.test(componentId))
      throw invalid('componentId', 'must be a UUID');
    return this.moderation.history(caller, componentId);
  }

  @Post('moderation/proposals/:id/hide')
  @HttpCode(200)
  hideProposal(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') id: string,
    @Body() body: ModerationActionDto,
  ) {
    return this.moderation.hide(caller, 'proposal', id, body.reason, true);
  }

  @Post('moderation/proposals/:id/restore')
  @HttpCode(200)
  restoreProposal(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') id: string,
    @Body() body: ModerationActionDto,
  ) {
    return this.moderation.hide(caller, 'proposal', id, body.reason, false);
  }

  @Post('moderation/proposals/:id/dismiss')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Dismiss the open reports of a proposal: it stays shown and leaves the queue; the reporters cannot report it again (moderators)',
  })
  dismissProposal(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') id: string,
    @Body() body: ModerationActionDto,
  ) {
    return this.moderation.dismiss(caller, 'proposal', id, body.reason);
  }

  @Post('moderation/comments/:id/dismiss')
  @HttpCode(200)
  @ApiOperation({ summary: 'Dismiss the open reports of a comment (moderators)' })
  dismissComment(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') id: string,
    @Body() body: ModerationActionDto,
  ) {
    return this.moderation.dismiss(caller, 'comment', id, body.reason);
  }

  @Post('moderation/comments/:id/hide')
  @HttpCode(200)
  hideComment(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') id: string,
    @Body() body: ModerationActionDto,
  ) {
    return this.moderation.hide(caller, 'comment', id, body.reason, true);
  }

  @Post('moderation/comments/:id/restore')
  @HttpCode(200)
  restoreComment(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') id: string,
    @Body() body: ModerationActionDto,
  ) {
    return this.moderation.hide(caller, 'comment', id, body.reason, false);
  }

  @Post('moderation/users/:userId/block')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Block an author in proposals: their content is hidden and they may not post. The account itself is blocked at POST /api/identity/users/{id}/block (its event does the same here).',
  })
  block(
    @CurrentCaller() caller: Caller,
    @UuidParam('userId') userId: string,
    @Body() body: ModerationActionDto,
  ) {
    this.moderation.requireOrgModerator(caller);
    return this.ds.transaction((m) =>
      this.moderation.block(
        m,
        caller.identity.organizationId,
        userId,
        'moderator',
        caller.identity.userId ?? null,
        body.reason,
      ),
    );
  }

  @Post('moderation/users/:userId/unblock')
  @HttpCode(200)
  unblock(
    @CurrentCaller() caller: Caller,
    @UuidParam('userId') userId: string,
    @Body() body: ModerationActionDto,
  ) {
    this.moderation.requireOrgModerator(caller);
    return this.ds.transaction((m) =>
      this.moderation.unblock(
        m,
        caller.identity.organizationId,
        userId,
        caller.identity.userId ?? null,
        body.reason,
      ),
    );
  }
}
