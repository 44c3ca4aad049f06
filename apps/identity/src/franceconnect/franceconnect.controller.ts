import { BadRequestException, Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest, FastifyReply } from 'fastify';
import { CurrentIdentity, type InternalIdentity } from '@palabre/auth';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@palabre/service-kit';
import { AccountsRepository } from '../accounts/accounts.repository';
import { IdentityConfig } from '../config/identity.config';
import { publicOrigin, setSessionCookie } from '../sessions/session-cookie';
import { SignInUseCase } from '../sessions/sign-in.use-case';
import {
  FRANCECONNECT_CLIENT,
  FranceConnectClient,
  FranceConnectError,
  ageOn,
  randomToken,
} from './franceconnect.client';
import { FranceConnectLogoutUseCase } from './franceconnect-logout.use-case';
import { bindFlow, takeFlow } from './flow-binding';
import { franceConnectPages } from './franceconnect.pages';
import { FranceConnectRepository } from './franceconnect.repository';

export { FRANCECONNECT_CLIENT } from './franceconnect.client';

/** A path on this site: one leading slash, no scheme, no `//`, no backslash, no control characters. */
export function safeReturnTo(value: unknown): string | null {
  if (value === undefined || value === '') return '/';
  if (typeof value !== 'string' || value.length > 500) return null;
  // No control characters (\s covers tabs and newlines; the rest are refused here).
  if ([...value].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) return null;
  if (!/^\/(?![/\\])[^\\\s]*$/.test(value)) return null;
  return value;
}

const SCOPES = {
  signer: 'openid birthdate',
  author: 'openid given_name family_name email',
} as const;
const SIGNER_SESSION_HOURS = 2;

/**
 * A sign-in that opened no session, for a reason the person can act on: the
 * site's page (`/sign-in/refused`) says it in the site's layout and the
 * visitor's language, with what to do next and the way back.
 */
type Refusal = 'cancelled' | 'no-birthdate' | 'missing-identity' | 'blocked' | 'failed';
function sendToRefusalPage(
  res: FastifyReply,
  reason: Refusal,
  flow: { mode: string; return_to: string },
): void {
  const query = new URLSearchParams({ reason, mode: flow.mode, returnTo: flow.return_to });
  res.redirect(`/sign-in/refused?${query}`, 303);
}

/**
 * FranceConnect sign-in, two uses. Signer: anonymous, age checked in memory,
 * only HMAC(secret, sub) kept. Author: identified (name, email), because
 * petition authors are public.
 */
@ApiTags('franceconnect')
@Controller('auth/franceconnect')
export class FranceConnectController {
  constructor(
    @Inject(FRANCECONNECT_CLIENT) private readonly client: FranceConnectClient | null,
    private readonly flows: FranceConnectRepository,
    private readonly accounts: AccountsRepository,
    private readonly signIn: SignInUseCase,
    private readonly config: IdentityConfig,
    private readonly logout: FranceConnectLogoutUseCase,
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
  ) {}

  /** A refused return from FranceConnect, for the security log: kinds only, no personal data. */
  private refused(reason: string, req: FastifyRequest, flow?: { mode: string }) {
    this.runtime.logger.security('signin.refused', {
      method: 'franceconnect',
      reason,
      mode: flow?.mode,
      requestId: req.headers['x-request-id'],
    });
  }

  @Get('login')
  @ApiOperation({ summary: 'Start a FranceConnect sign-in (redirects to the provider)' })
  @ApiQuery({ name: 'mode', enum: ['signer', 'author'] })
  @ApiQuery({ name: 'returnTo', required: false, description: 'Path on this site to come back to' })
  async login(
    @CurrentIdentity() identity: InternalIdentity,
    @Query('mode') mode: string,
    @Query('returnTo') returnTo: string | undefined,
    @Query('login_hint') loginHint: string | undefined,
    @Req() req: FastifyRequest,
    @Res() res: FastifyReply,
  ) {
    if (!this.client)
      return void res
        .status(404)
        .type('text/html; charset=utf-8')
        .send(franceConnectPages.unavailable());
    if (mode !== 'signer' && mode !== 'author')
      throw new BadRequestException('mode must be "signer" or "author"');
    const target = safeReturnTo(returnTo);
    if (!target)
      throw new BadRequestException('returnTo must be a path on this site, such as /petitions/42');
    const policy = await this.accounts.policy(identity.organizationId);
    if (!policy?.identity_providers.includes('franceconnect')) {
      return void res
        .status(403)
        .type('text/html; charset=utf-8')
        .send(franceConnectPages.unavailable());
    }
    const state = randomToken();
    const nonce = randomToken();
    const codeVerifier = randomToken();
    const redirectUri =
      this.client.settings.redirectUri ?? `${publicOrigin(req)}/auth/franceconnect/callback`;
    await this.flows.startFlow({
      state,
      organization_id: identity.organizationId,
      nonce,
      code_verifier: codeVerifier,
      mode,
      return_to: target,
      redirect_uri: redirectUri,
    });
    bindFlow(req, res, state);
    const url = await this.client.authorizeUrl({
      state,
      nonce,
      codeVerifier,
      scope: SCOPES[mode],
      redirectUri,
      loginHint:
        typeof loginHint === 'string' && /^[\w-]{1,64}$/.test(loginHint) ? loginHint : undefined,
    });
    res.redirect(url, 302);
  }

