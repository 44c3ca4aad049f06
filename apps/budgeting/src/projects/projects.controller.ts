import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentCaller, type Caller } from '../components/component-access';
import { PRIVATE_CACHE, PublicReads } from '../public-reads';
import {
  CreateProjectDto,
  PublishProjectDto,
  UpdateProjectDto,
  WithdrawProjectDto,
} from './project.dto';
import { ProjectsService } from './projects.service';

@ApiTags('projects')
@Controller()
export class ProjectsController {
  constructor(
    private readonly service: ProjectsService,
    private readonly reads: PublicReads,
  ) {}

  @Get('budgets/:id/projects')
  @ApiOperation({
    summary: "A budget's projects (withdrawn ones marked), with votes when they are public",
    description:
      'Served with an ETag and Cache-Control: public, max-age=2, stale-while-revalidate=30. Vote counts appear while voting if the component shows them, or once results are shown or confirmed.',
  })
  async list(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() res: FastifyReply,
  ) {
    this.reads.send(res, await this.service.list(caller, id), ifNoneMatch, true);
  }

  @Post('budgets/:id/projects')
  @ApiOperation({ summary: 'Add a project to a budget (space admin)' })
  create(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: CreateProjectDto) {
    return this.service.create(caller, id, body);
  }

  @Get('components/:componentId/projects/to-review')
  @ApiOperation({
    summary: 'Projects arrived from accepted proposals, waiting for review (space admin)',
  })
  toReview(@CurrentCaller() caller: Caller, @Param('componentId') componentId: string) {
    return this.service.toReview(caller, componentId);
  }

  @Get('projects/:id')
  @ApiOperation({ summary: 'One project' })
  async get(@CurrentCaller() caller: Caller, @Param('id') id: string, @Res() res: FastifyReply) {
    const r = await this.service.get(caller, id);
    res.header(
      'Cache-Control',
      r.public ? 'public, max-age=2, stale-while-revalidate=30' : PRIVATE_CACHE,
    );
    res.status(200).send(r.view);
  }

  @Patch('projects/:id')
  @ApiOperation({
    summary: 'Edit a project (space admin); amounts are frozen once votes were cast',
  })
  update(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: UpdateProjectDto) {
    return this.service.update(caller, id, body);
  }

  @Post('projects/:id/publish')
  @HttpCode(200)
  @ApiOperation({ summary: 'Put a project to review into a budget of its component (space admin)' })
  publish(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Body() body: PublishProjectDto,
  ) {
    return this.service.publishInto(caller, id, body.budgetId);
  }

  @Post('projects/:id/withdraw')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Withdraw a project (space admin), even during voting',
    description:
      'Soft withdrawal: votes already checked out keep it (results mark it withdrawn and never select it); open carts drop it and their voters are told.',
  })
  withdraw(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Body() body: WithdrawProjectDto,
  ) {
    return this.service.withdraw(caller, id, body.reason.trim());
  }
}
