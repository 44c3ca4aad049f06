import { Param, ParseUUIDPipe } from '@nestjs/common';
import { invalid } from './proposals.exception';

/** A path parameter that must be a UUID: 400 naming it otherwise. */
export const UuidParam = (name: string) =>
  Param(name, new ParseUUIDPipe({ exceptionFactory: () => invalid(name, 'must be a UUID') }));

/**
 * Cache headers of a read whose answer depends on who asks (theirs, supported
 * by them): personal for anyone signed in; for anonymous visitors public a few
 * seconds, with `Vary: Cookie` so the gateway shares that copy among anonymous
 * visitors only (ADR 0010).
 */
export function cacheByCaller(
  res: { header(name: string, value: string): unknown },
  identity: { userId?: string; signerKey?: string },
  personal = false,
): void {
  res.header('Vary', 'Cookie');
  res.header(
    'Cache-Control',
    personal || identity.userId || identity.signerKey
      ? 'private, no-store'
      : 'public, max-age=2, stale-while-revalidate=30',
  );
}
