import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentIdentity, type InternalIdentity } from '@palabre/auth';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@palabre/service-kit';
import { StatusDto } from './status.dto';

@ApiTags('status')
@Controller('status')
export class StatusController {
  constructor(@Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime) {}

  @Get()
  @ApiOperation({ summary: 'This service, as seen by the calling organization' })
  @ApiOkResponse({ type: StatusDto })
  status(@CurrentIdentity() identity: InternalIdentity): StatusDto {
    return { service: this.runtime.definition.name, organizationId: identity.organizationId };
  }
}
