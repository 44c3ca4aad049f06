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
} from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { SurveyListView, SurveyResultsView, SurveyView } from '@palabre/contracts';
import { AnswersService, VISITOR_HEADER, visitorSecret } from '../answers/answers.service';
import { CurrentCaller, type Caller } from '../components/component-access';
import { ResultsService } from '../results/results.service';
import { CreateSurveyDto, UpdateSurveyDto } from './survey.dto';
import { SurveysService, type SurveyRow } from './surveys.service';

@ApiTags('surveys')
@Controller()
export class SurveysController {
  constructor(
    private readonly surveys: SurveysService,
    private readonly answers: AnswersService,
    private readonly results: ResultsService,
  ) {}

  private async view(caller: Caller, s: SurveyRow): Promise<SurveyView> {
    const { c } = await this.surveys.visible(caller, s.id);
    return this.surveys.view(s, c, await this.answers.standing(caller, s, c, undefined));
  }

  @Get('components/:componentId/surveys')
  @ApiOperation({
    summary: "A surveys component's surveys: published ones, and drafts to its administrators",
  })
  list(
    @CurrentCaller() caller: Caller,
    @Param('componentId') componentId: string,
  ): Promise<SurveyListView> {
    return this.surveys.list(caller, componentId);
  }

  @Post('components/:componentId/surveys')
  @ApiOperation({ summary: 'Create a survey as a draft (space administrators)' })
  async create(
    @CurrentCaller() caller: Caller,
    @Param('componentId') componentId: string,
    @Body() body: CreateSurveyDto,
  ): Promise<SurveyView> {
    return this.view(caller, await this.surveys.create(caller, componentId, body));
  }

  @Get('surveys/:id')
  @ApiOperation({
    summary:
      'One survey: its questions, dates, and the caller’s standing (answered, may answer, or why not)',
  })
  async get(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Headers(VISITOR_HEADER) visitor?: string,
    @Headers('cookie') cookie?: string,
  ): Promise<SurveyView> {
    const { s, c } = await this.surveys.visible(caller, id);
    return this.surveys.view(
      s,
      c,
      await this.answers.standing(caller, s, c, visitorSecret(visitor, cookie)),
    );
  }

  @Patch('surveys/:id')
  @ApiOperation({
    summary: 'Edit a survey (its administrators); the questions only while nobody answered',
  })
  async update(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Body() body: UpdateSurveyDto,
  ): Promise<SurveyView> {
    return this.view(caller, await this.surveys.update(caller, id, body));
  }

  @Post('surveys/:id/publish')
  @HttpCode(200)
  @ApiOperation({ summary: 'Publish a survey: listed, and open within its dates' })
  async publish(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<SurveyView> {
    return this.view(caller, await this.surveys.setState(caller, id, 'published'));
  }

  @Post('surveys/:id/unpublish')
  @HttpCode(200)
  @ApiOperation({ summary: 'Back to draft (only while nobody answered)' })
  async unpublish(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<SurveyView> {
    return this.view(caller, await this.surveys.setState(caller, id, 'draft'));
  }

  @Delete('surveys/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a draft nobody answered' })
  async remove(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<void> {
    await this.surveys.remove(caller, id);
  }

  @Get('surveys/:id/results')
  @ApiOperation({
    summary:
      'Results: counts and shares per choice, free texts, rankings, matrices, majority judgment (administrators; everyone once published)',
  })
  resultsOf(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<SurveyResultsView> {
    return this.results.results(caller, id);
  }

  @Post('surveys/:id/results/publish')
  @HttpCode(200)
  @ApiOperation({ summary: 'Publish the results to everyone who sees the survey' })
  async publishResults(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
  ): Promise<SurveyView> {
    return this.view(caller, await this.surveys.setResultsPublished(caller, id, true));
  }

  @Post('surveys/:id/results/unpublish')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw the published results' })
  async unpublishResults(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
  ): Promise<SurveyView> {
    return this.view(caller, await this.surveys.setResultsPublished(caller, id, false));
  }
}
