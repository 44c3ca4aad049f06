import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  NotFoundException,
  ServiceUnavailableException,
  UnauthorizedException,
  UnprocessableEntityException,
  type HttpException,
} from '@nestjs/common';

/** The budgeting service's domain errors: a stable code the web app translates, and an English message. */
export enum BudgetingError {
  ComponentNotFound = 'COMPONENT_NOT_FOUND',
  BudgetNotFound = 'BUDGET_NOT_FOUND',
  ProjectNotFound = 'PROJECT_NOT_FOUND',
  ResultNotFound = 'RESULT_NOT_FOUND',
  PaperEntryNotFound = 'PAPER_ENTRY_NOT_FOUND',
  SignIn = 'SIGN_IN_REQUIRED',
  NotAllowed = 'NOT_ALLOWED',
  VotingClosed = 'VOTING_CLOSED',
  RuleBroken = 'VOTE_RULE_BROKEN',
  OverEnvelope = 'OVER_ENVELOPE',
  /** An administrator's confirmed selection costs more than the envelope. */
  SelectionOverEnvelope = 'SELECTION_OVER_ENVELOPE',
  ProjectUnavailable = 'PROJECT_UNAVAILABLE',
  AlreadyVoted = 'ALREADY_VOTED',
  Workflow = 'WORKFLOW_LIMIT',
  CancelNotAllowed = 'CANCEL_NOT_ALLOWED',
  NotVoted = 'NOT_VOTED',
  WrongState = 'WRONG_STATE',
  ResultsHidden = 'RESULTS_NOT_PUBLIC',
  SpacesUnavailable = 'SPACES_UNAVAILABLE',
  /** Too many checkouts waiting: confirm again shortly (Retry-After). */
  Overloaded = 'OVERLOADED',
  Invalid = 'INVALID',
}

const STATUS: Record<BudgetingError, new (body: object) => HttpException> = {
  [BudgetingError.ComponentNotFound]: NotFoundException,
  [BudgetingError.BudgetNotFound]: NotFoundException,
  [BudgetingError.ProjectNotFound]: NotFoundException,
  [BudgetingError.ResultNotFound]: NotFoundException,
  [BudgetingError.PaperEntryNotFound]: NotFoundException,
  [BudgetingError.SignIn]: UnauthorizedException,
  [BudgetingError.NotAllowed]: ForbiddenException,
  [BudgetingError.VotingClosed]: ConflictException,
  [BudgetingError.RuleBroken]: UnprocessableEntityException,
  [BudgetingError.OverEnvelope]: UnprocessableEntityException,
  [BudgetingError.SelectionOverEnvelope]: UnprocessableEntityException,
  [BudgetingError.ProjectUnavailable]: UnprocessableEntityException,
  [BudgetingError.AlreadyVoted]: ConflictException,
  [BudgetingError.Workflow]: ConflictException,
  [BudgetingError.CancelNotAllowed]: ConflictException,
  [BudgetingError.NotVoted]: NotFoundException,
  [BudgetingError.WrongState]: ConflictException,
  [BudgetingError.ResultsHidden]: NotFoundException,
  [BudgetingError.SpacesUnavailable]: ServiceUnavailableException,
  [BudgetingError.Overloaded]: ServiceUnavailableException,
  [BudgetingError.Invalid]: BadRequestException,
};

export function budgetingException(
  code: BudgetingError,
  message: string,
  extra: Record<string, unknown> = {},
): HttpException {
  return new STATUS[code]({ message, code, ...extra });
}

/**
 * Where signing in as a FranceConnect signer brings the voter back to the
 * site's page of the component (or of one budget). The site resolves a space
 * by its id as well as by its slug; budgeting knows only the id.
 */
export function signInPath(c: { spaceId: string; id: string }, budgetId?: string): string {
  const back = `/spaces/${c.spaceId}/budgets/${c.id}${budgetId ? `/${budgetId}` : ''}`;
  return `/auth/franceconnect/login?mode=signer&returnTo=${encodeURIComponent(back)}`;
}

/** A 400 naming one field, in the shape the validation pipe uses. */
export function badField(field: string, message: string): HttpException {
  return budgetingException(BudgetingError.Invalid, `${field}: ${message}`, {
    errors: [{ field, message }],
  });
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** PostgreSQL's unique_violation, as TypeORM or the driver reports it. */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; driverError?: { code?: string } };
  return err?.code === '23505' || err?.driverError?.code === '23505';
}
