/**
 * Access control of the identity service, route by route:
 *
 * 1. Role matrix: every route of the service's own OpenAPI document (but the
 *    gateway-only /internal/*, health, metrics and the FranceConnect browser
 *    redirects) against six callers, with real accounts in the database. A new
 *    route fails the coverage test until it is added to EXPECTED below.
 * 2. Tenant isolation: two organizations A and B created through the API; for
 *    every route, a caller of A can neither read nor change anything of B.
 */
import request from 'supertest';
import { randomBytes, randomUUID } from 'node:crypto';
import type { Grant, InternalIdentity } from '@palabre/auth';
import { MailCatcher, Mailer } from '@palabre/mail';
import { bootService, testDatabaseTargets, type BootedService } from '@palabre/testing';
import { hashPassword } from '../src/accounts/password';
import { IdentityConfig } from '../src/config/identity.config';
import { identityService } from '../src/identity.definition';
import { newsletterUnsubscribeToken } from '../src/newsletter-consent/unsubscribe-token';

/**
 * Who calls, all in organization A but the last:
 * - anonymous: a token with the organization only (no account, no session);
 * - participant: a signed-in account without any grant;
 * - moderator, orgAdmin, operator: a signed-in account with that grant;
 * - otherOrgAdmin: the org-admin of organization B, calling with B's token and
 *   aiming at A's things (A's account, A's session, A's mailed token, A's password).
 */
const CALLERS = [
  'anonymous',
  'participant',
  'moderator',
  'orgAdmin',
  'operator',
  'otherOrgAdmin',
] as const;
type Caller = (typeof CALLERS)[number];
type Row = readonly [number, number, number, number, number, number];

/**
 * The expected status of each route for each caller. 401 and 403 mean
 * REFUSED; anything else means ALLOWED: a 2xx, or a domain answer (400 an
 * unknown token, 404 not in the caller's organization, 409 a conflict).
 * Every request is a valid one, so the handler decides, not the validation.
 */
// prettier-ignore
const EXPECTED = {
  //                               anonymous participant moderator orgAdmin operator otherOrgAdmin
  'GET /organizations/current':     [200,      200,        200,      200,     200,     200],
  'GET /organization':              [403,      403,        403,      200,     200,     200], // B's own
  'PATCH /organization':            [403,      403,        403,      200,     200,     200], // B's own
  'POST /organizations':            [403,      403,        403,      403,     201,     403],
  'GET /captcha':                   [200,      200,        200,      200,     200,     200],
  'POST /registrations':            [202,      202,        202,      202,     202,     202],
  'POST /registrations/confirm':    [204,      204,        204,      204,     204,     400], // A's token
  'POST /password-resets':          [202,      202,        202,      202,     202,     202],
  'POST /password-resets/complete': [204,      204,        204,      204,     204,     400], // A's token
  'POST /accounts/lookup':          [403,      403,        403,      200,     200,     404], // A's account
  'POST /accounts/names':           [403,      403,        403,      200,     200,     200], // A's account (B gets no name)
  'GET /me':                        [401,      200,        200,      200,     200,     200],
  'GET /sessions':                  [401,      200,        200,      200,     200,     200],
  'POST /sessions':                 [201,      201,        201,      201,     201,     401], // A's password
  'DELETE /sessions/{id}':          [401,      204,        204,      204,     204,     404], // own, or A's
  'POST /auth/logout':              [204,      204,        204,      204,     204,     204],
  'GET /grants':                    [403,      403,        403,      200,     200,     200], // B's own
  'POST /grants':                   [403,      403,        403,      201,     201,     404], // A's account
  'DELETE /grants/{id}':            [403,      403,        403,      204,     204,     404], // A's grant
  'GET /organization/children':     [403,      403,        403,      200,     200,     200], // B's own
  'POST /organization/children':    [403,      403,        403,      201,     201,     201], // B's own
  'GET /organization/children/{id}/grants':    [403, 403, 403,   200,     200,     404], // A's child
  'POST /organization/children/{id}/grants':   [403, 403, 403,   201,     201,     404], // A's child
  'DELETE /organization/children/{id}/grants/{grantId}': [403, 403, 403, 204, 204,  404], // A's child
  'POST /users/{id}/block':         [403,      403,        204,      204,     204,     404], // A's account
  'POST /users/{id}/unblock':       [403,      403,        204,      204,     204,     404], // A's account
  'GET /me/export':                 [401,      200,        200,      200,     200,     200],
  'DELETE /me':                     [401,      204,        204,      204,     204,     204],
  'GET /me/newsletter':             [401,      200,        200,      200,     200,     200],
  'POST /me/newsletter':            [401,      200,        200,      200,     200,     200],
  'POST /me/newsletter/withdraw':   [401,      200,        200,      200,     200,     200],
  'POST /newsletter/confirm':       [200,      200,        200,      200,     200,     400], // A's token
  'POST /newsletter/unsubscribe':   [200,      200,        200,      200,     200,     400], // A's token
  'POST /block-contests':           [202,      202,        202,      202,     202,     202], // same answer for any address
} satisfies Record<string, Row>;
type RouteKey = keyof typeof EXPECTED;
const ROUTE_KEYS = Object.keys(EXPECTED) as RouteKey[];

/** Not for callers through the gateway, or browser redirects covered by the FranceConnect specs. */
const EXCLUDED = (route: string) =>
  /^\w+ \/(internal\/|health(\/|$)|metrics$|openapi\.json$)/.test(route) ||
  route === 'GET /auth/franceconnect/login' ||
  route === 'GET /auth/franceconnect/callback' ||
  route === 'GET /auth/franceconnect/logout-callback';

const REFUSED = new Set([401, 403]);
const verdict = (status: number) => (REFUSED.has(status) ? 'refused' : 'allowed');

const GRANTS: Record<Caller, Grant[]> = {
  anonymous: [],
  participant: [],
  moderator: [{ role: 'moderator' }],
  orgAdmin: [{ role: 'org-admin' }],
  operator: [{ role: 'platform-operator' }],
  otherOrgAdmin: [{ role: 'org-admin' }],
};

