import {
  SetMetadata,
  UnauthorizedException,
  ForbiddenException,
  createParamDecorator,
  type CanActivate,
  type ExecutionContext,
  Injectable,
  Inject,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  IDENTITY_HEADER,
  IdentityTokenVerifier,
  hasRole,
  type InternalIdentity,
  type Role,
} from './identity-token';
import { SERVICE_HEADER, type ServiceCaller } from './service-token';

export const PUBLIC_ROUTE = 'palabre:public';
export const REQUIRED_ROLES = 'palabre:roles';
export const SERVICE_ROUTE = 'palabre:service-route';

/** The route needs no identity token (health, metrics, OpenAPI). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);
/** The caller needs one of these roles in the organization. */
export const Roles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);

/**
 * The route is for these services calling as themselves (ADR 0038), with a
 * service token (`x-palabre-service`) instead of a person's identity token:
 * 401 without a valid one, 403 for another service.
 */
export const ServiceRoute = (...callers: string[]) => SetMetadata(SERVICE_ROUTE, callers);

type WithIdentity = {
  headers: Record<string, string | string[] | undefined>;
  identity?: InternalIdentity;
  serviceCaller?: ServiceCaller;
};

/** The caller of a request from its identity header; 401 without a valid one. */
export function identify(
  verifier: IdentityTokenVerifier,
  header: string | string[] | undefined,
): InternalIdentity {
  if (typeof header !== 'string')
    throw new UnauthorizedException('Requests must come through the gateway');
  try {
    return verifier.verify(header);
  } catch {
    throw new UnauthorizedException('Invalid or expired identity token');
  }
}

/**
 * Global guard of every service: verifies the gateway's token and attaches the
 * identity; refuses with 401 without one, 403 without a required role.
 */
@Injectable()
export class InternalIdentityGuard implements CanActivate {
  constructor(
    @Inject(IdentityTokenVerifier) private readonly verifier: IdentityTokenVerifier,
    @Inject(Reflector) private readonly reflector: Reflector,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const req = context.switchToHttp().getRequest<WithIdentity>();
    const callers = this.reflector.getAllAndOverride<string[] | undefined>(SERVICE_ROUTE, targets);
    if (callers) {
      req.serviceCaller = this.callingService(req.headers[SERVICE_HEADER], callers);
      return true;
    }
    const identity = identify(this.verifier, req.headers[IDENTITY_HEADER]);
    req.identity = identity;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (roles?.length && !roles.some((r) => hasRole(identity, r))) {
      throw new ForbiddenException(`This action needs one of the roles: ${roles.join(', ')}`);
    }
    return true;
  }

  /** The verified service token of a service route. */
  private callingService(header: string | string[] | undefined, callers: string[]): ServiceCaller {
    if (typeof header !== 'string')
      throw new UnauthorizedException('This route is for services calling with a service token');
    let caller: ServiceCaller;
    try {
      caller = this.verifier.services.verify(header);
    } catch {
      throw new UnauthorizedException('Invalid or expired service token');
    }
    if (!callers.includes(caller.service))
      throw new ForbiddenException(`This route answers ${callers.join(', ')} only`);
    return caller;
  }
}

/** The verified identity of the current request. */
export const CurrentIdentity = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): InternalIdentity => {
    const identity = ctx.switchToHttp().getRequest<WithIdentity>().identity;
    if (!identity) throw new UnauthorizedException();
    return identity;
  },
);

/** The service calling a service route, as its token says (ADR 0038). */
export const CallingService = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): ServiceCaller => {
    const caller = ctx.switchToHttp().getRequest<WithIdentity>().serviceCaller;
    if (!caller) throw new UnauthorizedException();
    return caller;
  },
);
