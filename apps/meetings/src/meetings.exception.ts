import {
  ConflictException,
  ForbiddenException,
  NotFoundException,
  ServiceUnavailableException,
  type HttpException,
} from '@nestjs/common';
import { badInput } from '@palabre/service-kit';

/** The meetings service's domain errors: a stable code the site translates, and an English message. */
export enum MeetingError {
  MeetingNotFound = 'MEETING_NOT_FOUND',
  RegistrationNotFound = 'REGISTRATION_NOT_FOUND',
  NotAllowed = 'NOT_ALLOWED',
  /** The meeting is not in a state that allows this (e.g. editing a cancelled meeting). */
  WrongState = 'WRONG_STATE',
  /** Registering is refused: `reason` says why (see RegistrationRefusal). */
  RegistrationRefused = 'REGISTRATION_REFUSED',
  Overloaded = 'OVERLOADED',
}

const STATUS: Record<MeetingError, new (body: object) => HttpException> = {
  [MeetingError.MeetingNotFound]: NotFoundException,
  [MeetingError.RegistrationNotFound]: NotFoundException,
  [MeetingError.NotAllowed]: ForbiddenException,
  [MeetingError.WrongState]: ConflictException,
  [MeetingError.RegistrationRefused]: ConflictException,
  [MeetingError.Overloaded]: ServiceUnavailableException,
};

export function meetingException(
  code: MeetingError,
  message: string,
  extra: Record<string, unknown> = {},
): HttpException {
  return new STATUS[code]({ message, code, ...extra });
}

export const meetingNotFound = () =>
  meetingException(MeetingError.MeetingNotFound, 'No such meeting');

/** 400 naming one field. */
export const invalidField = (field: string, message: string, rule = 'invalid') =>
  badInput([{ field, message, rule }], 'INVALID');

/** Why one cannot register (409 REGISTRATION_REFUSED, `reason`). */
export type RegistrationRefusal =
  | 'NOT_PUBLISHED'
  | 'CANCELLED'
  | 'REGISTRATIONS_CLOSED'
  | 'STARTED'
  | 'FULL'
  | 'GUESTS_NOT_ALLOWED'
  | 'PRIVATE'
  | 'TERMS_NOT_ACCEPTED';

const REFUSALS: Record<RegistrationRefusal, string> = {
  NOT_PUBLISHED: 'This meeting is not published',
  CANCELLED: 'This meeting will not take place',
  REGISTRATIONS_CLOSED: 'Registrations are closed for this meeting',
  STARTED: 'This meeting has started: registrations are closed',
  FULL: 'This meeting is full and has no waiting list',
  GUESTS_NOT_ALLOWED: 'Registering for this meeting needs an account',
  PRIVATE: 'This meeting is by invitation only',
  TERMS_NOT_ACCEPTED: 'Accept the registration terms to register',
};

export const registrationRefused = (reason: RegistrationRefusal) =>
  meetingException(MeetingError.RegistrationRefused, REFUSALS[reason], { reason });
