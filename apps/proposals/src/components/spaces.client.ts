import { Inject, Injectable } from '@nestjs/common';
import type { AuthorizeResponseJson } from '@palabre/contracts';
import { IDENTITY_HEADER } from '@palabre/auth';
import {
  SERVICE_RUNTIME,
  ServiceUnreachableError,
  type ServiceRuntime,
} from '@palabre/service-kit';
import { ProposalError, proposalException } from '../proposals.exception';

export interface AuthorizeAnswer {
  allowed: boolean;
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
 * The spaces service's internal API (proto/palabre/spaces/v1/internal.proto)
 * through the platform's InternalServices (spaces in this process in
 * embedded mode, SERVICE_URL_SPACES otherwise), forwarding the caller's
 * identity token so that spaces answers for that person.
 */
@Injectable()
export class SpacesClient {
  constructor(@Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime) {}

  /** Whether this deployment knows where spaces is (else: decide from the local copy). */
  async available(): Promise<boolean> {
    return (await this.runtime.internal.url('spaces')) !== null;
  }

  async authorize(token: string, componentId: string, action: string): Promise<AuthorizeResult> {
    let r;
    try {
      r = await this.runtime.internal.call<AuthorizeResponseJson>(
        'spaces',
        'POST',
        '/internal/spaces/authorize',
        { headers: { [IDENTITY_HEADER]: token }, body: { componentId, action } },
      );
    } catch (error) {
      if (!(error instanceof ServiceUnreachableError)) throw error;
      throw proposalException(
        ProposalError.SpacesUnavailable,
        'The spaces service is unreachable; try again shortly',
      );
    }
    if (r.status === 404) return { found: false };
    if (r.status !== 200)
      throw proposalException(
        ProposalError.SpacesUnavailable,
        'The spaces service could not say whether this is allowed; try again shortly',
      );
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
}