  @Get('callback')
  @ApiOperation({
    summary: 'FranceConnect comes back here; sets the session cookie and returns to the page',
  })
  async callback(
    @CurrentIdentity() identity: InternalIdentity,
    @Query('code') code: string | undefined,
    @Query('state') state: string | undefined,
    @Query('error') error: string | undefined,
    @Req() req: FastifyRequest,
    @Res() res: FastifyReply,
  ) {
    if (!this.client)
      return void res
        .status(404)
        .type('text/html; charset=utf-8')
        .send(franceConnectPages.unavailable());
    const flow =
      typeof state === 'string' && state.length <= 100
        ? await this.flows.consumeFlow(identity.organizationId, state)
        : null;
    if (!flow) {
      this.refused('unknown-or-spent-state', req);
      return void res
        .status(400)
        .type('text/html; charset=utf-8')
        .send(franceConnectPages.expired());
    }
    // Checked after the flow is taken out: a callback URL opened in another browser
    // also spends it, so it cannot be tried again anywhere.
    if (!takeFlow(req, res, flow.state)) {
      this.refused('state-not-bound-to-browser', req, flow);
      return void res
        .status(400)
        .type('text/html; charset=utf-8')
        .send(franceConnectPages.otherBrowser());
    }
    if (error || typeof code !== 'string') {
      if (!error) this.refused('missing-code', req, flow);
      // access_denied: the person chose "cancel" at FranceConnect.
      return sendToRefusalPage(res, error === 'access_denied' ? 'cancelled' : 'failed', flow);
    }

    let claims, idToken: string;
    try {
      ({ claims, idToken } = await this.client.complete({
        code,
        codeVerifier: flow.code_verifier,
        redirectUri: flow.redirect_uri,
        nonce: flow.nonce,
      }));
    } catch (e) {
      if (!(e instanceof FranceConnectError)) throw e;
      // A forged or replayed code, or an ID token that does not verify.
      this.refused('provider-answer-rejected', req, flow);
      return sendToRefusalPage(res, 'failed', flow);
    }
    const sub = claims.sub as string;

    if (flow.mode === 'signer') {
      // The birthdate is looked at here, in memory, and goes nowhere else. Identity refuses
      // no age: the age rule belongs to what one takes part in (a budget's vote from 16,
      // petitions from 18), which checks the session's age itself (ADR 7).
      const age = ageOn(claims.birthdate);
      if (age === null || age < 0) return sendToRefusalPage(res, 'no-birthdate', flow);
      const { token, session } = await this.signIn.open(identity.organizationId, {
        kind: 'signer',
        signerKey: this.config.signerKey(identity.organizationId, sub),
        ttlHours: SIGNER_SESSION_HOURS,
        // Not the birthdate: the age at sign-in, and only up to "adult".
        age: Math.min(age, 18),
      });
      setSessionCookie(req, res, token, SIGNER_SESSION_HOURS);
      this.logout.remember(req, res, {
        organizationId: identity.organizationId,
        sessionId: session.id,
        idToken,
        ttlHours: SIGNER_SESSION_HOURS,
      });
      return void res.redirect(flow.return_to, 302);
    }

    const given = typeof claims.given_name === 'string' ? claims.given_name.trim() : '';
    const family = typeof claims.family_name === 'string' ? claims.family_name.trim() : '';
    const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : '';
    if (!given || !family || !email) return sendToRefusalPage(res, 'missing-identity', flow);
    // A different key from the signer's: an author's link can never be joined to anonymous signatures.
    const user = await this.flows.authorFor(
      identity.organizationId,
      this.config.keyed('fc-author', sub),
      {
        email,
        displayName: `${given} ${family}`,
      },
    );
    if (user.status !== 'active') return sendToRefusalPage(res, 'blocked', flow);
    const { token, session } = await this.signIn.open(identity.organizationId, {
      kind: 'account',
      userId: user.id,
      userAgent: req.headers['user-agent'],
    });
    setSessionCookie(req, res, token, this.config.sessionTtlHours);
    this.logout.remember(req, res, {
      organizationId: identity.organizationId,
      sessionId: session.id,
      idToken,
      ttlHours: this.config.sessionTtlHours,
    });
    res.redirect(flow.return_to, 302);
  }

  @Get('logout-callback')
  @ApiOperation({
    summary: 'FranceConnect comes back here after POST /auth/logout ended its session too',
  })
  async afterLogout(
    @CurrentIdentity() identity: InternalIdentity,
    @Query('state') state: string | undefined,
    @Res() res: FastifyReply,
  ) {
    if (!this.client)
      return void res
        .status(404)
        .type('text/html; charset=utf-8')
        .send(franceConnectPages.unavailable());
    const returnTo = await this.logout.returned(identity.organizationId, state);
    if (!returnTo)
      return void res
        .status(400)
        .type('text/html; charset=utf-8')
        .send(franceConnectPages.logoutUnverified());
    res.redirect(returnTo, 302);
  }
}
