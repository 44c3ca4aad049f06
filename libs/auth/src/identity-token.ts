import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';

/** Header carrying the internal identity token from the gateway to services. */
export const IDENTITY_HEADER = 'x-palabre-identity';
const ISSUER = 'palabre-gateway';
const AUDIENCE = 'palabre-services';
const ALG = 'EdDSA';

export type Role =
  'platform-operator' | 'org-admin' | 'space-admin' | 'moderator' | 'evaluator' | 'participant';

export interface Grant {
  role: Role;
  /** Optional narrowing to one participatory space. */
  spaceId?: string;
}

/** Who is calling, as the gateway established it for one request. */
export interface InternalIdentity {
  organizationId: string;
  /** A signed-in account (local, or a FranceConnect-identified author). */
  userId?: string;
  /** An anonymous FranceConnect signer: HMAC of the FranceConnect `sub`, never the `sub`. */
  signerKey?: string;
  sessionId?: string;
  /** Public name of the account (e.g. a petition author's), when it has one. */
  displayName?: string;
  /** The account's identity was proven by FranceConnect (an identified author). */
  identified?: boolean;
  grants: Grant[];
  requestId?: string;
}

/**
 * Short-lived (60 s) Ed25519-signed token: only the gateway holds the private
 * key, every service verifies with the public key, so no service can mint
 * identities and a leaked token expires almost at once.
 */
export class IdentityTokenIssuer {
  constructor(
    private readonly privateKey: KeyObject,
    private readonly ttlSeconds = 60,
  ) {}

  static fromPem(pem: string): IdentityTokenIssuer {
    return new IdentityTokenIssuer(createPrivateKey(pem));
  }

  async issue(identity: InternalIdentity): Promise<string> {
    const jwt = new SignJWT({
      org: identity.organizationId,
      grants: identity.grants,
      rid: identity.requestId,
      sid: identity.sessionId,
      sgn: identity.signerKey,
      name: identity.displayName,
      fc: identity.identified || undefined,
    })
      .setProtectedHeader({ alg: ALG })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${this.ttlSeconds}s`);
    if (identity.userId) jwt.setSubject(identity.userId);
    return jwt.sign(this.privateKey);
  }
}

export class InvalidIdentityTokenError extends Error {
  constructor(reason: string) {
    super(`Invalid internal identity token: ${reason}`);
    this.name = 'InvalidIdentityTokenError';
  }
}

export class IdentityTokenVerifier {
  constructor(private readonly publicKey: KeyObject) {}

  static fromPem(pem: string): IdentityTokenVerifier {
    return new IdentityTokenVerifier(createPublicKey(pem));
  }

  async verify(token: string): Promise<InternalIdentity> {
    try {
      const { payload } = await jwtVerify(token, this.publicKey, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: [ALG],
        clockTolerance: 5,
      });
      if (typeof payload.org !== 'string') throw new Error('missing organization');
      return {
        organizationId: payload.org,
        userId: payload.sub,
        grants: Array.isArray(payload.grants) ? (payload.grants as Grant[]) : [],
        requestId: typeof payload.rid === 'string' ? payload.rid : undefined,
        sessionId: typeof payload.sid === 'string' ? payload.sid : undefined,
        signerKey: typeof payload.sgn === 'string' ? payload.sgn : undefined,
        displayName: typeof payload.name === 'string' ? payload.name : undefined,
        identified: payload.fc === true,
      };
    } catch (error) {
      throw new InvalidIdentityTokenError(error instanceof Error ? error.message : 'unreadable');
    }
  }
}

/** A key pair for one embedded process or a test; production keys come from secrets. */
export function generateIdentityKeys() {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    issuer: new IdentityTokenIssuer(privateKey),
    verifier: new IdentityTokenVerifier(publicKey),
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/**
 * True if the identity holds `role` in its organization (or in `spaceId`).
 * A platform operator may do anything; an organization admin anything inside
 * the organization, but never what only a platform operator may do.
 */
export function hasRole(identity: InternalIdentity, role: Role, spaceId?: string): boolean {
  return identity.grants.some(
    (g) =>
      (g.role === 'platform-operator' && !g.spaceId) ||
      (g.role === role && (!g.spaceId || g.spaceId === spaceId)) ||
      (g.role === 'org-admin' && !g.spaceId && role !== 'platform-operator'),
  );
}
