import {
  ConflictException,
  NotFoundException,
  UnprocessableEntityException,
  type HttpException,
} from '@nestjs/common';
import { badInput } from '@palabre/service-kit';

/** The sortitions service's domain errors: a stable code the site translates, and an English message. */
export enum SortitionError {
  DrawNotFound = 'DRAW_NOT_FOUND',
  /** Drawn already, or cancelled: a draw is never run again. */
  WrongState = 'WRONG_STATE',
  /** No panel meets the quotas: `category` (and `value`) say which. */
  QuotasInfeasible = 'QUOTAS_INFEASIBLE',
}

const STATUS: Record<SortitionError, new (body: object) => HttpException> = {
  [SortitionError.DrawNotFound]: NotFoundException,
  [SortitionError.WrongState]: ConflictException,
  [SortitionError.QuotasInfeasible]: UnprocessableEntityException,
};

export function sortitionException(
  code: SortitionError,
  message: string,
  extra: Record<string, unknown> = {},
): HttpException {
  return new STATUS[code]({ message, code, ...extra });
}

export const drawNotFound = () => sortitionException(SortitionError.DrawNotFound, 'No such draw');

/** 400 naming one field. */
export const invalidField = (field: string, message: string, rule = 'invalid', extra = {}) =>
  badInput([{ field, message, rule, ...extra }], 'INVALID');
