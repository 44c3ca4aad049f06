import { DrawCandidatesController } from './sortition/draw-candidates.controller';
import { Module } from '@nestjs/common';
import { personalDataParts } from '@palabre/service-kit';
import { CommentsController } from './comments/comments.controller';
import { CommentsService } from './comments/comments.service';
import { ComponentAccess } from './components/component-access';
import { ComponentEventsConsumer } from './components/component-events.consumer';
import { EvaluationController } from './evaluation/evaluation.controller';
import { EvaluationService } from './evaluation/evaluation.service';
import { DemoContentConsumer } from './maintenance/demo-content';
import { MeetingLinksConsumer } from './meetings/meeting-links.consumer';
import { MeetingLinksRepository } from './meetings/meeting-links.repository';
import { AccountBlocksConsumer } from './moderation/account-blocks.consumer';
import { SpamReportsConsumer } from './moderation/spam-reports.consumer';
import { ModerationController } from './moderation/moderation.controller';
import { ModerationService } from './moderation/moderation.service';
import { ProposalNotifications } from './notifications/proposal-notifications';
import { OpenDataController } from './open-data/open-data.controller';
import { ParticipantsController } from './participants/participants.controller';
import { ParticipantsRepository } from './participants/participants.repository';
import { PrivacyRepository } from './privacy/privacy.repository';
import { ProposalsController } from './proposals/proposals.controller';
import { ProposalsRepository } from './proposals/proposals.repository';
import { ProposalsService } from './proposals/proposals.service';
import { StaffSummaryController } from './staff/staff-summary.controller';
import { StaffSummaryService } from './staff/staff-summary.service';
import { VoteWriter } from './votes/vote-writer';
import { VotesController } from './votes/votes.controller';

/** The person's rights here: erasure of their name, their part of "download my data". */
const privacy = personalDataParts('proposals', PrivacyRepository);

@Module({
  controllers: [
    OpenDataController,
    ProposalsController,
    VotesController,
    CommentsController,
    EvaluationController,
    ModerationController,
    StaffSummaryController,
    ParticipantsController,
    DrawCandidatesController,
    ...privacy.controllers,
  ],
  providers: [
    ComponentAccess,
    ComponentEventsConsumer,
    ProposalNotifications,
    ProposalsRepository,
    ProposalsService,
    VoteWriter,
    CommentsService,
    EvaluationService,
    ModerationService,
    StaffSummaryService,
    AccountBlocksConsumer,
    SpamReportsConsumer,
    MeetingLinksRepository,
    MeetingLinksConsumer,
    DemoContentConsumer,
    ParticipantsRepository,
    ...privacy.providers,
  ],
})
export class ProposalsModule {}
