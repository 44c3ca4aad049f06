import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  Patch,
  Post,
  Res,
} from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentCaller, type Caller } from '../components/component-access';
import { PublicReads } from '../public-reads';
import { CreateBudgetDto, UpdateBudgetDto } from './budget.dto';
import { BudgetsService } from './budgets.service';

@ApiTags('budgets')
@Controller()
export class BudgetsController {
  constructor(
    private readonly service: BudgetsService,
    private readonly reads: PublicReads,
  ) {}

  @Get('components/:componentId/budgets')
  @ApiOperation({
    summary: "A budgets component's settings in force and its budgets (public, ETag)",
  })
  async list(
    @CurrentCaller() caller: Caller,
    @Param('componentId') componentId: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() res: FastifyReply,
  ) {
    const c = await this.service.component(caller, componentId);
    const r = await this.reads.render(c.organizationId, `budgets ${c.id}`, () =>
      this.service.list(c),
    );
    this.reads.send(res, r, ifNoneMatch, true);
  }

  @Post('components/:componentId/budgets')
  @ApiOperation({ summary: 'Create a budget: envelope, district, vote rule (space admin)' })
  create(
    @CurrentCaller() caller: Caller,
    @Param('componentId') componentId: string,
    @Body() body: CreateBudgetDto,
  ) {
    return this.service.create(caller, componentId, body);
  }

  @Get('budgets/:id')
  @ApiOperation({
    summary:
      'One budget with its rule explained and whether votes were cast (envelope and rule frozen) (public, ETag)',
  })
  async get(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() res: FastifyReply,
  ) {
    const { b, c } = await this.service.visible(caller, id);
    const r = await this.reads.render(caller.identity.organizationId, `budget ${id}`, () =>
      this.service.view(b, c),
    );
    this.reads.send(res, r, ifNoneMatch, true);
  }

  @Patch('budgets/:id')
  @ApiOperation({
    summary: 'Edit a budget (space admin); envelope and rule are frozen once votes were cast',
  })
  update(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: UpdateBudgetDto) {
    return this.service.update(caller, id, body);
  }

  @Delete('budgets/:id')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Delete a budget without votes (space admin); its projects go back to review',
  })
  async remove(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    await this.service.remove(caller, id);
  }
}
