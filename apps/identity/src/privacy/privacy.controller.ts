import { Controller, Delete, Get, HttpCode, Req, Res, UnauthorizedException } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest, FastifyReply } from 'fastify';
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
    @Req() req: FastifyRequest,
    @Res() res: FastifyReply,
  ) {
    const zip = await this.privacy.export(
      identity.organizationId,
      userOf(identity),
      String(req.headers[IDENTITY_HEADER]),
    );
    res
      .status(200)
      .header('Content-Type', 'application/zip')
      .header('Content-Disposition', 'attachment; filename="palabre-my-data.zip"')
      .header('Cache-Control', 'no-store')
      .send(Buffer.from(zip));
  }

  @Delete()
  @HttpCode(204)
  @ApiOperation({
    summary: 'Delete my account: personal data erased, contributions kept as "deleted participant"',
  })
  async erase(
    @CurrentIdentity() identity: InternalIdentity,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    await this.privacy.erase(identity.organizationId, userOf(identity));
    clearSessionCookie(req, res);
  }
}
