import { Body, Controller, Get, HttpCode, Patch, Post, Query, Res } from '@nestjs/common';
import { UuidParam, cacheByCaller } from '../params';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentCaller, type Caller } from '../components/component-access';
import { invalid } from '../proposals.exception';
import { CreateProposalDto, UpdateProposalDto } from './proposal.dto';
import { RANDOM_SPAN, type SortOrder } from './proposals.repository';
import { ProposalsService } from './proposals.service';
import type { Reply } from '@palabre/service-kit';

const SORTS: SortOrder[] = ['random', 'most-voted', 'most-commented', 'newest', 'relevance'];
const STATE = /^[a-z][a-z0-9_-]{0,39}$/;

@ApiTags('proposals')
@Controller()
export class ProposalsController {
  constructor(private readonly service: ProposalsService) {}

  @Get('components/:componentId')
  @ApiOperation({
    summary: 'A proposals component: limits, what its phase opens, my proposals and supports',
  })
  component(
    @CurrentCaller() caller: Caller,
    @UuidParam('componentId') componentId: string,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    cacheByCaller(res, caller.identity);
    return this.service.component(caller, componentId);
  }

  @Get('components/:componentId/proposals')
  @ApiOperation({ summary: 'List a component’s proposals (filters, search, sorts, keyset pages)' })
  @ApiQuery({
    name: 'state',
    required: false,
    description: 'Comma-separated: evaluation states, not_answered, withdrawn',
  })
  @ApiQuery({ name: 'area', required: false })
  @ApiQuery({
    name: 'filter',
    required: false,
    enum: ['mine', 'voted'],
    description: 'Comma-separated',
  })
  @ApiQuery({ name: 'q', required: false, description: 'Full-text search, French and English' })
  @ApiQuery({
    name: 'sort',
    required: false,
    enum: SORTS,
    description: 'Default: random (newest with q); relevance needs q',
  })
  @ApiQuery({
    name: 'seed',
    required: false,
    description: 'Random order seed (0–2147483646), echoed back',
  })
  @ApiQuery({ name: 'cursor', required: false })
  @ApiQuery({ name: 'limit', required: false, description: '1–100, default 20' })
  async list(
    @CurrentCaller() caller: Caller,
    @UuidParam('componentId') componentId: string,
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) res: Reply,
  ) {
    const known = ['state', 'area', 'filter', 'q', 'sort', 'seed', 'cursor', 'limit'];
    for (const k of Object.keys(query))
      if (!known.includes(k)) throw invalid(k, `unknown parameter; use ${known.join(', ')}`);
    for (const [k, v] of Object.entries(query))
      if (typeof v !== 'string') throw invalid(k, 'give it once, as text');
    const qs = query as Record<string, string | undefined>;
    const states = qs.state ? qs.state.split(',').map((s) => s.trim()) : [];
    const bad = states.find((s) => !STATE.test(s));
    if (bad !== undefined) throw invalid('state', `"${bad}" is not a state name`);
    const filters = qs.filter ? qs.filter.split(',').map((s) => s.trim()) : [];
    const badFilter = filters.find((f) => f !== 'mine' && f !== 'voted');
    if (badFilter !== undefined) throw invalid('filter', 'use mine, voted or both');
    if (qs.sort !== undefined && !SORTS.includes(qs.sort as SortOrder))
      throw invalid('sort', `use one of ${SORTS.join(', ')}`);
    const seed = qs.seed === undefined ? undefined : Number(qs.seed);
    if (seed !== undefined && (!Number.isInteger(seed) || seed < 0 || seed >= RANDOM_SPAN))
      throw invalid('seed', 'must be an integer from 0 to 2147483646');
    const limit = qs.limit === undefined ? 20 : Number(qs.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100)
      throw invalid('limit', 'must be an integer from 1 to 100');
    const q = qs.q?.trim();
    if (q !== undefined && q.length > 200) throw invalid('q', 'at most 200 characters');
    if (qs.area !== undefined && (qs.area.length === 0 || qs.area.length > 100))
      throw invalid('area', 'from 1 to 100 characters');
    const result = await this.service.list(caller, componentId, {
      states,
      area: qs.area,
      mine: filters.includes('mine'),
      voted: filters.includes('voted'),
      q: q || undefined,
      sort: qs.sort as SortOrder | undefined,
      seed,
      cursor: qs.cursor,
      limit,
    });
    const { personal, ...body } = result;
    cacheByCaller(res, caller.identity, personal);
    return body;
  }

  @Post('components/:componentId/proposals')
  @ApiOperation({
    summary: 'Submit a proposal (participants), or enter an official/paper/workshop one (admins)',
  })
  create(
    @CurrentCaller() caller: Caller,
    @UuidParam('componentId') componentId: string,
    @Body() body: CreateProposalDto,
  ) {
    return this.service.create(caller, componentId, body);
  }

  @Get('proposals/:id')
  @ApiOperation({ summary: 'One proposal' })
  async detail(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') id: string,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    cacheByCaller(res, caller.identity);
    return this.service.detail(caller, id);
  }

  @Patch('proposals/:id')
  @ApiOperation({ summary: 'Edit one’s proposal within the component’s edit window' })
  update(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') id: string,
    @Body() body: UpdateProposalDto,
  ) {
    return this.service.update(caller, id, body);
  }

  @Post('proposals/:id/withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw one’s proposal' })
  withdraw(@CurrentCaller() caller: Caller, @UuidParam('id') id: string) {
    return this.service.withdraw(caller, id);
  }
}
