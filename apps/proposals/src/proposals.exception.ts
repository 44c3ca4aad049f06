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

/** The proposals service's domain errors: a stable code the web app translates, and an English message. */
export enum ProposalError {
  ComponentNotFound = 'COMPONENT_NOT_FOUND',
  NotFound = 'PROPOSAL_NOT_FOUND',
  CommentNotFound = 'COMMENT_NOT_FOUND',
  SignIn = 'SIGN_IN_REQUIRED',
  /** Spaces refused the action: the phase, a switch, a permission (see `reason`). */
  ActionClosed = 'ACTION_NOT_ALLOWED',
  NotAllowed = 'NOT_ALLOWED',
  ProposalLimit = 'PROPOSAL_LIMIT_REACHED',
  VoteLimit = 'VOTE_LIMIT_REACHED',
  ThresholdReached = 'THRESHOLD_REACHED',
  NotVotable = 'PROPOSAL_NOT_VOTABLE',
  NotAuthor = 'NOT_THE_AUTHOR',
  EditWindowClosed = 'EDIT_WINDOW_CLOSED',
  WrongState = 'WRONG_STATE',
  CommentsDisabled = 'COMMENTS_DISABLED',
  OfficialDisabled = 'OFFICIAL_PROPOSALS_DISABLED',
  Blocked = 'AUTHOR_BLOCKED',
  AlreadyReported = 'ALREADY_REPORTED',
  BadCursor = 'BAD_CURSOR',
  DuplicateState = 'DUPLICATE_STATE',
  SpacesUnavailable = 'SPACES_UNAVAILABLE',
  Overloaded = 'OVERLOADED',
  Invalid = 'INVALID',
}

const STATUS: Record<ProposalError, new (body: object) => HttpException> = {
  [ProposalError.ComponentNotFound]: NotFoundException,
  [ProposalError.NotFound]: NotFoundException,
  [ProposalError.CommentNotFound]: NotFoundException,
  [ProposalError.SignIn]: UnauthorizedException,
  [ProposalError.ActionClosed]: ConflictException,
  [ProposalError.NotAllowed]: ForbiddenException,
  [ProposalError.ProposalLimit]: UnprocessableEntityException,
  [ProposalError.VoteLimit]: UnprocessableEntityException,
  [ProposalError.ThresholdReached]: ConflictException,
  [ProposalError.NotVotable]: ConflictException,
  [ProposalError.NotAuthor]: ForbiddenException,
  [ProposalError.EditWindowClosed]: ConflictException,
  [ProposalError.WrongState]: ConflictException,
  [ProposalError.CommentsDisabled]: ConflictException,
  [ProposalError.OfficialDisabled]: ConflictException,
  [ProposalError.Blocked]: ForbiddenException,
  [ProposalError.AlreadyReported]: ConflictException,
  [ProposalError.BadCursor]: BadRequestException,
  [ProposalError.DuplicateState]: ConflictException,
  [ProposalError.SpacesUnavailable]: ServiceUnavailableException,
  [ProposalError.Overloaded]: ServiceUnavailableException,
  [ProposalError.Invalid]: BadRequestException,
};

export function proposalException(
  code: ProposalError,
  message: string,
  extra: Record<string, unknown> = {},
): HttpException {
  return new STATUS[code]({ message, code, ...extra });
}

/** A 400 naming the field, like the DTO validation's. */
export function invalid(field: string, message: string): HttpException {
  return proposalException(ProposalError.Invalid, `${field}: ${message}`, {
    errors: [{ field, message }],
  });
}

export const notFound = () =>
  proposalException(ProposalError.NotFound, 'No such proposal in this organization');

/** PostgreSQL's unique_violation, as TypeORM or the driver reports it. */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; driverError?: { code?: string } };
  return err?.code === '23505' || err?.driverError?.code === '23505';
}
