import { Module } from '@nestjs/common';
import { personalDataParts } from '@palabre/service-kit';
import { AccountabilityController } from './accountability/accountability.controller';
import { AccountabilityService } from './accountability/accountability.service';
import { BudgetsController } from './budgets/budgets.controller';
import { BudgetsRepository } from './budgets/budgets.repository';
import { BudgetsService } from './budgets/budgets.service';
import { ComponentAccess } from './components/component-access';
import { ComponentEvents } from './components/component-events';
import { OpenDataController } from './open-data/open-data.controller';
import { OrdersController } from './orders/orders.controller';
import { CheckoutWriter } from './orders/checkout-writer';
import { OrdersService } from './orders/orders.service';
import { ParticipantsController } from './participants/participants.controller';
import { ParticipantsRepository } from './participants/participants.repository';
import { PrivacyRepository } from './privacy/privacy.repository';
import { ProjectsController } from './projects/projects.controller';
import { ProjectsRepository } from './projects/projects.repository';
import { ProjectsService } from './projects/projects.service';
import { PublicReads } from './public-reads';
import { ResultsController } from './results/results.controller';
import { ResultsService } from './results/results.service';

/** The person's rights here: erasure of their name, their part of "download my data". */
const privacy = personalDataParts('budgeting', PrivacyRepository);

@Module({
  controllers: [
    OpenDataController,
    BudgetsController,
    ProjectsController,
    OrdersController,
    ResultsController,
    AccountabilityController,
    ParticipantsController,
    ...privacy.controllers,
  ],
  providers: [
    PublicReads,
    ComponentAccess,
    ComponentEvents,
    BudgetsRepository,
    BudgetsService,
    ProjectsRepository,
    ProjectsService,
    OrdersService,
    CheckoutWriter,
    ResultsService,
    AccountabilityService,
    ParticipantsRepository,
    ...privacy.providers,
  ],
})
export class BudgetingModule {}
