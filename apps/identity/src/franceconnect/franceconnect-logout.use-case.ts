import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest, FastifyReply } from 'fastify';
import type { InternalIdentity } from '@palabre/auth';
import { IdentityConfig } from '../config/identity.config';
import { isLocal, publicOrigin } from '../sessions/session-cookie';
import { FRANCECONNECT_CLIENT, FranceConnectClient, randomToken } from './franceconnect.client';
import { FranceConnectRepository } from './franceconnect.repository';
import { IdTokenSeal } from './id-token-seal';

/** Sealed ID token of a FranceConnect session; sent only to /auth/* (sign-in and logout). */
export const FC_ID_TOKEN_COOKIE = 'palabre_fc';
const COOKIE_PATH = '/auth';

const binding = (organizationId: string, sessionId: string) =>
  `${organizationId}\u0000${sessionId}`;

const readCookie = (req: FastifyRequest, name: string): string | undefined => {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
};

/**
 * FranceConnect requires that signing out of a FranceConnect session also
 * ends it at FranceConnect: RP-initiated logout with id_token_hint,
 * post_logout_redirect_uri and state. The ID token (it carries the `sub`)
 * lives only in the browser, sealed, for the session's lifetime: the
 * database never holds it (ADR 0009).
 */
@Injectable()
export class FranceConnectLogoutUseCase {
  private readonly seal: IdTokenSeal;

  constructor(
    @Inject(FRANCECONNECT_CLIENT) private readonly client: FranceConnectClient | null,
    private readonly flows: FranceConnectRepository,
    config: IdentityConfig,
  ) {
    this.seal = new IdTokenSeal(config.secret);
  }

  /** After a FranceConnect sign-in: keep what logout will need, in the browser only. */
  remember(
    req: FastifyRequest,
    res: FastifyReply,
    s: { organizationId: string; sessionId: string; idToken: string; ttlHours: number },
  ): void {
    res.setCookie(
      FC_ID_TOKEN_COOKIE,
      this.seal.seal(s.idToken, binding(s.organizationId, s.sessionId)),
      {
        httpOnly: true,
        sameSite: 'lax',
        secure: !isLocal(req.headers.host ?? ''),
        path: COOKIE_PATH,
        maxAge: s.ttlHours * 3600, // seconds (@fastify/cookie)
      },
    );
  }

  /**
   * Where to send the browser to end the FranceConnect session too, or null
   * when this session did not come from FranceConnect (or FranceConnect is off).
   */
  async endSessionUrl(req: FastifyRequest, identity: InternalIdentity): Promise<string | null> {
    if (!this.client || !identity.sessionId) return null;
    const idToken = this.seal.open(
      readCookie(req, FC_ID_TOKEN_COOKIE),
      binding(identity.organizationId, identity.sessionId),
    );
    if (!idToken) return null;
    const state = randomToken();
    const url = await this.client.endSessionUrl({
      idToken,
      state,
      postLogoutRedirectUri:
        this.client.settings.postLogoutRedirectUri ??
        `${publicOrigin(req)}/auth/franceconnect/logout-callback`,
    });
    if (url)
      await this.flows.startLogout({
        state,
        organizationId: identity.organizationId,
        returnTo: '/',
      });
    return url;
  }

  forget(req: FastifyRequest, res: FastifyReply): void {
    if (readCookie(req, FC_ID_TOKEN_COOKIE) === undefined) return;
    res.clearCookie(FC_ID_TOKEN_COOKIE, {
      httpOnly: true,
      sameSite: 'lax',
      secure: !isLocal(req.headers.host ?? ''),
      path: COOKIE_PATH,
    });
  }

  /** The browser is back from FranceConnect: where to go, or null for an unknown or spent state. */
  async returned(organizationId: string, state: unknown): Promise<string | null> {
    if (typeof state !== 'string' || state.length > 100) return null;
    return (await this.flows.consumeLogout(organizationId, state))?.return_to ?? null;
  }
}
