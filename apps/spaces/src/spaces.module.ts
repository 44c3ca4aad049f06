import { Module } from '@nestjs/common';
import { AuthorizationController } from './authorization/authorization.controller';
import { ComponentTypesConsumer } from './component-types/component-types.consumer';
import { ComponentTypesController } from './component-types/component-types.controller';
import { ComponentTypesRepository } from './component-types/component-types.repository';
import { ComponentsController } from './components/components.controller';
import { ComponentsRepository } from './components/components.repository';
import { ComponentsService } from './components/components.service';
import { DemoContentConsumer } from './maintenance/demo-content';
import { PhaseSchedulerService } from './maintenance/phase-scheduler.service';
import { PhaseCalendar } from './phases/phase-calendar';
import { PhasesController } from './phases/phases.controller';
import { ReadCache } from './spaces/read-cache';
import { SpaceSettingsController, SpacesController } from './spaces/spaces.controller';
import { SpaceMembersController } from './spaces/space-members.controller';
import { SpacesRepository } from './spaces/spaces.repository';
import { SpacesService } from './spaces/spaces.service';

@Module({
  // Fixed paths (internal, component-types, settings) before the `:idOrSlug` routes.
  controllers: [
    AuthorizationController,
    SpaceMembersController,
    ComponentTypesController,
    SpaceSettingsController,
    PhasesController,
    ComponentsController,
    SpacesController,
  ],
  providers: [
    PhaseCalendar,
    ReadCache,
    SpacesRepository,
    SpacesService,
    ComponentTypesRepository,
    ComponentTypesConsumer,
    ComponentsRepository,
    ComponentsService,
    PhaseSchedulerService,
    DemoContentConsumer,
  ],
})
export class SpacesModule {}
