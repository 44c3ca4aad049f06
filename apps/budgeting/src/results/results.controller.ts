import { Body, Controller, Get, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentCaller, type Caller } from '../components/component-access';
import { PRIVATE_CACHE, PublicReads } from '../public-reads';
import { ConfirmResultsDto, PaperBallotsDto, VoidPaperBallotsDto } from './results.dto';
import { ResultsService } from './results.service';

@ApiTags('results')
@Controller('budgets/:id')
export class ResultsController {
  constructor(
    private readonly results: ResultsService,
    private readonly reads: PublicReads,
  ) {}

  @Get('results')
  @ApiOperation({
    summary: 'Votes per project (online + paper) and the winning list by the rule',
    description:
      'Public (ETag, shared cache) once the phase shows results or an admin confirmed them; space admins see them at any time. Computed from per-project counters: milliseconds whatever the number of votes.',
  })
  async get(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() res: FastifyReply,
  ) {
    const r = await this.results.results(caller, id);
    if (r.rendered) return this.reads.send(res, r.rendered, ifNoneMatch, true);
    res.header('Cache-Control', PRIVATE_CACHE);
    res.status(200).send(r.body);
  }

  @Post('results/confirm')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Confirm the funded projects (space admin): the computed list, or the one given; opens their implementation tracking',
  })
  confirm(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Body() body: ConfirmResultsDto,
  ) {
    return this.results.confirm(caller, id, body.projectIds);
  }

  @Post('paper-ballots')
  @ApiOperation({
    summary: "Enter a polling station's paper ballots (space admin; audited, counted apart)",
  })
  addPaper(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Body() body: PaperBallotsDto,
  ) {
    return this.results.addPaper(caller, id, body);
  }

  @Post('paper-ballots/:entryId/void')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Void a paper-ballot entry found wrong (space admin; it stays in the audit trail with who, when and why, and stops counting); correct by entering the station again',
  })
  voidPaper(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Param('entryId') entryId: string,
    @Body() body: VoidPaperBallotsDto,
  ) {
    return this.results.voidPaper(caller, id, entryId, body.reason);
  }

  @Get('paper-ballots')
  @ApiOperation({
    summary: 'The audit log of paper ballots: station, counts, who entered them, when',
  })
  paperLog(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return this.results.paperLog(caller, id);
  }

  @Post('recount')
  @HttpCode(200)
  @ApiOperation({
    summary: "Rebuild a budget's vote counters from its orders (space admin; repair)",
  })
  recount(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return this.results.recount(caller, id);
  }
}
