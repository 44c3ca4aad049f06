import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, type Caller } from '../components/component-access';
import { UuidParam } from '../params';
import { AnswerDto, CreateStateDto, SendToBudgetDto } from './evaluation.dto';
import { EvaluationService } from './evaluation.service';

@ApiTags('evaluation')
@Controller()
export class EvaluationController {
  constructor(private readonly evaluation: EvaluationService) {}

  @Get('components/:componentId/states')
  @ApiOperation({ summary: 'Evaluation states of a component (built-in and the admins’ own)' })
  states(@CurrentCaller() caller: Caller, @UuidParam('componentId') componentId: string) {
    return this.evaluation.states(caller, componentId);
  }

  @Post('components/:componentId/states')
  @ApiOperation({ summary: 'Add an evaluation state (admins)' })
  addState(
    @CurrentCaller() caller: Caller,
    @UuidParam('componentId') componentId: string,
    @Body() body: CreateStateDto,
  ) {
    return this.evaluation.addState(caller, componentId, body);
  }

  @Delete('components/:componentId/states/:key')
  @HttpCode(204)
  async removeState(
    @CurrentCaller() caller: Caller,
    @UuidParam('componentId') componentId: string,
    @Param('key') key: string,
  ) {
    await this.evaluation.removeState(caller, componentId, key);
  }

  @Get('components/:componentId/evaluations/mine')
  @ApiOperation({ summary: 'Proposals assigned to me for evaluation' })
  mine(@CurrentCaller() caller: Caller, @UuidParam('componentId') componentId: string) {
    return this.evaluation.mine(caller, componentId);
  }

  @Get('proposals/:id/evaluators')
  evaluators(@CurrentCaller() caller: Caller, @UuidParam('id') id: string) {
    return this.evaluation.evaluators(caller, id);
  }

  @Put('proposals/:id/evaluators/:userId')
  @ApiOperation({
    summary: 'Assign an evaluator (a person with the space’s evaluator role) to a proposal',
  })
  assign(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') id: string,
    @UuidParam('userId') userId: string,
  ) {
    return this.evaluation.assign(caller, id, userId, true);
  }

  @Delete('proposals/:id/evaluators/:userId')
  unassign(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') id: string,
    @UuidParam('userId') userId: string,
  ) {
    return this.evaluation.assign(caller, id, userId, false);
  }

  @Post('proposals/:id/answer')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Answer a proposal: state, public answer, estimated cost (admins, assigned evaluators)',
  })
  answer(@CurrentCaller() caller: Caller, @UuidParam('id') id: string, @Body() body: AnswerDto) {
    return this.evaluation.answer(caller, id, body);
  }

  @Post('proposals/:id/send-to-budget')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Send an accepted proposal with a cost to a budget (proposals.proposal.accepted-for-budget.v1)',
  })
  sendToBudget(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') id: string,
    @Body() body: SendToBudgetDto,
  ) {
    return this.evaluation.sendToBudget(caller, id, body);
  }
}
