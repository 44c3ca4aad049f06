import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  NotFoundException,
  ServiceUnavailableException,
  UnauthorizedException,
  type HttpException,
} from '@nestjs/common';

/** Identity's domain errors: a code the web app translates, and an English message for API users. */
export enum AccountError {
  RegistrationClosed = 'REGISTRATION_CLOSED',
  CaptchaFailed = 'CAPTCHA_FAILED',
  InvalidToken = 'INVALID_TOKEN',
  BadCredentials = 'BAD_CREDENTIALS',
  EmailNotConfirmed = 'EMAIL_NOT_CONFIRMED',
  AccountBlocked = 'ACCOUNT_BLOCKED',
  UserNotFound = 'USER_NOT_FOUND',
  AlreadyInState = 'ALREADY_IN_STATE',
  Protected = 'PROTECTED_ACCOUNT',
  LastAdmin = 'LAST_ADMIN',
  /** A service holding part of the person's data did not answer: the archive would be incomplete. */
  ExportUnavailable = 'EXPORT_UNAVAILABLE',
}

const STATUS: Record<AccountError, new (body: object) => HttpException> = {
  [AccountError.RegistrationClosed]: ForbiddenException,
  [AccountError.CaptchaFailed]: BadRequestException,
  [AccountError.InvalidToken]: BadRequestException,
  [AccountError.BadCredentials]: UnauthorizedException,
  [AccountError.EmailNotConfirmed]: ForbiddenException,
  [AccountError.AccountBlocked]: ForbiddenException,
  [AccountError.UserNotFound]: NotFoundException,
  [AccountError.AlreadyInState]: ConflictException,
  [AccountError.Protected]: ForbiddenException,
  [AccountError.LastAdmin]: ConflictException,
  [AccountError.ExportUnavailable]: ServiceUnavailableException,
};

export function accountException(code: AccountError, message: string): HttpException {
  return new STATUS[code]({ message, code });
}
