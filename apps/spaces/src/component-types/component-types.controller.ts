import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentIdentity, type InternalIdentity } from '@palabre/auth';
import type { SpaceComponentTypeView } from '@palabre/contracts';
import { ComponentTypesRepository } from './component-types.repository';

/** The component types services registered (spaces.component-type.registered.v1). */
@ApiTags('components')
@Controller('component-types')
export class ComponentTypesController {
  constructor(private readonly types: ComponentTypesRepository) {}

  @Get()
  @ApiOperation({
    summary:
      'Component types available in this organization: settings (global, per phase) and actions',
  })
  async list(
    @CurrentIdentity() identity: InternalIdentity,
  ): Promise<{ items: SpaceComponentTypeView[] }> {
    return { items: await this.types.list(identity.organizationId) };
  }
}