const PASSWORD = 'correct horse battery';
const NEW_PASSWORD = 'a brand new passphrase';
const WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const unique = () => randomBytes(5).toString('hex');

interface Account {
  id: string;
  organizationId: string;
  email: string;
  sessionId: string;
  grants: Grant[];
}

/** One cell of the matrix: the caller's identity, its fresh account, and a fresh participant of A. */
interface Cell {
  as: InternalIdentity;
  caller?: Account;
  victim: Account;
  /** What the request aimed at, for the effect check (a session id, a token, a slug). */
  target?: string;
}

interface RouteCheck {
  /** The victim starts blocked (to be unblocked). */
  victimBlocked?: boolean;
  call(c: Cell): Promise<request.Response>;
  /** A refused or not-found call changed nothing; an allowed one did what it says. */
  effect?(c: Cell, done: boolean): Promise<void>;
}

describe.each(testDatabaseTargets())('identity access control on $name', (target) => {
  let booted: BootedService;
  let server: Parameters<typeof request>[0];
  let catcher: MailCatcher;
  let mailer: Mailer;
  let config: IdentityConfig;
  let passwordHash: string;
  let orgA: string;
  let orgB: string;
  /** Children of A (two, for sibling checks) and of B, each with one standing administrator. */
  let childA: string;
  let childA2: string;
  let childB: string;
  const bootstrapOperator: InternalIdentity = {
    organizationId: '00000000-0000-4000-8000-000000000001',
    grants: [{ role: 'platform-operator' }],
  };

  async function api(
    method: 'get' | 'post' | 'patch' | 'delete',
    path: string,
    as: InternalIdentity | null,
    body?: object,
  ): Promise<request.Response> {
    const r = request(server)[method](path);
    if (as) r.set(...(await booted.as(as)));
    return body === undefined ? r : r.send(body);
  }

  const query = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) =>
    booted.db.query<T>(sql, params);
  /** The host of organization A or B; their administrators give children sub-domains of it. */
  const hostOf = (org: string) => `participer.${org === orgA ? 'ville-a' : 'ville-b'}.fr`;

  /** A confirmed local account with a live session, inserted as registration and sign-in would. */
  async function account(
    organizationId: string,
    grants: Grant[] = [],
    status: 'active' | 'blocked' = 'active',
  ): Promise<Account> {
    const email = `u-${unique()}@example.org`;
    const [user] = await query<{ id: string }>(
      `INSERT INTO identity.users (organization_id, email, password_hash, display_name, email_confirmed_at, status)
       VALUES ($1, $2, $3, 'Someone', now(), $4) RETURNING id`,
      [organizationId, email, passwordHash, status],
    );
    for (const g of grants) {
      await query(
        `INSERT INTO identity.grants (organization_id, user_id, role, space_id) VALUES ($1, $2, $3, $4)`,
        [organizationId, user.id, g.role, g.spaceId ?? null],
      );
    }
    const [session] = await query<{ id: string }>(
      `INSERT INTO identity.sessions (token_hash, organization_id, user_id, kind, expires_at)
       VALUES ($1, $2, $3, 'account', now() + interval '1 day') RETURNING id`,
      [unique() + unique(), organizationId, user.id],
    );
    return { id: user.id, organizationId, email, sessionId: session.id, grants };
  }

  /** The identity the gateway would build for this account's session. */
  const identityOf = (a: Account): InternalIdentity => ({
    organizationId: a.organizationId,
    userId: a.id,
    sessionId: a.sessionId,
    grants: a.grants,
  });

  /** A one-time mailed token, stored as the service stores it (keyed hash). */
  async function mailedToken(
    a: Account,
    purpose: 'confirm-email' | 'reset-password',
  ): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await query(
      `INSERT INTO identity.email_tokens (token_hash, organization_id, user_id, purpose, expires_at)
       VALUES ($1, $2, $3, $4, now() + interval '1 hour')`,
      [config.keyed('email-token', token), a.organizationId, a.id, purpose],
    );
    return token;
  }

  async function solveCaptcha(as: InternalIdentity) {
    const { body } = await api('get', '/captcha', as);
    const [, a, b] = /What is (\w+) plus (\w+)\?/.exec(body.question.en)!;
    return {
      captchaId: body.id as string,
      captchaAnswer: String(WORDS.indexOf(a) + WORDS.indexOf(b)),
    };
  }

  const statusOf = async (userId: string) =>
    (
      await query<{ status: string }>(`SELECT status FROM identity.users WHERE id = $1`, [userId])
    )[0].status;
  const isRevoked = async (sessionId: string) =>
    (
      await query<{ revoked: boolean }>(
        `SELECT revoked_at IS NOT NULL AS revoked FROM identity.sessions WHERE id = $1`,
        [sessionId],
      )
    )[0].revoked;
  const tokenUsed = async (token: string) =>
    (
      await query<{ used: boolean }>(
        `SELECT used_at IS NOT NULL AS used FROM identity.email_tokens WHERE token_hash = $1`,
        [config.keyed('email-token', token)],
      )
    )[0].used;
  const openSessions = async (userId: string) =>
    (
      await query<{ n: number }>(
        `SELECT count(*)::int AS n FROM identity.sessions WHERE user_id = $1 AND revoked_at IS NULL`,
        [userId],
      )
    )[0].n;

  const consentOf = async (userId: string) =>
    (
      await query<{ state: string }>(
        `SELECT state FROM identity.newsletter_consents WHERE user_id = $1`,
        [userId],
      )
    )[0]?.state ?? 'none';
  const grantConsent = (a: Account) =>
    query(
      `INSERT INTO identity.newsletter_consents (organization_id, user_id, state, granted_at)
       VALUES ($1, $2, 'granted', now())`,
      [a.organizationId, a.id],
    );

  const grantsOf = async (userId: string) =>
    (
      await query<{ role: string }>(
        `SELECT role FROM identity.grants WHERE user_id = $1 ORDER BY role`,
        [userId],
      )
    ).map((g) => g.role);

  const orgNames = async () =>
    Object.fromEntries(
      (
        await query<{ id: string; name: string }>(
          `SELECT id, name FROM identity.organizations WHERE id = ANY($1::uuid[])`,
          [[orgA, orgB]],
        )
      ).map((o) => [o.id, o.name]),
    ) as Record<string, string>;

  /** How each route is called in the matrix, and what it must (not) have changed. */
  const ROUTES: Record<RouteKey, RouteCheck> = {
    'GET /organizations/current': {
      call: (c) => api('get', '/organizations/current', c.as),
    },
    'POST /organizations': {
      call: (c) => {
        c.target = `m-${unique()}`;
        return api('post', '/organizations', c.as, {
          slug: c.target,
          name: 'Matrix',
          hosts: [`${c.target}.example.org`],
          defaultLocale: 'fr',
        });
      },
      effect: async (c, done) =>
        expect(
          await query(`SELECT 1 FROM identity.organizations WHERE slug = $1`, [c.target]),
        ).toHaveLength(done ? 1 : 0),
    },
    'GET /organization': {
      call: async (c) => {
        const r = await api('get', '/organization', c.as);
        if (r.status === 200) expect(r.body.id).toBe(c.as.organizationId);
        return r;
      },
    },
    'PATCH /organization': {
      call: (c) => {
        c.target = `Renamed ${unique()}`;
        return api('patch', '/organization', c.as, { name: c.target });
      },
      effect: async (c, done) => {
        // Only the caller's own organization can change; A's name is back to normal afterwards.
        const names = await orgNames();
        expect(names[c.as.organizationId] === c.target).toBe(done);
        if (c.as.organizationId !== orgA) expect(names[orgA]).toBe('Ville ville-a');
        await query(`UPDATE identity.organizations SET name = 'Ville ' || slug WHERE id = $1`, [
          c.as.organizationId,
        ]);
      },
    },
    'GET /captcha': { call: (c) => api('get', '/captcha', c.as) },
    'POST /registrations': {
      call: async (c) =>
        api('post', '/registrations', c.as, {
          email: `r-${unique()}@example.org`,
          password: PASSWORD,
          displayName: 'Newcomer',
          ...(await solveCaptcha(c.as)),
        }),
    },
    'POST /registrations/confirm': {
      call: async (c) => {
        c.target = await mailedToken(c.victim, 'confirm-email');
        return api('post', '/registrations/confirm', c.as, { token: c.target });
      },
      effect: async (c, done) => expect(await tokenUsed(c.target!)).toBe(done),
    },
    'POST /password-resets': {
      call: (c) => api('post', '/password-resets', c.as, { email: c.victim.email }),
    },
    'POST /block-contests': {
      call: (c) =>
        api('post', '/block-contests', c.as, {
          email: c.victim.email,
          message: 'My account is not a spam account, please look again.',
        }),
    },
    'POST /accounts/lookup': {
      call: async (c) => {
        const r = await api('post', '/accounts/lookup', c.as, { email: c.victim.email });
        if (r.status === 200)
          expect(r.body).toEqual({ userId: c.victim.id, displayName: expect.anything() });
        return r;
      },
    },
    'POST /accounts/names': {
      call: async (c) => {
        const r = await api('post', '/accounts/names', c.as, { ids: [c.victim.id] });
        // Names of the caller's own organization only: another organization's admin learns nothing.
        if (r.status === 200)
          expect(r.body).toEqual({
            items:
              c.as.organizationId === c.victim.organizationId
                ? [{ userId: c.victim.id, displayName: expect.any(String) }]
                : [],
          });
        return r;
      },
    },
    'POST /password-resets/complete': {
      call: async (c) => {
        c.target = await mailedToken(c.victim, 'reset-password');
        return api('post', '/password-resets/complete', c.as, {
          token: c.target,
          password: NEW_PASSWORD,
        });
      },
      effect: async (c, done) => {
        expect(await tokenUsed(c.target!)).toBe(done);
        expect(await isRevoked(c.victim.sessionId)).toBe(done);
      },
    },
    'GET /me': { call: (c) => api('get', '/me', c.as) },
    'GET /sessions': { call: (c) => api('get', '/sessions', c.as) },
    'POST /sessions': {
      call: (c) => api('post', '/sessions', c.as, { email: c.victim.email, password: PASSWORD }),
      effect: async (c, done) => expect(await openSessions(c.victim.id)).toBe(done ? 2 : 1),
    },
    'DELETE /sessions/{id}': {
      call: (c) => {
        // One's own session; the anonymous caller and B's admin aim at an A participant's.
        c.target = c.caller?.organizationId === orgA ? c.caller.sessionId : c.victim.sessionId;
        return api('delete', `/sessions/${c.target}`, c.as);
      },
      effect: async (c, done) => expect(await isRevoked(c.target!)).toBe(done),
    },
    'POST /auth/logout': {
      call: (c) => api('post', '/auth/logout', c.as),
      effect: async (c) => {
        if (c.caller) expect(await isRevoked(c.caller.sessionId)).toBe(true);
        expect(await isRevoked(c.victim.sessionId)).toBe(false);
      },
    },
    'GET /grants': {
      call: async (c) => {
        const r = await api('get', '/grants', c.as);
        if (r.status === 200)
          expect(r.body.map((g: { userId: string }) => g.userId)).toContain(c.caller!.id);
        return r;
      },
    },
    'POST /grants': {
      call: (c) => api('post', '/grants', c.as, { userId: c.victim.id, role: 'moderator' }),
      effect: async (c, done) =>
        expect(await grantsOf(c.victim.id)).toEqual(done ? ['moderator'] : []),
    },
    'DELETE /grants/{id}': {
      call: async (c) => {
        const [g] = await query<{ id: string }>(
          `INSERT INTO identity.grants (organization_id, user_id, role) VALUES ($1, $2, 'moderator') RETURNING id`,
          [orgA, c.victim.id],
        );
        return api('delete', `/grants/${g.id}`, c.as);
      },
      effect: async (c, done) =>
        expect(await grantsOf(c.victim.id)).toEqual(done ? [] : ['moderator']),
    },
    'GET /organization/children': {
      call: async (c) => {
        const r = await api('get', '/organization/children', c.as);
        const ids = r.status === 200 ? r.body.map((o: { id: string }) => o.id) : [];
        if (c.as.organizationId === orgA && r.status === 200)
          expect(ids).toEqual(expect.arrayContaining([childA, childA2]));
        expect(ids).not.toContain(c.as.organizationId === orgA ? childB : childA);
        return r;
      },
    },
    'POST /organization/children': {
      call: (c) => {
        c.target = `c-${unique()}`;
        return api('post', '/organization/children', c.as, {
          slug: c.target,
          name: 'Commune',
          hosts: [`${c.target}.${hostOf(c.as.organizationId)}`],
          defaultLocale: 'fr',
        });
      },
      effect: async (c, done) =>
        expect(
          await query(`SELECT parent_id FROM identity.organizations WHERE slug = $1`, [c.target]),
        ).toEqual(done ? [{ parent_id: c.as.organizationId }] : []),
    },
    'GET /organization/children/{id}/grants': {
      call: async (c) => {
        const r = await api('get', `/organization/children/${childA}/grants`, c.as);
        if (r.status === 200) {
          expect(r.body.length).toBeGreaterThan(0);
          for (const g of r.body) expect(g.role).toBe('org-admin');
        }
        return r;
      },
    },
    'POST /organization/children/{id}/grants': {
      call: async (c) => {
        const member = await account(childA);
        c.target = member.id;
        return api('post', `/organization/children/${childA}/grants`, c.as, {
          userId: member.id,
          role: 'org-admin',
        });
      },
      effect: async (c, done) =>
        expect(await grantsOf(c.target!)).toEqual(done ? ['org-admin'] : []),
    },
    'DELETE /organization/children/{id}/grants/{grantId}': {
      call: async (c) => {
        const member = await account(childA, GRANTS.orgAdmin);
        c.target = member.id;
        const [g] = await query<{ id: string }>(
          `SELECT id FROM identity.grants WHERE user_id = $1`,
          [member.id],
        );
        return api('delete', `/organization/children/${childA}/grants/${g.id}`, c.as);
      },
      effect: async (c, done) =>
        expect(await grantsOf(c.target!)).toEqual(done ? [] : ['org-admin']),
    },
    'POST /users/{id}/block': {
      call: (c) => api('post', `/users/${c.victim.id}/block`, c.as, { reason: 'matrix' }),
      effect: async (c, done) => {
        expect(await statusOf(c.victim.id)).toBe(done ? 'blocked' : 'active');
        expect(await isRevoked(c.victim.sessionId)).toBe(done);
      },
    },
    'POST /users/{id}/unblock': {
      victimBlocked: true,
      call: (c) => api('post', `/users/${c.victim.id}/unblock`, c.as, {}),
      effect: async (c, done) =>
        expect(await statusOf(c.victim.id)).toBe(done ? 'active' : 'blocked'),
    },
    'GET /me/export': { call: (c) => api('get', '/me/export', c.as) },
    'DELETE /me': {
      call: (c) => api('delete', '/me', c.as),
      effect: async (c, done) => {
        if (c.caller) expect(await statusOf(c.caller.id)).toBe(done ? 'deleted' : 'active');
        expect(await statusOf(c.victim.id)).toBe('active');
      },
    },
    'GET /me/newsletter': { call: (c) => api('get', '/me/newsletter', c.as) },
    'POST /me/newsletter': {
      call: (c) => api('post', '/me/newsletter', c.as, {}),
      effect: async (c, done) => {
        if (c.caller) expect(await consentOf(c.caller.id)).toBe(done ? 'pending' : 'none');
        expect(await consentOf(c.victim.id)).toBe('none');
      },
    },
    'POST /me/newsletter/withdraw': {
      call: async (c) => {
        await grantConsent(c.victim);
        return api('post', '/me/newsletter/withdraw', c.as, {});
      },
      effect: async (c) => expect(await consentOf(c.victim.id)).toBe('granted'),
    },
    'POST /newsletter/confirm': {
      call: async (c) => {
        c.target = randomBytes(32).toString('base64url');
        await query(
          `INSERT INTO identity.newsletter_consents (organization_id, user_id, state, asked_at, token_hash, token_expires_at)
           VALUES ($1, $2, 'pending', now(), $3, now() + interval '1 day')`,
          [c.victim.organizationId, c.victim.id, config.keyed('newsletter-token', c.target)],
        );
        return api('post', '/newsletter/confirm', c.as, { token: c.target });
      },
      effect: async (c, done) =>
        expect(await consentOf(c.victim.id)).toBe(done ? 'granted' : 'pending'),
    },
    'POST /newsletter/unsubscribe': {
      call: async (c) => {
        await grantConsent(c.victim);
        return api('post', '/newsletter/unsubscribe', c.as, {
          token: newsletterUnsubscribeToken(config.secret, c.victim.organizationId, c.victim.id),
        });
      },
      effect: async (c, done) =>
        expect(await consentOf(c.victim.id)).toBe(done ? 'withdrawn' : 'granted'),
    },
  };

  beforeAll(async () => {
    catcher = new MailCatcher();
    mailer = new Mailer(await catcher.start(), 'Palabre <test@palabre.local>');
    booted = await bootService(identityService, { database: target.open, mailer });
    server = booted.service.app.getHttpServer();
    config = booted.service.app.get(IdentityConfig);
    passwordHash = await hashPassword(PASSWORD);
    const create = async (slug: string) =>
      (
        await api('post', '/organizations', bootstrapOperator, {
          slug,
          name: `Ville ${slug}`,
          hosts: [`participer.${slug}.fr`],
          defaultLocale: 'fr',
        })
      ).body.id as string;
    orgA = await create('ville-a');
    orgB = await create('ville-b');
    expect(orgA).toEqual(expect.any(String));
    expect(orgB).toEqual(expect.any(String));
    const child = async (parent: string, slug: string) => {
      const r = await api(
        'post',
        '/organization/children',
        { organizationId: parent, grants: [{ role: 'org-admin' }] },
        {
          slug,
          name: `Commune ${slug}`,
          hosts: [`${slug}.${hostOf(parent)}`],
          defaultLocale: 'fr',
        },
      );
      expect(r.status).toBe(201);
      await account(r.body.id, GRANTS.orgAdmin);
      return r.body.id as string;
    };
    childA = await child(orgA, 'commune-a1');
    childA2 = await child(orgA, 'commune-a2');
    childB = await child(orgB, 'commune-b1');
  });
  afterAll(async () => {
    await booted?.close();
    mailer?.close();
    await catcher?.stop();
  });

  describe('role matrix', () => {
    it('covers exactly the routes of the OpenAPI document (add new routes to EXPECTED)', () => {
      const documented = Object.entries(booted.service.openapi().paths)
        .flatMap(([path, item]) =>
          Object.keys(item)
            .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
            .map((m) => `${m.toUpperCase()} ${path}`),
        )
        .filter((route) => !EXCLUDED(route))
        .sort();
      expect(documented).toEqual([...ROUTE_KEYS].sort());
    });

    it('refuses every route without a gateway token', async () => {
      for (const key of ROUTE_KEYS) {
        const [method, path] = key.split(' ');
        const verb = method.toLowerCase() as 'get' | 'post' | 'patch' | 'delete';
        const r = await api(
          verb,
          path.replace(/\{\w+\}/g, randomUUID()),
          null,
          verb === 'post' || verb === 'patch' ? {} : undefined,
        );
        expect({ key, status: r.status }).toEqual({ key, status: 401 });
      }
    });

    it.each(ROUTE_KEYS)('%s', async (key) => {
      const route = ROUTES[key];
      for (const [i, who] of CALLERS.entries()) {
        const victim = await account(orgA, [], route.victimBlocked ? 'blocked' : 'active');
        let caller: Account | undefined;
        if (who !== 'anonymous')
          caller = await account(who === 'otherOrgAdmin' ? orgB : orgA, GRANTS[who]);
        const cell: Cell = {
          as: caller ? identityOf(caller) : { organizationId: orgA, grants: [] },
          caller,
          victim,
        };
        const r = await route.call(cell);
        const expected = EXPECTED[key][i];
        expect({ caller: who, verdict: verdict(r.status), status: r.status }).toEqual({
          caller: who,
          verdict: verdict(expected),
          status: expected,
        });
        await route.effect?.(cell, r.status >= 200 && r.status < 300);
      }
    });
  });

  describe('tenant isolation between organizations A and B', () => {
    const tokenIn = (text: string) => /token=([A-Za-z0-9_-]+)/.exec(text)![1];

    /** Registers through the API in `org` and returns the mailed confirmation token. */
    async function register(org: string, email: string): Promise<string> {
      const anonymous = { organizationId: org, grants: [] };
      const r = await api('post', '/registrations', anonymous, {
        email,
        password: PASSWORD,
        displayName: 'Resident',
        ...(await solveCaptcha(anonymous)),
      });
      expect(r.status).toBe(202);
      return tokenIn((await catcher.waitFor(email, /confirmez/)).text);
    }

    const userByEmail = async (org: string, email: string) =>
      (
        await query<{ id: string; email_confirmed_at: Date | null; password_hash: string }>(
          `SELECT id, email_confirmed_at, password_hash FROM identity.users WHERE organization_id = $1 AND email = $2`,
          [org, email],
        )
      )[0];

    /** A's callers with some power: moderator, org-admin and platform operator. */
    const aPowers = async () =>
      Promise.all(
        [GRANTS.moderator, GRANTS.orgAdmin, GRANTS.operator].map(async (g) =>
          identityOf(await account(orgA, g)),
        ),
      );

    /** One scenario per route: a caller of A aims at B's things. */
    const ISOLATION: Record<RouteKey, () => Promise<void>> = {
      'GET /organizations/current': async () => {
        for (const [org, slug] of [
          [orgA, 'ville-a'],
          [orgB, 'ville-b'],
        ]) {
          const admin = identityOf(await account(org, GRANTS.orgAdmin));
          const r = await api('get', '/organizations/current', admin);
          expect(r.status).toBe(200);
          expect(r.body).toMatchObject({ id: org, slug, hosts: [`participer.${slug}.fr`] });
        }
      },
      'POST /organizations': async () => {
        const adminA = identityOf(await account(orgA, GRANTS.orgAdmin));
        const body = { slug: 'ville-b', name: 'Prise', hosts: ['participer.ville-b.fr'] };
        expect(
          (await api('post', '/organizations', adminA, { ...body, defaultLocale: 'fr' })).status,
        ).toBe(403);
        // Even an operator cannot take B's slug or host.
        const operatorA = identityOf(await account(orgA, GRANTS.operator));
        const taken = await api('post', '/organizations', operatorA, {
          ...body,
          slug: 'ville-b-bis',
          defaultLocale: 'fr',
        });
        expect(taken.status).toBe(409);
        const byHost = await api(
          'get',
          '/internal/organizations/by-host/participer.ville-b.fr',
          null,
        );
        expect(byHost.body).toMatchObject({ id: orgB, name: 'Ville ville-b' });
      },
      'GET /organization': async () => {
        for (const org of [orgA, orgB]) {
          const admin = identityOf(await account(org, GRANTS.orgAdmin));
          const r = await api('get', '/organization', admin);
          expect(r.status).toBe(200);
          expect(r.body.id).toBe(org);
        }
        // B's account presented with A's organization (another host) is nobody in A.
        const b = await account(orgB, GRANTS.orgAdmin);
        const r = await api('get', '/organization', {
          ...identityOf(b),
          organizationId: orgA,
          grants: [],
        });
        expect(r.status).toBe(403);
      },
      'PATCH /organization': async () => {
        const before = await query(`SELECT * FROM identity.organizations WHERE id = $1`, [orgB]);
        for (const as of await aPowers()) {
          const r = await api('patch', '/organization', as, {
            name: 'Ville ville-a',
            registrationMode: 'open',
          });
          expect(r.status === 200 || r.status === 403).toBe(true);
          if (r.status === 200) expect(r.body.id).toBe(orgA);
        }
        expect(await query(`SELECT * FROM identity.organizations WHERE id = $1`, [orgB])).toEqual(
          before,
        );
      },
      'GET /captcha': async () => {
        const inA = { organizationId: orgA, grants: [] };
        const inB = { organizationId: orgB, grants: [] };
        const solved = await solveCaptcha(inA);
        const email = `c-${unique()}@example.org`;
        const body = { email, password: PASSWORD, displayName: 'Resident', ...solved };
        const inBWithA = await api('post', '/registrations', inB, body);
        expect(inBWithA.status).toBe(400);
        expect(inBWithA.body.code).toBe('CAPTCHA_FAILED');
        expect(await userByEmail(orgB, email)).toBeUndefined();
        // B's attempt did not spend A's question either.
        expect((await api('post', '/registrations', inA, body)).status).toBe(202);
        expect(await userByEmail(orgA, email)).toBeDefined();
      },
      'POST /registrations': async () => {
        // The same address in B is a separate account: A's registration neither sees nor touches it.
        const b = await account(orgB);
        const before = await userByEmail(orgB, b.email);
        await register(orgA, b.email);
        expect(catcher.list(b.email).some((m) => /déjà un compte/.test(m.subject))).toBe(false);
        const inA = await userByEmail(orgA, b.email);
        expect(inA.id).not.toBe(b.id);
        expect(await userByEmail(orgB, b.email)).toEqual(before);
      },
      'POST /registrations/confirm': async () => {
        const email = `t-${unique()}@example.org`;
        const token = await register(orgA, email);
        const inB = await api(
          'post',
          '/registrations/confirm',
          { organizationId: orgB, grants: [] },
          { token },
        );
        expect(inB.status).toBe(400);
        expect(inB.body.code).toBe('INVALID_TOKEN');
        expect((await userByEmail(orgA, email)).email_confirmed_at).toBeNull();
        const inA = await api(
          'post',
          '/registrations/confirm',
          { organizationId: orgA, grants: [] },
          { token },
        );
        expect(inA.status).toBe(204);
      },
      'POST /password-resets': async () => {
        const a = await account(orgA);
        const r = await api(
          'post',
          '/password-resets',
          { organizationId: orgB, grants: [] },
          { email: a.email },
        );
        expect(r.status).toBe(202);
        expect(
          await query(`SELECT 1 FROM identity.email_tokens WHERE user_id = $1`, [a.id]),
        ).toHaveLength(0);
      },
      'POST /block-contests': async () => {
        // An account of A blocked by the anti-spam: contested through B, nothing reaches A.
        const a = await account(orgA);
        await query(`UPDATE identity.users SET status = 'blocked' WHERE id = $1`, [a.id]);
        await query(
          `INSERT INTO identity.blocks (organization_id, user_id, action, source) VALUES ($1, $2, 'block', 'antispam')`,
          [orgA, a.id],
        );
        const r = await api(
          'post',
          '/block-contests',
          { organizationId: orgB, grants: [] },
          { email: a.email, message: 'Not spam: I live here and wrote about the park.' },
        );
        expect(r.status).toBe(202);
        expect(
          await query(`SELECT 1 FROM identity.block_contests WHERE user_id = $1`, [a.id]),
        ).toHaveLength(0);
        // Through A, the same answer, and the message is kept for A's administrators.
        const inA = await api(
          'post',
          '/block-contests',
          { organizationId: orgA, grants: [] },
          { email: a.email, message: 'Not spam: I live here and wrote about the park.' },
        );
        expect(inA.status).toBe(202);
        expect(
          await query(
            `SELECT 1 FROM identity.block_contests WHERE organization_id = $1 AND user_id = $2`,
            [orgA, a.id],
          ),
        ).toHaveLength(1);
      },
      'POST /password-resets/complete': async () => {
        const a = await account(orgA);
        const anonymousA = { organizationId: orgA, grants: [] };
        expect((await api('post', '/password-resets', anonymousA, { email: a.email })).status).toBe(
          202,
        );
        const token = tokenIn((await catcher.waitFor(a.email, /nouveau mot de passe/)).text);
        const body = { token, password: NEW_PASSWORD };
        const inB = await api(
          'post',
          '/password-resets/complete',
          { organizationId: orgB, grants: [] },
          body,
        );
        expect(inB.status).toBe(400);
        expect(inB.body.code).toBe('INVALID_TOKEN');
        expect((await userByEmail(orgA, a.email)).password_hash).toBe(passwordHash);
        expect(await isRevoked(a.sessionId)).toBe(false);
        expect((await api('post', '/password-resets/complete', anonymousA, body)).status).toBe(204);
      },
      'POST /accounts/names': async () => {
        const a = await account(orgA);
        const b = await account(orgB, GRANTS.orgAdmin);
        // B's administrator, with B's token or posing in A: never A's account.
        for (const as of [identityOf(b), { ...identityOf(b), organizationId: orgA, grants: [] }]) {
          const r = await api('post', '/accounts/names', as, { ids: [a.id, b.id] });
          expect(JSON.stringify(r.body)).not.toContain(a.id);
          // With B's own token, B's own account is named.
          if (as.organizationId === orgB)
            expect(r.body).toEqual({ items: [{ userId: b.id, displayName: expect.any(String) }] });
        }
        const bad = await api('post', '/accounts/names', identityOf(b), { ids: ['nope'] });
        expect(bad.status).toBe(400);
      },
      'POST /accounts/lookup': async () => {
        const a = await account(orgA);
        const b = await account(orgB, GRANTS.orgAdmin);
        // B's administrator, with B's token or posing in A: never A's account.
        for (const as of [identityOf(b), { ...identityOf(b), organizationId: orgA, grants: [] }]) {
          const r = await api('post', '/accounts/lookup', as, { email: a.email });
          expect([403, 404]).toContain(r.status);
          expect(JSON.stringify(r.body)).not.toContain(a.id);
        }
      },
      'GET /me': async () => {
        const b = await account(orgB, GRANTS.orgAdmin);
        const r = await api('get', '/me', { ...identityOf(b), organizationId: orgA });
        expect(r.status).toBe(401);
        expect(JSON.stringify(r.body)).not.toContain(b.email);
      },
      'GET /sessions': async () => {
        const b = await account(orgB);
        const a = await account(orgA);
        const mine = await api('get', '/sessions', identityOf(a));
        expect(mine.body.map((s: { id: string }) => s.id)).toEqual([a.sessionId]);
        const asBInA = await api('get', '/sessions', { ...identityOf(b), organizationId: orgA });
        expect(asBInA.status).toBe(200);
        expect(asBInA.body).toEqual([]);
      },
      'POST /sessions': async () => {
        const b = await account(orgB);
        const r = await api(
          'post',
          '/sessions',
          { organizationId: orgA, grants: [] },
          {
            email: b.email,
            password: PASSWORD,
          },
        );
        expect(r.status).toBe(401);
        expect(r.headers['set-cookie']).toBeUndefined();
        expect(await openSessions(b.id)).toBe(1);
      },
      'DELETE /sessions/{id}': async () => {
        const b = await account(orgB);
        const callers = [identityOf(await account(orgA)), ...(await aPowers())];
        // B's own account id, presented in A, does not reach B's session either.
        callers.push({ ...identityOf(b), organizationId: orgA });
        for (const as of callers) {
          expect((await api('delete', `/sessions/${b.sessionId}`, as)).status).toBe(404);
        }
        expect(await isRevoked(b.sessionId)).toBe(false);
      },
      'POST /auth/logout': async () => {
        const b = await account(orgB);
        const a = await account(orgA);
        const r = await api('post', '/auth/logout', { ...identityOf(a), sessionId: b.sessionId });
        expect(r.status).toBe(204);
        expect(await isRevoked(b.sessionId)).toBe(false);
      },
      'GET /grants': async () => {
        const b = await account(orgB, GRANTS.moderator);
        for (const as of await aPowers()) {
          const r = await api('get', '/grants', as);
          if (r.status === 403) continue;
          expect(r.status).toBe(200);
          const ids = r.body.map((g: { userId: string }) => g.userId);
          expect(ids).not.toContain(b.id);
          const orgs = await query<{ organization_id: string }>(
            `SELECT DISTINCT organization_id FROM identity.users WHERE id = ANY($1::uuid[])`,
            [ids],
          );
          expect(orgs).toEqual([{ organization_id: orgA }]);
        }
      },
      'POST /grants': async () => {
        const b = await account(orgB);
        for (const as of await aPowers()) {
          for (const grantee of [{ userId: b.id }, { email: b.email }]) {
            const r = await api('post', '/grants', as, { ...grantee, role: 'org-admin' });
            expect([403, 404]).toContain(r.status);
          }
        }
        expect(await grantsOf(b.id)).toEqual([]);
      },
      'DELETE /grants/{id}': async () => {
        const b = await account(orgB, GRANTS.moderator);
        const [g] = await query<{ id: string }>(
          `SELECT id FROM identity.grants WHERE user_id = $1`,
          [b.id],
        );
        for (const as of await aPowers()) {
          expect([403, 404]).toContain((await api('delete', `/grants/${g.id}`, as)).status);
        }
        expect(await grantsOf(b.id)).toEqual(['moderator']);
      },
      'GET /organization/children': async () => {
        for (const as of await aPowers()) {
          const r = await api('get', '/organization/children', as);
          if (r.status === 403) continue;
          const ids = r.body.map((o: { id: string }) => o.id);
          expect(ids).not.toContain(childB);
          for (const o of r.body) expect(o.parentId).toBe(orgA);
        }
        // A child's administrator sees its own children only: not its parent's, not its siblings.
        const adminA1 = identityOf(await account(childA, GRANTS.orgAdmin));
        const r = await api('get', '/organization/children', adminA1);
        expect(r.status).toBe(200);
        expect(r.body).toEqual([]);
      },
      'POST /organization/children': async () => {
        const adminA = identityOf(await account(orgA, GRANTS.orgAdmin));
        // B's child's host is no sub-domain of A's: refused before anyone looks whose it is.
        const taken = await api('post', '/organization/children', adminA, {
          slug: `t-${unique()}`,
          name: 'Prise',
          hosts: [`commune-b1.${hostOf(orgB)}`],
          defaultLocale: 'fr',
        });
        expect([taken.status, taken.body.code]).toEqual([403, 'HOST_NOT_ALLOWED']);
        const before = await query(`SELECT id FROM identity.organizations WHERE parent_id = $1`, [
          orgB,
        ]);
        const made = await api('post', '/organization/children', adminA, {
          slug: `n-${unique()}`,
          name: 'Nouvelle',
          hosts: [`n-${unique()}.${hostOf(orgA)}`],
          defaultLocale: 'fr',
        });
        expect(made.status).toBe(201);
        expect(made.body.parentId).toBe(orgA);
        expect(
          await query(`SELECT id FROM identity.organizations WHERE parent_id = $1`, [orgB]),
        ).toEqual(before);
      },
      'GET /organization/children/{id}/grants': async () => {
        for (const as of await aPowers()) {
          expect([403, 404]).toContain(
            (await api('get', `/organization/children/${childB}/grants`, as)).status,
          );
        }
        // Not up, not sideways: a child's administrator cannot reach its parent or a sibling.
        const adminA1 = identityOf(await account(childA, GRANTS.orgAdmin));
        for (const id of [orgA, childA2, childB, childA]) {
          const r = await api('get', `/organization/children/${id}/grants`, adminA1);
          expect({ id, status: r.status }).toEqual({ id, status: 404 });
        }
      },
      'POST /organization/children/{id}/grants': async () => {
        const memberB = await account(childB);
        const adminA = identityOf(await account(orgA, GRANTS.orgAdmin));
        for (const as of await aPowers()) {
          const r = await api('post', `/organization/children/${childB}/grants`, as, {
            userId: memberB.id,
            role: 'org-admin',
          });
          expect([403, 404]).toContain(r.status);
        }
        // Through A's own child, neither B's accounts nor A's (the parent's) accounts qualify.
        const parentAccount = await account(orgA);
        for (const grantee of [
          { userId: memberB.id },
          { email: memberB.email },
          { userId: parentAccount.id },
          { email: parentAccount.email },
        ]) {
          const r = await api('post', `/organization/children/${childA}/grants`, adminA, {
            ...grantee,
            role: 'org-admin',
          });
          expect(r.status).toBe(404);
        }
        // A child's administrator cannot name administrators of its parent or of a sibling.
        const adminA1 = identityOf(await account(childA, GRANTS.orgAdmin));
        const siblingMember = await account(childA2);
        for (const [id, userId] of [
          [orgA, parentAccount.id],
          [childA2, siblingMember.id],
        ]) {
          const r = await api('post', `/organization/children/${id}/grants`, adminA1, {
            userId,
            role: 'org-admin',
          });
          expect(r.status).toBe(404);
        }
        for (const id of [memberB.id, parentAccount.id, siblingMember.id])
          expect(await grantsOf(id)).toEqual([]);
      },
      'DELETE /organization/children/{id}/grants/{grantId}': async () => {
        const adminB1 = await account(childB, GRANTS.orgAdmin);
        const [gB] = await query<{ id: string }>(
          `SELECT id FROM identity.grants WHERE user_id = $1`,
          [adminB1.id],
        );
        for (const as of await aPowers()) {
          for (const via of [childB, childA]) {
            const r = await api('delete', `/organization/children/${via}/grants/${gB.id}`, as);
            expect([403, 404]).toContain(r.status);
          }
        }
        expect(await grantsOf(adminB1.id)).toEqual(['org-admin']);
        // A child's administrator cannot remove the parent's administrators.
        const adminA = await account(orgA, GRANTS.orgAdmin);
        const [gA] = await query<{ id: string }>(
          `SELECT id FROM identity.grants WHERE user_id = $1`,
          [adminA.id],
        );
        const adminA1 = identityOf(await account(childA, GRANTS.orgAdmin));
        for (const via of [orgA, childA, childA2]) {
          const r = await api('delete', `/organization/children/${via}/grants/${gA.id}`, adminA1);
          expect(r.status).toBe(404);
        }
        expect(await grantsOf(adminA.id)).toEqual(['org-admin']);
      },
      'POST /users/{id}/block': async () => {
        const b = await account(orgB);
        for (const as of await aPowers()) {
          const r = await api('post', `/users/${b.id}/block`, as, { reason: 'cross-tenant' });
          expect(r.status).toBe(404);
          expect(r.body.code).toBe('USER_NOT_FOUND');
        }
        expect(await statusOf(b.id)).toBe('active');
        expect(await isRevoked(b.sessionId)).toBe(false);
        expect(
          await query(`SELECT 1 FROM identity.blocks WHERE user_id = $1`, [b.id]),
        ).toHaveLength(0);
      },
      'POST /users/{id}/unblock': async () => {
        const b = await account(orgB, [], 'blocked');
        for (const as of await aPowers()) {
          expect((await api('post', `/users/${b.id}/unblock`, as, {})).status).toBe(404);
        }
        expect(await statusOf(b.id)).toBe('blocked');
      },
      'GET /me/export': async () => {
        const b = await account(orgB);
        const r = await api('get', '/me/export', { ...identityOf(b), organizationId: orgA });
        expect(r.status).toBe(404);
        expect(JSON.stringify(r.body)).not.toContain(b.email);
      },
      'DELETE /me': async () => {
        const b = await account(orgB);
        const r = await api('delete', '/me', { ...identityOf(b), organizationId: orgA });
        expect(r.status).toBe(404);
        expect(await statusOf(b.id)).toBe('active');
        expect(await userByEmail(orgB, b.email)).toBeDefined();
        expect(await isRevoked(b.sessionId)).toBe(false);
      },
      'GET /me/newsletter': async () => {
        const b = await account(orgB);
        await grantConsent(b);
        const r = await api('get', '/me/newsletter', { ...identityOf(b), organizationId: orgA });
        expect(r.body.state).toBe('none');
      },
      'POST /me/newsletter': async () => {
        const b = await account(orgB);
        await api('post', '/me/newsletter', { ...identityOf(b), organizationId: orgA }, {});
        expect(await consentOf(b.id)).toBe('none');
        expect(catcher.list(b.email)).toHaveLength(0);
      },
      'POST /me/newsletter/withdraw': async () => {
        const b = await account(orgB);
        await grantConsent(b);
        await api(
          'post',
          '/me/newsletter/withdraw',
          { ...identityOf(b), organizationId: orgA },
          {},
        );
        expect(await consentOf(b.id)).toBe('granted');
      },
      'POST /newsletter/confirm': async () => {
        const b = await account(orgB);
        const token = randomBytes(32).toString('base64url');
        await query(
          `INSERT INTO identity.newsletter_consents (organization_id, user_id, state, asked_at, token_hash, token_expires_at)
           VALUES ($1, $2, 'pending', now(), $3, now() + interval '1 day')`,
          [orgB, b.id, config.keyed('newsletter-token', token)],
        );
        for (const as of await aPowers())
          expect((await api('post', '/newsletter/confirm', as, { token })).status).toBe(400);
        expect(await consentOf(b.id)).toBe('pending');
      },
      'POST /newsletter/unsubscribe': async () => {
        const b = await account(orgB);
        await grantConsent(b);
        const token = newsletterUnsubscribeToken(config.secret, orgB, b.id);
        for (const as of await aPowers())
          expect((await api('post', '/newsletter/unsubscribe', as, { token })).status).toBe(400);
        expect(await consentOf(b.id)).toBe('granted');
      },
    };

    it('has a scenario for every route of the matrix', () => {
      expect(Object.keys(ISOLATION).sort()).toEqual([...ROUTE_KEYS].sort());
    });

    it.each(ROUTE_KEYS)('%s', (key) => ISOLATION[key]());
  });
});
