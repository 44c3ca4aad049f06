import {
  ConflictException,
  ForbiddenException,
  NotFoundException,
  type HttpException,
} from '@nestjs/common';
import { badInput } from '@palabre/service-kit';

/** The surveys service's domain errors: a stable code the site translates, and an English message. */
export enum SurveyError {
  SurveyNotFound = 'SURVEY_NOT_FOUND',
  NotAllowed = 'NOT_ALLOWED',
  /** Someone already answered (the first answer is kept). */
  AlreadyAnswered = 'ALREADY_ANSWERED',
  /** Not published, not open yet, or closed. */
  NotOpen = 'SURVEY_NOT_OPEN',
  /** Questions cannot change once someone answered; a published survey cannot be deleted. */
  WrongState = 'WRONG_STATE',
}

const STATUS: Record<SurveyError, new (body: object) => HttpException> = {
  [SurveyError.SurveyNotFound]: NotFoundException,
  [SurveyError.NotAllowed]: ForbiddenException,
  [SurveyError.AlreadyAnswered]: ConflictException,
  [SurveyError.NotOpen]: ConflictException,
  [SurveyError.WrongState]: ConflictException,
};

export function surveyException(
  code: SurveyError,
  message: string,
  extra: Record<string, unknown> = {},
): HttpException {
  return new STATUS[code]({ message, code, ...extra });
}

export const surveyNotFound = () => surveyException(SurveyError.SurveyNotFound, 'No such survey');

/** 400 naming one field. */
export const invalidField = (field: string, message: string, rule = 'invalid') =>
  badInput([{ field, message, rule }], 'INVALID');
