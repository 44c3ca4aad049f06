// Event and internal API contracts, generated from proto/ (see
// tools/scripts/generate-contracts.mjs); decode.ts and views/ are hand-written.
export * from './generated/topics';
export * from './generated/palabre/events/v1/options_pb';
export * from './generated/palabre/events/v1/notification_pb';
export * from './generated/palabre/identity/v1/events_pb';
export * from './generated/palabre/identity/v1/internal_pb';
export * from './decode';
export * from './generated/palabre/antispam/v1/events_pb';
export * from './generated/palabre/budgeting/v1/events_pb';
export * from './generated/palabre/petitions/v1/events_pb';
export * from './generated/palabre/proposals/v1/events_pb';
export * from './generated/palabre/spaces/v1/events_pb';
export * from './generated/palabre/spaces/v1/internal_pb';
export * from './generated/palabre/meetings/v1/events_pb';
export * from './generated/palabre/newsletter/v1/events_pb';
// The JSON the services' HTTP APIs answer, which the site reads (hand-written:
// each service's views return these types, so a breaking change fails to compile).
export * from './views/budgeting';
export * from './views/identity';
export * from './views/meetings';
export * from './views/participants';
export * from './views/petitions';
export * from './views/proposals';
export * from './views/spaces';
export * from './views/text';
export * from './views/newsletter';
export * from './views/antispam';
export * from './views/surveys';
export * from './views/sortitions';
// The success response of every service operation, read from the controllers by
// tools/openapi/generate.mjs; loaded on demand (only the gateway's /api/docs reads it).
export type { ApiResponse, ApiResponses, ApiSchema } from './generated/api-responses';
export const loadApiResponses = () =>
  import('./generated/api-responses').then((m) => m.apiResponses);
