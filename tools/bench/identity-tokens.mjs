// The gateway's identity tokens (ADR 0030) for benches that start services
// themselves: a fresh INTERNAL_TOKEN_SECRET, each service's derived key, and
// tokens minted by the code the gateway runs (dist/, built before this is called).
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { root } from './common.mjs';

const require = createRequire(import.meta.url);

/** `ttlSeconds`: how long minted tokens live (a bench may hold one for its whole run). */
export function identityTokens(ttlSeconds = 60) {
  const { IdentityTokenIssuer, deriveServiceKey } = require(
    join(root, 'dist/libs/auth/src/identity-token.js'),
  );
  const secret = randomBytes(32).toString('base64url');
  const issuer = new IdentityTokenIssuer(secret, ttlSeconds);
  return {
    /** The gateway's INTERNAL_TOKEN_SECRET. */
    secret,
    /** `service`'s INTERNAL_TOKEN_KEY. */
    keyOf: (service) => deriveServiceKey(secret, service),
    /** The token the gateway would send `audience` for `identity` ({ organizationId, grants, ... }). */
    mint: (identity, audience) => issuer.issue({ grants: [], ...identity }, audience),
  };
}
