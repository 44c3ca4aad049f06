import { Controller, Get, Header, UnauthorizedException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { CurrentIdentity, type InternalIdentity } from '@palabre/auth';
import { PrivacyRepository } from './privacy.repository';

/**
 * For identity's "download my data" (never routed by the gateway): what the
 * person behind the forwarded identity token did here, in that organization.
 */
@ApiExcludeController()
@Controller('internal/proposals')
export class PersonalDataController {
  constructor(private readonly privacy: PrivacyRepository) {}

  @Get('personal-data')
  @Header('Cache-Control', 'no-store')
  personalData(@CurrentIdentity() identity: InternalIdentity) {
    if (!identity.userId) throw new UnauthorizedException('Only an account has personal data here');
    return this.privacy.personalData(identity.organizationId, identity.userId);
  }
}
