import type { LeanRoute, Resolve } from '@palabre/service-kit';
import { UUID } from './components/component-access';
import { invalid } from './proposals.exception';
import { VotesController } from './votes/votes.controller';

const uuid = (value: string, name = 'id') => {
  if (!UUID.test(value)) throw invalid(name, 'must be a UUID');
  return value;
};

/**
 * The hot paths of a proposals component (ADR 0016), answered before Express
 * and Nest by the same code as the documented Nest routes: its list (every
 * visit, filter and search) and supports (below).
 */
export function proposalsLeanRoutes(get: Resolve): LeanRoute[] {
  return [
    // The list (GET /components/{id}/proposals) is not here: on the lean path its second
    // page failed intermittently in CI (a 500 page, cause not found yet); it stays on Nest.
    ...votesLeanRoutes(get),
  ];
}

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
