import { Inject, Injectable } from '@nestjs/common';
import type { InternalIdentity } from '@palabre/auth';
import {
  SERVICE_RUNTIME,
  ServiceUnreachableError,
  SpacesAuthorizer,
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
  private readonly authorizer: SpacesAuthorizer;

  constructor(@Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime) {
    this.authorizer = new SpacesAuthorizer(runtime.internal);
  }

  /** Forget what spaces said of a component (or of all): its settings or phase changed. */
  invalidate(componentId?: string): void {
    this.authorizer.invalidate(componentId);
  }

  /** Whether this deployment knows where spaces is (else: decide from the local copy). */
  async available(): Promise<boolean> {
    return this.runtime.internal.has('spaces');
  }

  /** Spaces' answer for this person; decided here from spaces' policy when it gave one (SpacesAuthorizer). */
  async authorize(
    identity: InternalIdentity,
    token: string,
    componentId: string,
    action: string,
  ): Promise<AuthorizeResult> {
    try {
      return await this.authorizer.authorize(identity, token, componentId, action);
    } catch (error) {
      if (!(error instanceof ServiceUnreachableError)) throw error;
      throw proposalException(
        ProposalError.SpacesUnavailable,
        'The spaces service could not say whether this is allowed; try again shortly',
      );
    }
  }
}
