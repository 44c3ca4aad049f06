import {
  Body,
  Controller,
  Get,
  HttpCode,
  Post,
  Query,
  UnauthorizedException,
} from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentIdentity, type InternalIdentity } from '@palabre/auth';
import { badInput } from '@palabre/service-kit';
import { NewsletterConfirmDto, NewsletterUnsubscribeDto } from './newsletter-consent.dto';
import { NewsletterConsentUseCase } from './newsletter-consent.use-case';

const userOf = (identity: InternalIdentity) => {
  if (!identity.userId) throw new UnauthorizedException('Sign in first');
  return identity.userId;
};

@ApiTags('newsletter')
@Controller()
export class NewsletterConsentController {
  constructor(private readonly consent: NewsletterConsentUseCase) {}

  @Get('me/newsletter')
  @ApiOperation({ summary: "My consent to the organization's newsletter, with its dates" })
  mine(@CurrentIdentity() identity: InternalIdentity) {
    return this.consent.current(identity.organizationId, userOf(identity));
  }

  @Post('me/newsletter')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Ask for the newsletter: pending until the mailed link is confirmed (double opt-in)',
    description: 'Already granted: nothing changes and no mail goes.',
  })
  ask(@CurrentIdentity() identity: InternalIdentity) {
    return this.consent.ask(identity.organizationId, userOf(identity));
  }

  @Post('me/newsletter/withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw my consent, at once' })
  withdraw(@CurrentIdentity() identity: InternalIdentity) {
    return this.consent.withdraw(identity.organizationId, userOf(identity));
  }

  @Post('newsletter/confirm')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Confirm the consent with the mailed token (single use, 7 days; no sign-in)',
  })
  confirm(@CurrentIdentity() identity: InternalIdentity, @Body() body: NewsletterConfirmDto) {
    return this.consent.confirm(identity.organizationId, body.token);
  }

  @Post('newsletter/unsubscribe')
  @HttpCode(200)
  @ApiOperation({
    summary: "Withdraw the consent with a newsletter's unsubscribe token (no sign-in)",
    description:
      'The token comes in the JSON body, or in the query string with the RFC 8058 one-click body `List-Unsubscribe=One-Click` (form-encoded) that mail clients POST to the List-Unsubscribe URL. 200 every time for a valid token; 400 for an altered one, and nothing changes.',
  })
  async unsubscribe(
    @CurrentIdentity() identity: InternalIdentity,
    @Body() body: NewsletterUnsubscribeDto | undefined,
    @Query('token') queryToken: string | undefined,
  ) {
    const token = body?.token ?? (typeof queryToken === 'string' ? queryToken : undefined);
    if (!token) throw badInput([{ field: 'token', message: 'the unsubscribe token is missing' }]);
    await this.consent.unsubscribe(identity.organizationId, token);
    return {
      message: 'You will no longer receive the newsletter.',
      messageFr: 'Vous ne recevrez plus la lettre d’information.',
    };
  }
}
