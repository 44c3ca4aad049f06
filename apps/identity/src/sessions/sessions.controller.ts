import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpException,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Req,
  Res,
  UnauthorizedException,
  NotFoundException,
  BadRequestException,
} from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest, FastifyReply } from 'fastify';
import {
  CLIENT_ADDRESS_HEADER,
  CurrentIdentity,
  Public,
  type InternalIdentity,
} from '@palabre/auth';
import type { IdentitySessionView } from '@palabre/contracts';
import { AccountsRepository } from '../accounts/accounts.repository';
import { SignInDto } from '../accounts/dtos/register.dto';
import { IdentityConfig } from '../config/identity.config';
import { FranceConnectLogoutUseCase } from '../franceconnect/franceconnect-logout.use-case';
import { clearSessionCookie, setSessionCookie } from './session-cookie';
import { SessionsRepository } from './sessions.repository';
import { SignInUseCase } from './sign-in.use-case';

/** A plain HTML form (no JavaScript) rather than an API call. */
const isFormPost = (req: FastifyRequest) =>
  /^(application\/x-www-form-urlencoded|multipart\/form-data)/.test(
    String(req.headers['content-type'] ?? ''),
  ) ||
  (!req.headers['content-type'] && String(req.headers.accept ?? '').includes('text/html'));

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The seconds a refusal asks to wait (a paused sign-in), for its Retry-After header. */
const retryAfterOf = (error: unknown): number | undefined => {
  if (!(error instanceof HttpException) || error.getStatus() !== 429) return undefined;
  const wait = (error.getResponse() as { retryAfterSeconds?: unknown }).retryAfterSeconds;
  return typeof wait === 'number' ? wait : undefined;
};

const requireUser = (identity: InternalIdentity): string => {
  if (!identity.userId) throw new UnauthorizedException('Sign in first');
  return identity.userId;
};

@ApiTags('sessions')
@Controller('sessions')
export class SessionsController {
  constructor(
    private readonly signIn: SignInUseCase,
    private readonly sessions: SessionsRepository,
    private readonly config: IdentityConfig,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Sign in with email and password (sets the session cookie)' })
  @ApiResponse({
    status: 429,
    description:
      'Sign-in paused after repeated wrong passwords for this email or from this address (Retry-After)',
  })
  async create(
    @CurrentIdentity() identity: InternalIdentity,
    @Body() body: SignInDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const address = req.headers[CLIENT_ADDRESS_HEADER];
    const { token, session } = await this.signIn
      .execute(identity.organizationId, body.email, body.password, {
        userAgent: req.headers['user-agent'],
        clientAddress: typeof address === 'string' && address ? address : undefined,
      })
      .catch((error: unknown) => {
        const wait = retryAfterOf(error);
        if (wait) res.header('Retry-After', String(wait));
        throw error;
      });
    setSessionCookie(req, res, token, this.config.sessionTtlHours);
    return { sessionId: session.id, expiresAt: session.expires_at };
  }

  @Get()
  @ApiOperation({ summary: 'My open sessions' })
  async list(@CurrentIdentity() identity: InternalIdentity): Promise<IdentitySessionView[]> {
    const rows = await this.sessions.listOf(identity.organizationId, requireUser(identity));
    return rows.map((s) => ({
      id: s.id,
      // ISO strings, as JSON gave the Dates before.
      createdAt: new Date(s.created_at).toISOString(),
      lastSeenAt: new Date(s.last_seen_at).toISOString(),
      userAgent: s.user_agent,
      current: s.id === identity.sessionId,
    }));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign one of my sessions out' })
  async revoke(
    @CurrentIdentity() identity: InternalIdentity,
    @Param('id', ParseUUIDPipe) id: string,
  ) {
    if (
      !(await this.sessions.revoke(identity.organizationId, id, { userId: requireUser(identity) }))
    ) {
      throw new NotFoundException('No such open session');
    }
  }
}

@ApiTags('sessions')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly franceConnect: FranceConnectLogoutUseCase,
  ) {}

