import { Inject, Injectable } from '@nestjs/common';
import {
  SERVICE_RUNTIME,
  ServiceUnreachableError,
  authorizeInSpaces,
  type AuthorizeResult,
  type ServiceRuntime,
} from '@palabre/service-kit';
import { ProposalError, proposalException } from '../proposals.exception';

export type { AuthorizeAnswer, AuthorizeResult } from '@palabre/service-kit';

/**
 * Spaces' authorize API (libs/service-kit, spaces-authorize.ts) through the
 * platform's InternalServices (spaces in this process in embedded mode,
 * SERVICE_URL_SPACES otherwise); spaces unreachable → this service's 503.
 */
@Injectable()
export class SpacesClient {
  constructor(@Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime) {}

  /** Whether this deployment knows where spaces is (else: decide from the local copy). */
  async available(): Promise<boolean> {
    return this.runtime.internal.has('spaces');
  }

  async authorize(token: string, componentId: string, action: string): Promise<AuthorizeResult> {
    try {
      return await authorizeInSpaces(this.runtime.internal, token, componentId, action);
    } catch (error) {
      if (!(error instanceof ServiceUnreachableError)) throw error;
      throw proposalException(
        ProposalError.SpacesUnavailable,
        'The spaces service could not say whether this is allowed; try again shortly',
      );
    }
  }
}
