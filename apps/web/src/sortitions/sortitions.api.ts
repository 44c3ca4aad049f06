/**
 * The shapes of the sortitions API that the pages read (apps/sortitions,
 * reached as /api/sortitions/...), declared once in @palabre/contracts
 * (ADR 0042: draws by lot anyone can verify).
 *
 * Routes (all under /api/sortitions):
 *   GET    /components/:componentId/draws              DrawListView (newest first)
 *   POST   /components/:componentId/draws/proposals    { title, description?, revealAt?, proposalsComponentId, area?, count } → DrawView
 *   POST   /components/:componentId/draws/panel        { title, description?, revealAt?, size, quotas: [{ category, value, min?, max? }], pool (CSV) } → DrawView
 *   GET    /draws/:id                                  DrawView (isAdmin for its space's administrators)
 *   GET    /draws/:id/draw.json                        what tools/sortition/redraw.mjs re-runs
 *   POST   /draws/:id/draw                             { publicNumbers, witnesses? } → DrawView (once)
 *   POST   /draws/:id/cancel                           { reason } → DrawView
 * Refusals: 400 with errors[{ field }] (`pool` with its `line`; `proposalsComponentId` with
 *   rule isProposalsComponent, sameSpace or isNotEmpty; `quotas.<i>[.min]`); 422
 *   QUOTAS_INFEASIBLE with `category`, `value` and `reason` (English); 409 WRONG_STATE (drawn or
 *   cancelled already, or the pool deleted); 404 DRAW_NOT_FOUND, COMPONENT_NOT_FOUND; 403.
 */
import type { Problem } from '../shared/gateway/gateway-client';

export type {
  DrawKind,
  DrawListView,
  DrawState,
  DrawSummaryView,
  DrawView,
  PanelGroupView,
} from '@palabre/contracts';

export const SORTITIONS_API = '/api/sortitions';

/** The file anyone re-runs a draw from (tools/sortition/redraw.mjs), through the gateway. */
export const drawJsonPath = (id: string) => `${SORTITIONS_API}/draws/${id}/draw.json`;
/** A panel's pool as CSV (its administrators, while it is kept). */
export const poolCsvPath = (id: string) => `${SORTITIONS_API}/draws/${id}/pool.csv`;

/** A bad pool: the field `pool` and the line of the CSV (1 is the header). */
export interface PoolProblem {
  field: string;
  message: string;
  rule?: string;
  line?: number;
}

/** 422 QUOTAS_INFEASIBLE: the category (and value) no panel can meet, and why (English, for developers). */
export interface InfeasibleProblem extends Problem {
  code: 'QUOTAS_INFEASIBLE';
  category: string | null;
  value: string | null;
  reason: string;
}

export const isInfeasible = (p: Problem | null | undefined): p is InfeasibleProblem =>
  p?.code === 'QUOTAS_INFEASIBLE';