  @Post('logout')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Sign out of this browser',
    description:
      'A session opened with FranceConnect is also ended at FranceConnect: the answer is then ' +
      "303 See Other to FranceConnect's end_session_endpoint (id_token_hint, post_logout_redirect_uri, " +
      'state), which brings the browser back through /auth/franceconnect/logout-callback.',
  })
  @ApiResponse({ status: 204, description: 'Signed out' })
  @ApiResponse({ status: 303, description: 'Signed out here; go on to FranceConnect (Location)' })
  async logout(
    @CurrentIdentity() identity: InternalIdentity,
    @Req() req: FastifyRequest,
    @Res() res: FastifyReply,
  ) {
    const endAtFranceConnect = await this.franceConnect.endSessionUrl(req, identity);
    if (identity.sessionId)
      await this.sessions.revoke(identity.organizationId, identity.sessionId, {
        sessionId: identity.sessionId,
      });
    clearSessionCookie(req, res);
    this.franceConnect.forget(req, res);
    if (!endAtFranceConnect) {
      // A browser's sign-out form goes back to the home page; an API client gets 204.
      if (isFormPost(req)) return void res.redirect('/', 303);
      return void res.status(204).send();
    }
    res.status(303).header('Location', endAtFranceConnect).send({ redirectTo: endAtFranceConnect });
  }
}

/** For the gateway only: cookie tokens → who is calling. Never routed from outside. */
@Controller('internal/sessions')
@Public()
export class SessionsInternalController {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly accounts: AccountsRepository,
    private readonly config: IdentityConfig,
  ) {}

  /**
   * Signer sessions revoked since `since` (an ISO time; none: all those not
   * yet expired), for the gateway that reads sealed signer cookies itself
   * (ADR 0027). It asks again every second from the `nextSince` it was given.
   */
  @Get('revoked-signers')
  async revokedSigners(@Query('since') since?: string) {
    let from: Date | null = null;
    if (since !== undefined) {
      from = new Date(since);
      if (typeof since !== 'string' || Number.isNaN(from.getTime()))
        throw new BadRequestException('since: an ISO 8601 time, or none');
    }
    const { nextSince, sessions } = await this.sessions.revokedSigners(from);
    return { nextSince: nextSince.toISOString(), sessions };
  }

  /**
   * Many cookie tokens at once → who each is (null when none), in order; with
   * `organizationId`, sessions of that organization only. The gateway gathers
   * the lookups of concurrent requests (ADR 0022): a surge of distinct signers
   * costs one request and two queries per batch, not per signer, and no write
   * unless an account session was last seen more than 5 minutes ago.
   */
  @Post('lookup')
  @HttpCode(200)
  async lookup(@Body() body: unknown) {
    const { tokens, organizationId } = (body ?? {}) as {
      tokens?: unknown;
      organizationId?: unknown;
    };
    if (
      !Array.isArray(tokens) ||
      tokens.length > 500 ||
      tokens.some((t) => typeof t !== 'string' || t.length === 0 || t.length > 200)
    )
      throw new BadRequestException('tokens: up to 500 session tokens');
    if (
      organizationId !== undefined &&
      (typeof organizationId !== 'string' || !UUID.test(organizationId))
    )
      throw new BadRequestException('organizationId: an organization id (UUID), or none');
    const hashes = (tokens as string[]).map((t) => this.config.keyed('session', t));
    const rows = await this.sessions.findLiveMany(hashes, organizationId);
    const byHash = new Map(rows.map((r) => [r.token_hash, r]));
    const grants = await this.accounts.grantsOfMany(
      rows
        .filter((r) => r.user_id)
        .map((r) => ({ organizationId: r.organization_id, userId: r.user_id as string })),
    );
    void this.sessions.touchStale(rows).catch(() => undefined);
    return {
      sessions: hashes.map((h) => {
        const s = byHash.get(h);
        if (!s) return null;
        return {
          sessionId: s.id,
          organizationId: s.organization_id,
          userId: s.user_id ?? undefined,
          signerKey: s.signer_key ?? undefined,
          displayName: s.display_name ?? undefined,
          identified: s.identified === true || undefined,
          age: s.age ?? undefined,
          accountCreatedAt: s.account_created_at
            ? new Date(s.account_created_at).toISOString()
            : undefined,
          grants: s.user_id ? (grants.get(`${s.organization_id} ${s.user_id}`) ?? []) : [],
        };
      }),
    };
  }
}
