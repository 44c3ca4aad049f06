import { Controller, Delete, Get, HttpCode, Req, Res, UnauthorizedException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentIdentity, type InternalIdentity } from '@palabre/auth';
import { clearSessionCookie } from '../sessions/session-cookie';
import { PrivacyUseCase } from './privacy.use-case';

const userOf = (identity: InternalIdentity) => {
  if (!identity.userId) throw new UnauthorizedException('Sign in first');
  return identity.userId;
};

@ApiTags('privacy')
@Controller('me')
export class PrivacyController {
  constructor(private readonly privacy: PrivacyUseCase) {}

  @Get('export')
  @ApiOperation({ summary: 'Download my data (JSON archive)' })
  async export(
    @CurrentIdentity() identity: InternalIdentity,
    @Res({ passthrough: true }) res: Response,
  ) {
    const data = await this.privacy.export(identity.organizationId, userOf(identity));
    res.setHeader('Content-Disposition', 'attachment; filename="palabre-my-data.json"');
    res.setHeader('Cache-Control', 'no-store');
    return data;
  }

  @Delete()
  @HttpCode(204)
  @ApiOperation({
    summary: 'Delete my account: personal data erased, contributions kept as "deleted participant"',
  })
  async erase(
    @CurrentIdentity() identity: InternalIdentity,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    await this.privacy.erase(identity.organizationId, userOf(identity));
    clearSessionCookie(req, res);
  }
}
