import { Body, Controller, Get, Header, HttpCode, Param, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { DrawListView, DrawView } from '@palabre/contracts';
import { CurrentCaller, type Caller } from '../components/component-access';
import {
  CancelDrawDto,
  DrawNowDto,
  PreparePanelDrawDto,
  PrepareProposalsDrawDto,
} from './draw.dto';
import { DrawsService } from './draws.service';

@ApiTags('sortitions')
@Controller()
export class DrawsController {
  constructor(private readonly draws: DrawsService) {}

  private async view(caller: Caller, id: string): Promise<DrawView> {
    const { d, c } = await this.draws.visible(caller, id);
    return this.draws.view(d, c, caller);
  }

  @Get('components/:componentId/draws')
  @ApiOperation({ summary: "A sortitions component's draws, newest first" })
  list(
    @CurrentCaller() caller: Caller,
    @Param('componentId') componentId: string,
  ): Promise<DrawListView> {
    return this.draws.list(caller, componentId);
  }

  @Post('components/:componentId/draws/proposals')
  @ApiOperation({
    summary:
      'Prepare a draw among the proposals of a component of the space (space administrators): the candidates are fixed and their commitment published',
  })
  async prepareProposals(
    @CurrentCaller() caller: Caller,
    @Param('componentId') componentId: string,
    @Body() body: PrepareProposalsDrawDto,
  ): Promise<DrawView> {
    return this.view(caller, await this.draws.prepareProposals(caller, componentId, body));
  }

  @Post('components/:componentId/draws/panel')
  @ApiOperation({
    summary:
      "Prepare a citizens' panel's draw from a pool of volunteers (CSV) and quotas (space administrators): 400 with the line of a bad pool, 422 QUOTAS_INFEASIBLE naming the category",
  })
  async preparePanel(
    @CurrentCaller() caller: Caller,
    @Param('componentId') componentId: string,
    @Body() body: PreparePanelDrawDto,
  ): Promise<DrawView> {
    return this.view(caller, await this.draws.preparePanel(caller, componentId, body));
  }

  @Get('draws/:id')
  @ApiOperation({ summary: 'One draw: its commitment, inputs in short, numbers and result' })
  get(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<DrawView> {
    return this.view(caller, id);
  }

  @Get('draws/:id/draw.json')
  @Header('Content-Disposition', 'inline; filename="draw.json"')
  @ApiOperation({
    summary:
      'What re-runs the draw (tools/sortition/redraw.mjs): algorithm, inputs, commitment, and once drawn the public numbers and result',
  })
  published(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return this.draws.published(caller, id);
  }

  @Get('draws/:id/pool.csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Cache-Control', 'private, no-store')
  @ApiOperation({
    summary:
      "A panel's pool of volunteers as CSV, as it was read (the space's administrators, while it is kept)",
  })
  async pool(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<string> {
    const csv = await this.draws.poolCsv(caller, id);
    res.header('Content-Disposition', `attachment; filename="pool-${id}.csv"`);
    return csv;
  }

  @Post('draws/:id/draw')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Draw, once, from the public numbers revealed (space administrators); 409 WRONG_STATE when drawn or cancelled',
  })
  async draw(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Body() body: DrawNowDto,
  ): Promise<DrawView> {
    await this.draws.draw(caller, id, body);
    return this.view(caller, id);
  }

  @Post('draws/:id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel a draw with a reason; it is never drawn again' })
  async cancel(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Body() body: CancelDrawDto,
  ): Promise<DrawView> {
    await this.draws.cancel(caller, id, body);
    return this.view(caller, id);
  }
}
