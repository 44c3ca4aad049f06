import { Param, ParseUUIDPipe } from '@nestjs/common';
import { invalid } from './proposals.exception';

/** A path parameter that must be a UUID: 400 naming it otherwise. */
export const UuidParam = (name: string) =>
  Param(name, new ParseUUIDPipe({ exceptionFactory: () => invalid(name, 'must be a UUID') }));
