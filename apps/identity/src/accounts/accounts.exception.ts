import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  HttpException,
  HttpStatus,
  NotFoundException,
  ServiceUnavailableException,
  UnauthorizedException,
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
  /** Sign-in paused for this account or address after repeated wrong passwords (Retry-After). */
  TooManyAttempts = 'TOO_MANY_ATTEMPTS',
  /** A service holding part of the person's data did not answer: the archive would be incomplete. */
  ExportUnavailable = 'EXPORT_UNAVAILABLE',
}

class TooManyRequestsException extends HttpException {
  constructor(body: object) {
    super(body, HttpStatus.TOO_MANY_REQUESTS);
  }
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
  [AccountError.TooManyAttempts]: TooManyRequestsException,
  [AccountError.ExportUnavailable]: ServiceUnavailableException,
};

export function accountException(
  code: AccountError,
  message: string,
  extra: Record<string, unknown> = {},
): HttpException {
  return new STATUS[code]({ message, code, ...extra });
}
