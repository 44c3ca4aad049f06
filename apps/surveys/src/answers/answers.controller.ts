import { Body, Controller, Get, Headers, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { SurveyAnswerListView } from '@palabre/contracts';
import { CurrentCaller, type Caller } from '../components/component-access';
import { ResultsService } from '../results/results.service';
import { invalidField } from '../surveys.exception';
import { AnswerSurveyDto } from '../surveys/survey.dto';
import { AnswersService, VISITOR_HEADER, visitorSecret } from './answers.service';

const LOCALE = /^(fr|en)$/;

@ApiTags('surveys')
@Controller('surveys/:id')
export class AnswersController {
  constructor(
    private readonly answers: AnswersService,
    private readonly results: ResultsService,
  ) {}

  @Post('answers')
  @ApiOperation({
    summary:
      'Answer a survey, once per account (or, where the component allows it, per session: header x-palabre-visitor); 409 ALREADY_ANSWERED keeps the first answer',
  })
  async answer(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Body() body: AnswerSurveyDto,
    @Headers(VISITOR_HEADER) visitor?: string,
    @Headers('cookie') cookie?: string,
    @Headers('accept-language') language?: string,
  ): Promise<{ id: string; token: string }> {
    const locale = language?.slice(0, 2).toLowerCase() ?? '';
    const done = await this.answers.answer(
      caller,
      id,
      body.answers,
      visitorSecret(visitor, cookie),
      LOCALE.test(locale) ? locale : null,
    );
    this.results.answered(id);
    return done;
  }

  @Get('answers')
  @ApiOperation({ summary: 'The answers by token, oldest first (the survey’s administrators)' })
  @ApiQuery({ name: 'cursor', required: false })
  @ApiQuery({ name: 'limit', required: false, description: '1–200, default 50' })
  list(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Query('cursor') cursor?: string,
    @Query('limit') limit?: string,
  ): Promise<SurveyAnswerListView> {
    const n = limit === undefined ? 50 : Number(limit);
    if (!Number.isInteger(n) || n < 1 || n > 200)
      throw invalidField('limit', 'must be a whole number from 1 to 200');
    return this.answers.list(caller, id, cursor, n);
  }

  @Get('answers.csv')
  @ApiOperation({ summary: 'Every answer as CSV, streamed (the survey’s administrators)' })
  async csv(@CurrentCaller() caller: Caller, @Param('id') id: string, @Res() reply: FastifyReply) {
    await this.stream(caller, id, 'csv', reply);
  }

  @Get('answers.json')
  @ApiOperation({ summary: 'Every answer as JSON, streamed (the survey’s administrators)' })
  async json(@CurrentCaller() caller: Caller, @Param('id') id: string, @Res() reply: FastifyReply) {
    await this.stream(caller, id, 'json', reply);
  }

  /** Checks come first (a refusal is a normal problem answer), then the reply is taken over. */
  private async stream(caller: Caller, id: string, format: 'csv' | 'json', reply: FastifyReply) {
    const s = await this.answers.exportable(caller, id);
    reply.hijack();
    await this.answers.export(s, format, reply.raw);
  }
}
