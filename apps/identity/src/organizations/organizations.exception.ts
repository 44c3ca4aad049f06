import { ConflictException, NotFoundException, type HttpException } from '@nestjs/common';

export enum OrganizationError {
  HostTaken = 'HOST_TAKEN',
  SlugTaken = 'SLUG_TAKEN',
  UnknownHost = 'UNKNOWN_HOST',
}

export function organizationException(code: OrganizationError, detail: string): HttpException {
  switch (code) {
    case OrganizationError.HostTaken:
    case OrganizationError.SlugTaken:
      return new ConflictException(detail);
    case OrganizationError.UnknownHost:
      return new NotFoundException(detail);
  }
}
