import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  NotFoundException,
  ParseUUIDPipe,
  type HttpException,
} from '@nestjs/common';

/** The spaces service's domain errors: a stable code the web app translates, and an English message. */
export enum SpaceError {
  NotFound = 'SPACE_NOT_FOUND',
  PhaseNotFound = 'PHASE_NOT_FOUND',
  ComponentNotFound = 'COMPONENT_NOT_FOUND',
  MemberNotFound = 'MEMBER_NOT_FOUND',
  NotAllowed = 'NOT_ALLOWED',
  SlugTaken = 'SLUG_TAKEN',
  NoPhases = 'ASSEMBLIES_HAVE_NO_PHASES',
  ActivePhase = 'PHASE_ACTIVE',
  WrongState = 'SPACE_WRONG_STATE',
  ComponentTypeUnavailable = 'COMPONENT_TYPE_UNAVAILABLE',
  BadCursor = 'BAD_CURSOR',
  Invalid = 'INVALID',
}

const STATUS: Record<SpaceError, new (body: object) => HttpException> = {
  [SpaceError.NotFound]: NotFoundException,
  [SpaceError.PhaseNotFound]: NotFoundException,
  [SpaceError.ComponentNotFound]: NotFoundException,
  [SpaceError.MemberNotFound]: NotFoundException,
  [SpaceError.NotAllowed]: ForbiddenException,
  [SpaceError.SlugTaken]: ConflictException,
  [SpaceError.NoPhases]: ConflictException,
  [SpaceError.ActivePhase]: ConflictException,
  [SpaceError.WrongState]: ConflictException,
  [SpaceError.ComponentTypeUnavailable]: ConflictException,
  [SpaceError.BadCursor]: BadRequestException,
  [SpaceError.Invalid]: BadRequestException,
};

export function spaceException(
  code: SpaceError,
  message: string,
  extra: Record<string, unknown> = {},
): HttpException {
  return new STATUS[code]({ message, code, ...extra });
}

/** A 400 naming the fields, in the same shape as DTO validation errors. */
export function invalid(errors: { field: string; message: string }[]): HttpException {
  return spaceException(
    SpaceError.Invalid,
    errors.map((e) => `${e.field}: ${e.message}`).join('; '),
    { errors },
  );
}

export const notFound = () => spaceException(SpaceError.NotFound, 'No such space');

/** PostgreSQL's unique_violation, as TypeORM or the driver reports it. */
export function uniqueViolation(e: unknown): string | null {
  const err = e as {
    code?: string;
    constraint?: string;
    driverError?: { code?: string; constraint?: string };
  };
  if (err?.code === '23505' || err?.driverError?.code === '23505')
    return err.constraint ?? err.driverError?.constraint ?? '';
  return null;
}

/** A path parameter that must be a UUID; the 400 names it. */
export const uuidParam = (field: string) =>
  new ParseUUIDPipe({
    exceptionFactory: () => invalid([{ field, message: 'must be an id (UUID)' }]),
  });
