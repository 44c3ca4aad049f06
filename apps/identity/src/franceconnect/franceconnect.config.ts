import { z } from 'zod';
import { loadEnv } from '@palabre/config';

export const franceConnectEnvSchema = z.object({
  /** e.g. https://fcp.integ01.dev-franceconnect.fr/api/v2 (or the embedded local provider). */
  FC_ISSUER: z.string().url('must be the provider issuer URL').optional(),
  FC_CLIENT_ID: z.string().min(1).optional(),
  FC_CLIENT_SECRET: z.string().min(1).optional(),
  /** The one algorithm accepted for ID tokens and userinfo (pinned, never `none`). */
  FC_ALG: z.enum(['ES256', 'RS256']).default('ES256'),
  FC_ACR: z.string().default('eidas1'),
  /** Fixed callback URL; default: the organization's own host + /auth/franceconnect/callback. */
  FC_REDIRECT_URI: z.string().url().optional(),
  /** Fixed post-logout URL; default: the organization's own host + /auth/franceconnect/logout-callback. */
  FC_POST_LOGOUT_REDIRECT_URI: z.string().url().optional(),
});

export interface FranceConnectSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  alg: 'ES256' | 'RS256';
  acr: string;
  redirectUri?: string;
  postLogoutRedirectUri?: string;
}

/** Null when FranceConnect is not configured: its routes then answer 404 with a clear message. */
export function loadFranceConnectSettings(env: NodeJS.ProcessEnv): FranceConnectSettings | null {
  const e = loadEnv('identity', franceConnectEnvSchema, env);
  if (!e.FC_ISSUER || !e.FC_CLIENT_ID || !e.FC_CLIENT_SECRET) return null;
  return {
    issuer: e.FC_ISSUER.replace(/\/$/, ''),
    clientId: e.FC_CLIENT_ID,
    clientSecret: e.FC_CLIENT_SECRET,
    alg: e.FC_ALG,
    acr: e.FC_ACR,
    redirectUri: e.FC_REDIRECT_URI,
    postLogoutRedirectUri: e.FC_POST_LOGOUT_REDIRECT_URI,
  };
}
