import type { LeanRoute, Resolve } from '@palabre/service-kit';
import { UUID } from '../components/component-access';
import { invalid } from '../proposals.exception';
import { VotesController } from './votes.controller';

const uuid = (value: string) => {
  if (!UUID.test(value)) throw invalid('id', 'must be a UUID');
  return value;
};

/**
 * Supports are the hot write of a proposals component (thousands of people in
 * the last hours of a phase): they are answered before Express and Nest
 * (ADR 0016), by the same code as the documented Nest routes.
 */
export function votesLeanRoutes(get: Resolve): LeanRoute[] {
  const votes = get(VotesController);
  return (['POST', 'DELETE'] as const).map((method) => ({
    method,
    path: /^\/proposals\/([^/]+)\/votes\/?$/,
    handle: (x) =>
      votes.submit(
        { identity: x.identity, token: x.token },
        uuid(x.params[0]),
        method === 'POST' ? 'vote' : 'unvote',
        x,
      ),
  }));
}
