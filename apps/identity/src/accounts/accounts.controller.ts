import {
  Body,
  Controller,
  ForbiddenException,
  Get,
  HttpCode,
  Post,
  UnauthorizedException,
} from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentIdentity, type InternalIdentity } from '@palabre/auth';
import type { IdentityMeView } from '@palabre/contracts';
import { AccountError, accountException } from './accounts.exception';
import { AccountsRepository } from './accounts.repository';
import { CaptchaService } from './captcha.service';
import {
  AccountLookupDto,
  AccountNamesDto,
  PasswordResetDto,
  PasswordResetRequestDto,
  RegisterDto,
  TokenDto,
} from './dtos/register.dto';
import { EmailTokensUseCase } from './email-tokens.use-case';
import { RegisterAccountUseCase } from './register-account.use-case';

const MAILED_LINKS =
  "The mailed link leads to the organization's primary host (https), whatever host the request named.";

const CHECK_INBOX = {
  message: 'If this address can receive it, a message is on its way; follow its link.',
  messageFr: 'Si cette adresse peut le recevoir, un message est en route : suivez son lien.',
};

@ApiTags('accounts')
@Controller()
export class AccountsController {
  constructor(
    private readonly register: RegisterAccountUseCase,
    private readonly tokens: EmailTokensUseCase,
    private readonly captcha: CaptchaService,
    private readonly accounts: AccountsRepository,
  ) {}

  @Get('captcha')
  @ApiOperation({ summary: 'A text question to answer when registering (one attempt)' })
  newCaptcha(@CurrentIdentity() identity: InternalIdentity) {
    return this.captcha.create(identity.organizationId);
  }

  @Post('registrations')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Open a local account; a confirmation link is mailed',
    description: MAILED_LINKS,
  })
  async registerAccount(@CurrentIdentity() identity: InternalIdentity, @Body() body: RegisterDto) {
    await this.register.execute(identity.organizationId, body);
    return CHECK_INBOX;
  }

  @Post('registrations/confirm')
  @HttpCode(204)
  @ApiOperation({ summary: 'Confirm the email address with the mailed token' })
  async confirm(@CurrentIdentity() identity: InternalIdentity, @Body() body: TokenDto) {
    await this.tokens.confirmEmail(identity.organizationId, body.token);
  }

  @Post('password-resets')
  @HttpCode(202)
  @ApiOperation({ summary: 'Mail a password reset link', description: MAILED_LINKS })
  async requestReset(
    @CurrentIdentity() identity: InternalIdentity,
    @Body() body: PasswordResetRequestDto,
  ) {
    await this.tokens.requestReset(identity.organizationId, body.email);
    return CHECK_INBOX;
  }

  @Post('password-resets/complete')
  @HttpCode(204)
  @ApiOperation({ summary: 'Set a new password with the mailed token (signs every session out)' })
  async completeReset(
    @CurrentIdentity() identity: InternalIdentity,
    @Body() body: PasswordResetDto,
  ) {
    await this.tokens.completeReset(identity.organizationId, body.token, body.password);
  }

  @Post('accounts/lookup')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Which account of this organization has this email (administrators of the organization or of a space: to add a member by address)',
    description:
      'POST so that the address stays out of URLs and access logs. Answers the account id and display name only; 404 when no active account has it.',
  })
  async lookup(@CurrentIdentity() identity: InternalIdentity, @Body() body: AccountLookupDto) {
    requireAdministrator(identity);
    const user = await this.accounts.findByEmail(
      identity.organizationId,
      body.email.trim().toLowerCase(),
    );
    if (!user || user.status !== 'active')
      throw accountException(
        AccountError.UserNotFound,
        'No active account of this organization has this email',
      );
    return { userId: user.id, displayName: user.display_name };
  }

  @Post('accounts/names')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Display names of accounts of this organization, by id (administrators of the organization or of a space: to show who the members of a space are)',
    description:
      'Up to 200 ids at once; ids of no account of this organization are left out of the answer. No email or other detail.',
  })
  async names(@CurrentIdentity() identity: InternalIdentity, @Body() body: AccountNamesDto) {
    requireAdministrator(identity);
    const rows = await this.accounts.namesOf(identity.organizationId, [...new Set(body.ids)]);
    return { items: rows.map((r) => ({ userId: r.id, displayName: r.display_name })) };
  }

  @Get('me')
  @ApiOperation({
    summary: 'Who am I: account, or anonymous FranceConnect signer',
    description:
      'A signer is told only whether their FranceConnect sign-in says they are an adult (for pages to say at once what they may not do, such as sign a petition).',
  })
  async me(@CurrentIdentity() identity: InternalIdentity): Promise<IdentityMeView> {
    if (identity.signerKey && !identity.userId)
      return { kind: 'signer', adult: (identity.age ?? 0) >= 18 };
    if (!identity.userId) throw new UnauthorizedException('Not signed in');
    const user = await this.accounts.findById(identity.organizationId, identity.userId);
    if (!user || user.status !== 'active') throw new UnauthorizedException('Not signed in');
    return {
      kind: 'account',
      id: user.id,
      email: user.email,
      displayName: user.display_name,
      emailConfirmed: user.email_confirmed_at !== null,
      grants: identity.grants,
    };
  }
}

/** Administrators of the organization or of a space (and operators) only. */
function requireAdministrator(identity: InternalIdentity): void {
  const admin = identity.grants.some(
    (g) => g.role === 'org-admin' || g.role === 'space-admin' || g.role === 'platform-operator',
  );
  if (!admin)
    throw new ForbiddenException({
      message: 'Only administrators of the organization or of a space may look accounts up',
      code: 'NOT_ALLOWED',
    });
}
