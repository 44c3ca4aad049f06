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

export const PUBLIC_ROUTE = 'palabre:public';
export const REQUIRED_ROLES = 'palabre:roles';

/** The route needs no identity token (health, metrics, OpenAPI). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);
/** The caller needs one of these roles in the organization. */
export const Roles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);

type WithIdentity = {
  headers: Record<string, string | string[] | undefined>;
  identity?: InternalIdentity;
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
    const identity = identify(this.verifier, req.headers[IDENTITY_HEADER]);
    req.identity = identity;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (roles?.length && !roles.some((r) => hasRole(identity, r))) {
      throw new ForbiddenException(`This action needs one of the roles: ${roles.join(', ')}`);
    }
    return true;
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
