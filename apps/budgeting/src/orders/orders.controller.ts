import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { badField, BudgetingError, budgetingException, UUID } from '../budgeting.exception';
import { CurrentCaller, type Caller } from '../components/component-access';
import { PRIVATE_CACHE } from '../public-reads';
import { CheckoutDto } from './order.dto';
import { OrdersService } from './orders.service';
import { GroupCommitOverloadedError, type Reply } from '@palabre/service-kit';

const projectParam = (id: string) => {
  if (!UUID.test(id)) throw badField('projectId', 'must be a project id');
  return id;
};

/** A voter's own cart and vote: always private. */
@ApiTags('votes')
@Controller()
export class OrdersController {
  constructor(private readonly orders: OrdersService) {}

  @Get('budgets/:id/order')
  @ApiOperation({
    summary: 'My cart or vote in a budget: projects, running total, what the rule still needs',
  })
  async get(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    res.header('Cache-Control', PRIVATE_CACHE);
    return this.orders.cart(caller, id);
  }

  @Put('budgets/:id/order/projects/:projectId')
  @ApiOperation({
    summary:
      'Add a project to my cart (refused when it can never fit: over the envelope or the maximum)',
  })
  async add(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Param('projectId') projectId: string,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    res.header('Cache-Control', PRIVATE_CACHE);
    return this.orders.add(caller, id, projectParam(projectId));
  }

  @Delete('budgets/:id/order/projects/:projectId')
  @ApiOperation({ summary: 'Take a project out of my cart' })
  async remove(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Param('projectId') projectId: string,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    res.header('Cache-Control', PRIVATE_CACHE);
    return this.orders.remove(caller, id, projectParam(projectId));
  }

  @Post('budgets/:id/order/checkout')
  @ApiOperation({
    summary: 'Vote: check out my cart (or the projects given), atomically and finally',
    description:
      '201 with the vote. 422 when the selection breaks the rule or the envelope (the numbers and what is wrong are in the answer), 409 when voting is closed (with the reason and the phase), when I already voted, or when the workflow across budgets does not allow this budget.',
  })
  async checkout(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Body() body: CheckoutDto,
    @Res({ passthrough: true }) res: Reply,
  ) {
    res.header('Cache-Control', PRIVATE_CACHE);
    try {
      return await this.orders.checkout(caller, id, body);
    } catch (e) {
      if (!(e instanceof GroupCommitOverloadedError)) throw e;
      res.header('Retry-After', String(e.retryAfterSeconds));
      throw budgetingException(
        BudgetingError.Overloaded,
        'Too many votes at once; confirm your vote again in a second',
      );
    }
  }

  @Delete('budgets/:id/order')
  @HttpCode(204)
  @ApiOperation({
    summary:
      'Cancel my vote (while voting is open, where the component allows it), or empty my cart',
  })
  async cancel(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    await this.orders.cancel(caller, id);
  }

  @Get('components/:componentId/orders/mine')
  @ApiOperation({
    summary: 'My votes across the budgets of a component, and where I may still vote',
  })
  async mine(
    @CurrentCaller() caller: Caller,
    @Param('componentId') componentId: string,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    res.header('Cache-Control', PRIVATE_CACHE);
    return this.orders.mine(caller, componentId);
  }
}
