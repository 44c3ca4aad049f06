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
  /** The registration form came back sooner than a person can fill it (REGISTRATION_MIN_SECONDS). */
  TooFast = 'REGISTRATION_TOO_FAST',
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
  /** Account contacts asked with a token not passed on by a service that mails accounts (ADR 0035). */
  ContactsNotForThisCaller = 'CONTACTS_NOT_FOR_THIS_CALLER',
  /** Account contacts asked for no account's action (an anonymous visitor or signer). */
  ContactsNeedAnAccount = 'CONTACTS_NEED_AN_ACCOUNT',
}

class TooManyRequestsException extends HttpException {
  constructor(body: object) {
    super(body, HttpStatus.TOO_MANY_REQUESTS);
  }
}

const STATUS: Record<AccountError, new (body: object) => HttpException> = {
  [AccountError.RegistrationClosed]: ForbiddenException,
  [AccountError.CaptchaFailed]: BadRequestException,
  [AccountError.TooFast]: BadRequestException,
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
  [AccountError.ContactsNotForThisCaller]: ForbiddenException,
  [AccountError.ContactsNeedAnAccount]: ForbiddenException,
};

export function accountException(
  code: AccountError,
  message: string,
  extra: Record<string, unknown> = {},
): HttpException {
  return new STATUS[code]({ message, code, ...extra });
}
