import { Inject, Injectable } from '@nestjs/common';
import type { SpacePhaseTiming } from '@palabre/contracts';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@palabre/service-kit';

export type PhaseTiming = SpacePhaseTiming;

/**
 * Where `today` (YYYY-MM-DD) falls against a phase's dates. A missing date
 * leaves that side open; both days are included.
 */
export function timingOn(
  p: { starts_on: string | null; ends_on: string | null },
  today: string,
): PhaseTiming {
  if (p.starts_on && today < p.starts_on) return 'upcoming';
  if (p.ends_on && today > p.ends_on) return 'ended';
  return 'current';
}

/** The day it is at `now` in `timeZone`, as YYYY-MM-DD. */
export function dayIn(timeZone: string, now: Date = new Date()): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/**
 * The organization's calendar for phases (SPACES_TIME_ZONE, Europe/Paris by
 * default): phase dates are days in that zone, so "has this phase ended?"
 * is answered in it, by the scheduler, the effective settings and the views
 * alike.
 */
@Injectable()
export class PhaseCalendar {
  readonly timeZone: string;

  constructor(@Inject(SERVICE_RUNTIME) runtime: ServiceRuntime) {
    this.timeZone = runtime.env.SPACES_TIME_ZONE || 'Europe/Paris';
    try {
      new Intl.DateTimeFormat('en', { timeZone: this.timeZone });
    } catch {
      throw new Error(
        `SPACES_TIME_ZONE: "${this.timeZone}" is not a time zone (e.g. Europe/Paris, America/Cayenne)`,
      );
    }
  }

  today(): string {
    return dayIn(this.timeZone);
  }

  timing(p: { starts_on: string | null; ends_on: string | null }): PhaseTiming {
    return timingOn(p, this.today());
  }
}
