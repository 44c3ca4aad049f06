import { Module } from '@nestjs/common';
import { personalDataParts } from '@palabre/service-kit';
import { AnswersController } from './answers/answers.controller';
import { AnswersService } from './answers/answers.service';
import { ComponentAccess } from './components/component-access';
import { DemoContent } from './maintenance/demo-content';
import { ResultsService } from './results/results.service';
import { PrivacyRepository } from './privacy/privacy.repository';
import { StatusModule } from './status/status.module';
import { SurveysController } from './surveys/surveys.controller';
import { SurveysService } from './surveys/surveys.service';

/** The person's rights here: their answers found by their account's tokens, and unlinked on erasure. */
const privacy = personalDataParts('surveys', PrivacyRepository);

@Module({
  imports: [StatusModule],
  controllers: [SurveysController, AnswersController, ...privacy.controllers],
  providers: [
    ComponentAccess,
    SurveysService,
    AnswersService,
    ResultsService,
    DemoContent,
    ...privacy.providers,
  ],
})
export class SurveysModule {}
