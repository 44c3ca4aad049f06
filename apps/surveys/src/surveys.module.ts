import { Module } from '@nestjs/common';
import { AnswersController } from './answers/answers.controller';
import { AnswersService } from './answers/answers.service';
import { ComponentAccess } from './components/component-access';
import { DemoContent } from './maintenance/demo-content';
import { ResultsService } from './results/results.service';
import { StatusModule } from './status/status.module';
import { SurveysController } from './surveys/surveys.controller';
import { SurveysService } from './surveys/surveys.service';

@Module({
  imports: [StatusModule],
  controllers: [SurveysController, AnswersController],
  providers: [ComponentAccess, SurveysService, AnswersService, ResultsService, DemoContent],
})
export class SurveysModule {}
