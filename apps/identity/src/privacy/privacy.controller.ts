import { Controller, Delete, Get, HttpCode, Req, Res, UnauthorizedException } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentIdentity, IDENTITY_HEADER, type InternalIdentity } from '@palabre/auth';
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
  @ApiOperation({
    summary:
      'Download my data: a zip of one JSON file per service (identity, proposals, budgeting, petitions) and a README of the fields',
  })
  @ApiProduces('application/zip')
  async export(
    @CurrentIdentity() identity: InternalIdentity,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const zip = await this.privacy.export(
      identity.organizationId,
      userOf(identity),
      String(req.headers[IDENTITY_HEADER]),
    );
    res
      .status(200)
      .setHeader('Content-Type', 'application/zip')
      .setHeader('Content-Disposition', 'attachment; filename="palabre-my-data.zip"')
      .setHeader('Cache-Control', 'no-store')
      .end(zip);
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
