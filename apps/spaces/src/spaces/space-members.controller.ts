import { Body, Controller, Header, HttpCode, Post } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { CallingService, ServiceRoute, type ServiceCaller } from '@palabre/auth';
import type { ParticipantsView } from '@palabre/contracts';
import { SpaceIdsDto } from '@palabre/service-kit';
import { SpacesRepository } from './spaces.repository';

/**
 * The members of spaces (private ones have them: spaces.members), asked by
 * the newsletter service as itself (ADR 0038) to write to the members of a
 * private space: account ids only, of the token's organization only. Never
 * routed by the gateway.
 */
@ApiExcludeController()
@Controller('internal')
export class SpaceMembersController {
  constructor(private readonly spaces: SpacesRepository) {}

  @Post('space-members')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ServiceRoute('newsletter')
  async members(
    @CallingService() caller: ServiceCaller,
    @Body() body: SpaceIdsDto,
  ): Promise<ParticipantsView> {
    const spaceIds = [...new Set(body.spaceIds.map((id) => id.toLowerCase()))];
    return { userIds: await this.spaces.membersOf(caller.organizationId, spaceIds) };
  }
}
