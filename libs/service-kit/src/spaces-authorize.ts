import type { AuthorizeResponseJson } from '@palabre/contracts';
import { IDENTITY_HEADER } from '@palabre/auth';
import { ServiceUnreachableError, type InternalServices } from './internal-services';

/** Spaces' answer to "may this person do this action in this component now?". */
export interface AuthorizeAnswer {
  allowed: boolean;
  /** Empty when allowed; otherwise e.g. PHASE_CLOSED, NOT_VERIFIED, TOO_YOUNG (internal.proto). */
  reason: string;
  message: string;
  phase?: { id: string; title: Record<string, string> };
  spaceId: string;
  componentType: string;
}

/** `found: false`: spaces does not show this component to this person (its 404). */
export type AuthorizeResult =
  { found: false } | { found: true; answer: AuthorizeAnswer; maxAgeMs: number };

const DEFAULT_MAX_AGE_MS = 2_000;

/**
 * Asks spaces (proto/palabre/spaces/v1/internal.proto) whether the person
 * behind `token` (the gateway's identity token, forwarded) may do `action` in
 * `componentId`. The answer may be reused for `maxAgeMs`. Throws
 * ServiceUnreachableError when spaces cannot answer (unknown address, network,
 * or anything but 200/404): callers turn it into their own 503.
 */
export async function authorizeInSpaces(
  internal: InternalServices,
  token: string,
  componentId: string,
  action: string,
): Promise<AuthorizeResult> {
  const r = await internal.call<AuthorizeResponseJson>(
    'spaces',
    'POST',
    '/internal/spaces/authorize',
    { headers: { [IDENTITY_HEADER]: token }, body: { componentId, action } },
  );
  if (r.status === 404) return { found: false };
  if (r.status !== 200)
    throw new ServiceUnreachableError('spaces', `authorize answered ${r.status}`);
  const body = r.body;
  const maxAge = /max-age=(\d+)/.exec(String(r.headers['cache-control'] ?? ''));
  return {
    found: true,
    maxAgeMs: maxAge ? Math.min(10_000, Number(maxAge[1]) * 1000) : DEFAULT_MAX_AGE_MS,
    answer: {
      allowed: body.allowed === true,
      reason: body.reason ?? '',
      message: body.message ?? '',
      ...(body.phase?.id ? { phase: { id: body.phase.id, title: body.phase.title ?? {} } } : {}),
      spaceId: body.spaceId ?? '',
      componentType: body.componentType ?? '',
    },
  };
}
