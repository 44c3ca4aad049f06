import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentIdentity, type InternalIdentity } from '@palabre/auth';
import { uuidParam } from '../spaces.exception';
import { phaseView } from '../spaces/space.view';
import { PhaseCalendar } from './phase-calendar';
import { SpacesRepository } from '../spaces/spaces.repository';
import { SpacesService } from '../spaces/spaces.service';
import { CreatePhaseDto, ReorderPhasesDto, UpdatePhaseDto } from './phase.dto';

/** Phases of a participatory process: created, edited, reordered and activated by its admins. */
@ApiTags('phases')
@Controller(':spaceId/phases')
export class PhasesController {
  constructor(
    private readonly service: SpacesService,
    private readonly spaces: SpacesRepository,
    private readonly calendar: PhaseCalendar,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Phases of a process, in order, with the active one marked' })
  async list(
    @CurrentIdentity() identity: InternalIdentity,
    @Param('spaceId', uuidParam('spaceId')) spaceId: string,
  ) {
    const s = await this.service.visible(identity, spaceId);
    return {
      items: (await this.spaces.phases(s.organization_id, s.id)).map((p) =>
        phaseView(p, this.calendar.today()),
      ),
    };
  }

  @Post()
  @ApiOperation({ summary: 'Add a phase at the end (space admins); processes only' })
  async create(
    @CurrentIdentity() identity: InternalIdentity,
    @Param('spaceId', uuidParam('spaceId')) spaceId: string,
    @Body() body: CreatePhaseDto,
  ) {
    return phaseView(await this.service.addPhase(identity, spaceId, body), this.calendar.today());
  }

  @Put('order')
  @ApiOperation({ summary: 'Reorder the phases: every phase id, in the new order (space admins)' })
  async reorder(
    @CurrentIdentity() identity: InternalIdentity,
    @Param('spaceId', uuidParam('spaceId')) spaceId: string,
    @Body() body: ReorderPhasesDto,
  ) {
    return {
      items: (await this.service.reorderPhases(identity, spaceId, body.phaseIds)).map((p) =>
        phaseView(p, this.calendar.today()),
      ),
    };
  }

  @Patch(':phaseId')
  @ApiOperation({ summary: 'Edit a phase (space admins)' })
  async update(
    @CurrentIdentity() identity: InternalIdentity,
    @Param('spaceId', uuidParam('spaceId')) spaceId: string,
    @Param('phaseId', uuidParam('phaseId')) phaseId: string,
    @Body() body: UpdatePhaseDto,
  ) {
    return phaseView(
      await this.service.editPhase(identity, spaceId, phaseId, body),
      this.calendar.today(),
    );
  }

  @Delete(':phaseId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a phase that is not active (space admins)' })
  async remove(
    @CurrentIdentity() identity: InternalIdentity,
    @Param('spaceId', uuidParam('spaceId')) spaceId: string,
    @Param('phaseId', uuidParam('phaseId')) phaseId: string,
  ) {
    await this.service.removePhase(identity, spaceId, phaseId);
  }

  @Post(':phaseId/activate')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Make this the active phase (space admins): the effective settings of every component switch at once',
  })
  async activate(
    @CurrentIdentity() identity: InternalIdentity,
    @Param('spaceId', uuidParam('spaceId')) spaceId: string,
    @Param('phaseId', uuidParam('phaseId')) phaseId: string,
  ) {
    const r = await this.service.activate(identity, spaceId, phaseId);
    return {
      ...phaseView(r.phase, this.calendar.today()),
      previousPhaseId: r.previousPhaseId,
      changed: r.changed,
    };
  }
}
