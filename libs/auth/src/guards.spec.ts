import { ForbiddenException, UnauthorizedException, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InternalIdentityGuard, ServiceRoute } from './guards';
import { generateIdentityKeys, IDENTITY_HEADER } from './identity-token';
import { SERVICE_HEADER, SERVICE_CALLERS } from './service-token';

const ORG = '6f1c2a9e-3b7d-4e8a-9c0f-1a2b3c4d5e6f';

/** Routes of a service, as its controllers declare them. */
class Routes {
  @ServiceRoute('newsletter')
  forNewsletter() {}

  // A route for another service: a caller of proposals with a valid token is
  // still refused here, since each route lists whom it answers.
  @ServiceRoute('antispam')
  forAntispam() {}

  forPeople() {}
}

describe('the guard of service routes (ADR 0038)', () => {
  const keys = generateIdentityKeys();
  const guard = new InternalIdentityGuard(keys.verifierFor('proposals'), new Reflector());
  const newsletterToken = () => keys.serviceTokensFor('newsletter').issue('proposals', ORG);

  const run = (handler: keyof Routes, headers: Record<string, string>) => {
    const req: { headers: Record<string, string>; serviceCaller?: unknown; identity?: unknown } = {
      headers,
    };
    const context = {
      getHandler: () => Routes.prototype[handler],
      getClass: () => Routes,
      switchToHttp: () => ({ getRequest: () => req }),
    } as unknown as ExecutionContext;
    return { allowed: () => guard.canActivate(context), req };
  };

  it('lets a listed service in, with who it is and for which organization', () => {
    const { allowed, req } = run('forNewsletter', { [SERVICE_HEADER]: newsletterToken() });
    expect(allowed()).toBe(true);
    expect(req.serviceCaller).toEqual({ service: 'newsletter', organizationId: ORG });
    expect(req.identity).toBeUndefined();
  });

  it('refuses (403) a valid token of a service the route does not list', () => {
    // A caller of proposals in SERVICE_CALLERS, so its token is valid here; not this route's.
    expect(SERVICE_CALLERS.proposals).toContain('newsletter');
    const { allowed } = run('forAntispam', { [SERVICE_HEADER]: newsletterToken() });
    expect(allowed).toThrow(ForbiddenException);
    expect(allowed).toThrow('This route answers antispam only');
  });

  it("refuses (401) a person's identity token, or no token, on a service route", () => {
    const identity = keys.issuer.issue(
      { organizationId: ORG, grants: [{ role: 'org-admin' }] },
      'proposals',
    );
    expect(run('forNewsletter', { [IDENTITY_HEADER]: identity }).allowed).toThrow(
      UnauthorizedException,
    );
    expect(run('forNewsletter', {}).allowed).toThrow(UnauthorizedException);
    // Nor does an identity token passed in the service header pass for one.
    expect(run('forNewsletter', { [SERVICE_HEADER]: identity }).allowed).toThrow(
      'Invalid or expired service token',
    );
  });

  it("refuses (401) a service token on a person's route", () => {
    expect(run('forPeople', { [SERVICE_HEADER]: newsletterToken() }).allowed).toThrow(
      UnauthorizedException,
    );
  });
});
