import { Body, Controller, Header, HttpCode, Post } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { CallingService, ServiceRoute, type ServiceCaller } from '@palabre/auth';
import type { ParticipantsView } from '@palabre/contracts';
import { SpaceIdsDto } from '@palabre/service-kit';
import { ParticipantsRepository } from './participants.repository';

/**
 * Who took part in spaces through proposals, asked by the newsletter service
 * as itself (ADR 0038) to build a "participants of these spaces" audience:
 * account ids only, of the token's organization only. Never routed by the
 * gateway.
 */
@ApiExcludeController()
@Controller('internal')
export class ParticipantsController {
  constructor(private readonly participants: ParticipantsRepository) {}

  @Post('participants')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ServiceRoute('newsletter')
  async list(
    @CallingService() caller: ServiceCaller,
    @Body() body: SpaceIdsDto,
  ): Promise<ParticipantsView> {
    const spaceIds = [...new Set(body.spaceIds.map((id) => id.toLowerCase()))];
    return { userIds: await this.participants.participants(caller.organizationId, spaceIds) };
  }
}
