import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  NotFoundException,
  type HttpException,
} from '@nestjs/common';

export enum GrantError {
  InvalidGrant = 'INVALID_GRANT',
  OperatorOnly = 'OPERATOR_ONLY',
  UserNotFound = 'USER_NOT_FOUND',
  AccountNotActive = 'ACCOUNT_NOT_ACTIVE',
  GrantExists = 'GRANT_EXISTS',
  GrantNotFound = 'GRANT_NOT_FOUND',
  LastAdmin = 'LAST_ADMIN',
  OrganizationNotFound = 'ORGANIZATION_NOT_FOUND',
}

const STATUS: Record<GrantError, new (body: object) => HttpException> = {
  [GrantError.InvalidGrant]: BadRequestException,
  [GrantError.OperatorOnly]: ForbiddenException,
  [GrantError.UserNotFound]: NotFoundException,
  [GrantError.AccountNotActive]: ConflictException,
  [GrantError.GrantExists]: ConflictException,
  [GrantError.GrantNotFound]: NotFoundException,
  [GrantError.LastAdmin]: ConflictException,
  [GrantError.OrganizationNotFound]: NotFoundException,
};

export function grantException(code: GrantError, message: string): HttpException {
  return new STATUS[code]({ message, code });
}

/** A 400 naming the field at fault, in the validation pipe's shape. */
export function invalidGrantField(field: string, message: string): HttpException {
  return new BadRequestException({
    message: `${field}: ${message}`,
    code: GrantError.InvalidGrant,
    errors: [{ field, message }],
  });
}
