import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  NotFoundException,
  type HttpException,
} from '@nestjs/common';

export enum OrganizationError {
  HostTaken = 'HOST_TAKEN',
  /** A host outside the caller's own domains: only a platform operator assigns host names. */
  HostNotAllowed = 'HOST_NOT_ALLOWED',
  SlugTaken = 'SLUG_TAKEN',
  UnknownHost = 'UNKNOWN_HOST',
  NotFound = 'ORGANIZATION_NOT_FOUND',
  InvalidSettings = 'INVALID_SETTINGS',
}

export function organizationException(code: OrganizationError, detail: string): HttpException {
  switch (code) {
    case OrganizationError.HostTaken:
    case OrganizationError.SlugTaken:
      return new ConflictException({ message: detail, code });
    case OrganizationError.UnknownHost:
    case OrganizationError.NotFound:
      return new NotFoundException({ message: detail, code });
    case OrganizationError.InvalidSettings:
      return new BadRequestException({ message: detail, code });
    case OrganizationError.HostNotAllowed:
      return new ForbiddenException({
        message: detail,
        code,
        errors: [{ field: 'hosts', message: detail }],
      });
  }
}

/** A 400 naming one field, in the same shape as the validation pipe's (field + message). */
export function invalidField(field: string, message: string): HttpException {
  return new BadRequestException({
    message: `${field}: ${message}`,
    code: OrganizationError.InvalidSettings,
    errors: [{ field, message }],
  });
}
