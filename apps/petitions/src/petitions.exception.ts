import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  NotFoundException,
  ServiceUnavailableException,
  UnauthorizedException,
  type HttpException,
} from '@nestjs/common';

/** The petitions service's domain errors: a stable code the web app translates, and an English message. */
export enum PetitionError {
  NotFound = 'PETITION_NOT_FOUND',
  TypeNotFound = 'PETITION_TYPE_NOT_FOUND',
  WrongState = 'PETITION_WRONG_STATE',
  NotOpen = 'PETITION_NOT_OPEN',
  SignInToSign = 'SIGN_IN_TO_SIGN',
  FranceConnectRequired = 'FRANCECONNECT_REQUIRED',
  SignInToAuthor = 'SIGN_IN_TO_AUTHOR',
  NotAuthor = 'NOT_THE_AUTHOR',
  WithdrawalNotAllowed = 'WITHDRAWAL_NOT_ALLOWED',
  NotSigned = 'NOT_SIGNED',
  ReceiptUnknown = 'RECEIPT_UNKNOWN',
  AreaNotAsked = 'AREA_NOT_ASKED',
  BadCursor = 'BAD_CURSOR',
  DuplicateType = 'DUPLICATE_TYPE',
  Overloaded = 'OVERLOADED',
  Invalid = 'INVALID',
  Minor = 'SIGNER_UNDER_18',
}

const STATUS: Record<PetitionError, new (body: object) => HttpException> = {
  [PetitionError.NotFound]: NotFoundException,
  [PetitionError.TypeNotFound]: BadRequestException,
  [PetitionError.WrongState]: ConflictException,
  [PetitionError.NotOpen]: ConflictException,
  [PetitionError.SignInToSign]: UnauthorizedException,
  [PetitionError.FranceConnectRequired]: ForbiddenException,
  [PetitionError.SignInToAuthor]: UnauthorizedException,
  [PetitionError.NotAuthor]: ForbiddenException,
  [PetitionError.WithdrawalNotAllowed]: ConflictException,
  [PetitionError.NotSigned]: NotFoundException,
  [PetitionError.ReceiptUnknown]: NotFoundException,
  [PetitionError.AreaNotAsked]: BadRequestException,
  [PetitionError.BadCursor]: BadRequestException,
  [PetitionError.DuplicateType]: ConflictException,
  [PetitionError.Overloaded]: ServiceUnavailableException,
  [PetitionError.Invalid]: BadRequestException,
  [PetitionError.Minor]: ForbiddenException,
};

export function petitionException(
  code: PetitionError,
  message: string,
  extra: Record<string, unknown> = {},
): HttpException {
  return new STATUS[code]({ message, code, ...extra });
}

/** Where a visitor goes to become a signer (the web app and API clients follow it). */
export function signInPath(petitionId: string, mode: 'signer' | 'author'): string {
  const back = mode === 'signer' ? `/petitions/${petitionId}` : '/petitions/new';
  return `/auth/franceconnect/login?mode=${mode}&returnTo=${encodeURIComponent(back)}`;
}

/** PostgreSQL's unique_violation, as TypeORM or the driver reports it. */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; driverError?: { code?: string } };
  return err?.code === '23505' || err?.driverError?.code === '23505';
}
