import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsEmail, IsString, Length, MaxLength } from 'class-validator';
import { CurrentIdentity, type InternalIdentity } from '@palabre/auth';
import { Topics, type BlockContestedJson } from '@palabre/contracts';
import { publish } from '@palabre/messaging';
import { AccountsRepository } from '../accounts/accounts.repository';

export class BlockContestDto {
  @ApiProperty({ description: "The blocked account's address", example: 'alice@example.org' })
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ description: 'Why the block is a mistake, 10 to 2,000 characters' })
  @IsString()
  @Length(10, 2000)
  message!: string;
}

/**
 * A person whose account the anti-spam blocked contests it (ADR 0041): the
 * sign-in page tells them the account is blocked as likely spam and leads
 * here. The message reaches the administrators (`identity.block.contested.v1`,
 * shown beside the block on the anti-spam page), who unblock or not. The
 * answer is the same whatever the address (registered or not, blocked or
 * not): nobody learns here who has an account. One message a day per account.
 */
@ApiTags('moderation')
@Controller('block-contests')
export class BlockContestsController {
  constructor(private readonly accounts: AccountsRepository) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Contest an anti-spam block (the answer is the same for any address)',
  })
  async contest(
    @CurrentIdentity() identity: InternalIdentity,
    @Body() body: BlockContestDto,
  ): Promise<{ received: true }> {
    const org = identity.organizationId;
    const user = await this.accounts.findByEmail(org, body.email.trim().toLowerCase());
    if (
      user?.status === 'blocked' &&
      (await this.accounts.lastBlockSource(org, user.id)) === 'antispam'
    )
      await this.accounts.transaction(async (m) => {
        const [recent] = await m.query(
          `SELECT 1 FROM identity.block_contests
            WHERE organization_id = $1 AND user_id = $2 AND created_at > now() - interval '1 day'`,
          [org, user.id],
        );
        if (recent) return;
        const [row] = await m.query(
          `INSERT INTO identity.block_contests (organization_id, user_id, message)
           VALUES ($1, $2, $3) RETURNING created_at`,
          [org, user.id, body.message.trim()],
        );
        const payload: BlockContestedJson = {
          userId: user.id,
          organizationId: org,
          message: body.message.trim(),
          contestedAt: new Date(row.created_at).toISOString(),
        };
        await publish(m, 'identity', {
          topic: Topics.IdentityBlockContestedV1,
          key: user.id,
          tenantId: org,
          schema: 'palabre.identity.v1.BlockContested',
          payload,
        });
      });
    return { received: true };
  }
}
