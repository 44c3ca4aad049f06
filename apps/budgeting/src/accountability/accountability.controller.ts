import { Body, Controller, Get, Headers, Param, Patch, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentCaller, type Caller } from '../components/component-access';
import { PublicReads } from '../public-reads';
import { ResultUpdateDto, UpdateResultDto } from './accountability.dto';
import { AccountabilityService } from './accountability.service';

@ApiTags('implementation')
@Controller()
export class AccountabilityController {
  constructor(
    private readonly service: AccountabilityService,
    private readonly reads: PublicReads,
  ) {}

  @Get('components/:componentId/progress')
  @ApiOperation({
    summary: "Public progress of a component's funded projects: status, progress, summary (ETag)",
  })
  async progress(
    @CurrentCaller() caller: Caller,
    @Param('componentId') componentId: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() res: FastifyReply,
  ) {
    this.reads.send(res, await this.service.progress(caller, componentId), ifNoneMatch, true);
  }

  @Get('results/:id')
  @ApiOperation({ summary: 'One funded project being built, with its timeline (ETag)' })
  async get(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() res: FastifyReply,
  ) {
    this.reads.send(res, await this.service.get(caller, id), ifNoneMatch, true);
  }

  @Patch('results/:id')
  @ApiOperation({
    summary: 'Status, progress and linked proposals/meetings of a result (space admin)',
  })
  update(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: UpdateResultDto) {
    return this.service.update(caller, id, body);
  }

  @Post('results/:id/updates')
  @ApiOperation({ summary: 'Add a dated update with photos to the public timeline (space admin)' })
  addUpdate(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Body() body: ResultUpdateDto,
  ) {
    return this.service.addUpdate(caller, id, body);
  }
}
