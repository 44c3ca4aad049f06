import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { CurrentIdentity, Roles, hasRole, type InternalIdentity } from '@palabre/auth';
import { BlockAccountUseCase } from './block-account.use-case';

export class BlockDto {
  @ApiProperty({ required: false, description: 'Why, for the moderation log' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

@ApiTags('moderation')
@Controller('users')
export class BlockingController {
  constructor(private readonly useCase: BlockAccountUseCase) {}

  @Post(':id/block')
  @HttpCode(204)
  @Roles('moderator')
  @ApiOperation({ summary: 'Block an account: its sessions end, it cannot sign in' })
  async block(
    @CurrentIdentity() identity: InternalIdentity,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: BlockDto,
  ) {
    await this.useCase.block({
      organizationId: identity.organizationId,
      userId: id,
      source: 'moderator',
      actorId: identity.userId,
      actorIsOperator: hasRole(identity, 'platform-operator'),
      reason: body.reason,
    });
  }

  @Post(':id/unblock')
  @HttpCode(204)
  @Roles('moderator')
  @ApiOperation({ summary: 'Restore a blocked account' })
  async unblock(
    @CurrentIdentity() identity: InternalIdentity,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: BlockDto,
  ) {
    await this.useCase.unblock({
      organizationId: identity.organizationId,
      userId: id,
      actorId: identity.userId,
      reason: body.reason,
    });
  }
}
