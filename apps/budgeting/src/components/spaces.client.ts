import { Inject, Injectable } from '@nestjs/common';
import {
  SERVICE_RUNTIME,
  ServiceUnreachableError,
  authorizeInSpaces,
  type AuthorizeResult,
  type ServiceRuntime,
} from '@palabre/service-kit';
import { BudgetingError, budgetingException } from '../budgeting.exception';

export type { AuthorizeAnswer, AuthorizeResult } from '@palabre/service-kit';

/**
 * Spaces' authorize API (libs/service-kit, spaces-authorize.ts) through the
 * platform's InternalServices (spaces in this process in embedded mode,
 * SERVICE_URL_SPACES otherwise). Without spaces (`remote` false),
 * ComponentAccess decides from the local copy of the settings.
 */
@Injectable()
export class SpacesClient {
  constructor(@Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime) {}

  get remote(): boolean {
    return this.runtime.internal.has('spaces');
  }

  async authorize(token: string, componentId: string, action: string): Promise<AuthorizeResult> {
    try {
      return await authorizeInSpaces(this.runtime.internal, token, componentId, action);
    } catch (error) {
      if (!(error instanceof ServiceUnreachableError)) throw error;
      throw budgetingException(
        BudgetingError.SpacesUnavailable,
        'The spaces service could not say whether you may vote; try again shortly',
      );
    }
  }
}
