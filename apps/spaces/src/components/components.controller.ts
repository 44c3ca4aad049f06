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
  Put,
  Res,
} from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentIdentity, type InternalIdentity } from '@palabre/auth';
import { invalid, uuidParam } from '../spaces.exception';
import { sendRendered } from '../spaces/spaces.controller';
import {
  ComponentSettingsDto,
  CreateComponentDto,
  PermissionDto,
  PhaseSettingsDto,
  UpdateComponentDto,
} from './component.dto';
import { ComponentsService } from './components.service';

const ACTION = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;
const actionParam = (action: string) => {
  if (!ACTION.test(action) || action.length > 60)
    throw invalid([{ field: 'action', message: 'must be an action name such as vote' }]);
  return action;
};

/** Components of a space, their settings per phase and permissions per action. */
@ApiTags('components')
@Controller(':spaceId/components')
export class ComponentsController {
  constructor(private readonly service: ComponentsService) {}

  @Get()
  @ApiOperation({ summary: 'Components of a space, in order' })
  async list(
    @CurrentIdentity() identity: InternalIdentity,
    @Param('spaceId', uuidParam('spaceId')) spaceId: string,
  ) {
    return { items: await this.service.list(identity, spaceId) };
  }

  @Post()
  @ApiOperation({
    summary:
      'Add a component of a registered type (space admins); settings are checked against the type',
  })
  create(
    @CurrentIdentity() identity: InternalIdentity,
    @Param('spaceId', uuidParam('spaceId')) spaceId: string,
    @Body() body: CreateComponentDto,
  ) {
    return this.service.create(identity, spaceId, body);
  }

  @Get(':componentId')
  @ApiOperation({
    summary:
      'A component as its admins configure it: global, default and per-phase settings, permissions',
  })
  detail(
    @CurrentIdentity() identity: InternalIdentity,
    @Param('spaceId', uuidParam('spaceId')) spaceId: string,
    @Param('componentId', uuidParam('componentId')) componentId: string,
  ) {
    return this.service.detail(identity, spaceId, componentId);
  }

  @Patch(':componentId')
  @ApiOperation({ summary: 'Rename, move, or change global settings (space admins)' })
  update(
    @CurrentIdentity() identity: InternalIdentity,
    @Param('spaceId', uuidParam('spaceId')) spaceId: string,
    @Param('componentId', uuidParam('componentId')) componentId: string,
    @Body() body: UpdateComponentDto,
  ) {
    return this.service.update(identity, spaceId, componentId, body);
  }

  @Delete(':componentId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a component (space admins)' })
  async remove(
    @CurrentIdentity() identity: InternalIdentity,
    @Param('spaceId', uuidParam('spaceId')) spaceId: string,
    @Param('componentId', uuidParam('componentId')) componentId: string,
  ) {
    await this.service.remove(identity, spaceId, componentId);
  }

  @Patch(':componentId/settings')
  @ApiOperation({
    summary:
      'Change global, default and per-phase settings together (space admins): all are checked, then written in one transaction, or none',
  })
  settings(
    @CurrentIdentity() identity: InternalIdentity,
    @Param('spaceId', uuidParam('spaceId')) spaceId: string,
    @Param('componentId', uuidParam('componentId')) componentId: string,
    @Body() body: ComponentSettingsDto,
  ) {
    return this.service.setSettings(identity, spaceId, componentId, body);
  }

  @Patch(':componentId/phases/:phaseId/settings')
  @ApiOperation({
    summary:
      'Change the settings of one phase ("default": when no phase is active, as in assemblies) (space admins)',
  })
  phaseSettings(
    @CurrentIdentity() identity: InternalIdentity,
    @Param('spaceId', uuidParam('spaceId')) spaceId: string,
    @Param('componentId', uuidParam('componentId')) componentId: string,
    @Param('phaseId') phaseId: string,
    @Body() body: PhaseSettingsDto,
  ) {
    return this.service.setPhaseSettings(identity, spaceId, componentId, phaseId, body.settings);
  }

  @Put(':componentId/permissions/:action')
  @ApiOperation({
    summary:
      'Who may take an action: any participant, FranceConnect-verified, a minimum age, members only',
  })
  setPermission(
    @CurrentIdentity() identity: InternalIdentity,
    @Param('spaceId', uuidParam('spaceId')) spaceId: string,
    @Param('componentId', uuidParam('componentId')) componentId: string,
    @Param('action') action: string,
    @Body() body: PermissionDto,
  ) {
    return this.service.setPermission(identity, spaceId, componentId, actionParam(action), body);
  }

  @Delete(':componentId/permissions/:action')
  @ApiOperation({ summary: 'Back to the default permission: any signed-in participant' })
  resetPermission(
    @CurrentIdentity() identity: InternalIdentity,
    @Param('spaceId', uuidParam('spaceId')) spaceId: string,
    @Param('componentId', uuidParam('componentId')) componentId: string,
    @Param('action') action: string,
  ) {
    return this.service.setPermission(identity, spaceId, componentId, actionParam(action), null);
  }

  @Get(':componentId/effective')
  @ApiOperation({
    summary:
      'Settings in force now (global + active phase, defaults filled in) and, per action, whether the phase opens it and who may take it',
  })
  async effective(
    @CurrentIdentity() identity: InternalIdentity,
    @Param('spaceId', uuidParam('spaceId')) spaceId: string,
    @Param('componentId', uuidParam('componentId')) componentId: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() res: FastifyReply,
  ) {
    sendRendered(res, await this.service.effective(identity, spaceId, componentId), ifNoneMatch);
  }
}
