import { randomUUID } from 'node:crypto';
import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE, SERVICE_RUNTIME, type ServiceRuntime } from '@palabre/service-kit';
import { PhaseCalendar } from '../phases/phase-calendar';
import { PHASE_COLUMNS, SpacesRepository } from '../spaces/spaces.repository';
import { SpacesService } from '../spaces/spaces.service';
import type { PhaseRow } from '../spaces/space.view';

/**
 * Keeps phases in step with the calendar. For every process, when today
 * crosses a date of its active phase (it starts, or it ends), the settings
 * in force of its components are announced again: outside its dates the
 * active phase opens no action (ADR 0032). And it activates phases by their
 * dates, for processes whose admins asked for it (`autoPhases`). A phase is activated once, when its window opens (its
 * start date has come, its end date has not passed, and it was not activated
 * since it started): an admin who switches to another phase by hand during
 * that window is not overruled. One run at a time across replicas (a lease
 * row); each space is switched in its own transaction, its row locked like
 * a manual activation.
 */
@Injectable()
export class PhaseSchedulerService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly holder = randomUUID();
  private timer?: NodeJS.Timeout;
  private running = false;
  private readonly everyMs: number;
  readonly timeZone: string;

  constructor(
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
    private readonly spaces: SpacesRepository,
    private readonly service: SpacesService,
    calendar: PhaseCalendar,
  ) {
    const v = Number(runtime.env.SPACES_PHASE_INTERVAL_MS);
    this.everyMs = Number.isInteger(v) && v >= 0 ? v : 60_000;
    this.timeZone = calendar.timeZone;
  }

  onApplicationBootstrap(): void {
    if (this.everyMs === 0) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = true;
      this.activateByDates()
        .then(() => this.announceDateCrossings())
        .catch((error) =>
          this.runtime.logger.emit('error', 'Phase activation by dates failed', {
            error: String(error),
          }),
        )
        .finally(() => (this.running = false));
    }, this.everyMs);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private async lease(): Promise<boolean> {
    const rows = await this.ds.query(
      `INSERT INTO spaces.job_leases (name, holder, until) VALUES ('phases', $1, now() + interval '1 minute')
       ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, until = EXCLUDED.until
         WHERE spaces.job_leases.until < now() OR spaces.job_leases.holder = EXCLUDED.holder
       RETURNING holder`,
      [this.holder],
    );
    return rows.length === 1;
  }

  /** Activates every phase whose window opened; returns how many spaces switched (null: another replica runs). */
  async activateByDates(): Promise<number | null> {
    if (!(await this.lease())) return null;
    let switched = 0;
    try {
      const due: PhaseRow[] = await this.ds.query(
        `SELECT DISTINCT ON (p.space_id) ${PHASE_COLUMNS}
           FROM spaces.phases p
           JOIN spaces.spaces s ON s.organization_id = p.organization_id AND s.id = p.space_id
          WHERE s.auto_phases AND s.kind = 'process' AND NOT p.active
            AND p.starts_on <= (now() AT TIME ZONE $1)::date
            AND (p.ends_on IS NULL OR p.ends_on >= (now() AT TIME ZONE $1)::date)
            AND (p.activated_at IS NULL OR (p.activated_at AT TIME ZONE $1)::date < p.starts_on)
          ORDER BY p.space_id, p.starts_on DESC, p.position DESC
          LIMIT 500`,
        [this.timeZone],
      );
      for (const p of due) {
        const changed = await this.ds.transaction(async (m) => {
          const s = await this.spaces.find(p.organization_id, p.space_id, m, true);
          if (!s || !s.auto_phases) return false;
          const [fresh] = await m.query(
            `SELECT ${PHASE_COLUMNS} FROM spaces.phases p WHERE p.organization_id = $1 AND p.id = $2`,
            [p.organization_id, p.id],
          );
          if (!fresh || fresh.active) return false;
          return (await this.service.switchTo(m, s, fresh, 'dates')).changed;
        });
        if (changed) switched++;
      }
    } finally {
      await this.ds.query(
        `UPDATE spaces.job_leases SET until = now() WHERE name = 'phases' AND holder = $1`,
        [this.holder],
      );
      if (switched) this.service.invalidate();
    }
    return switched;
  }

  /**
   * Announces again the components' settings of every process whose active
   * phase is now on another side of its dates than when they were last
   * announced (it started or ended since); returns how many spaces
   * (null: another replica runs).
   */
  async announceDateCrossings(): Promise<number | null> {
    if (!(await this.lease())) return null;
    let announced = 0;
    try {
      const due: PhaseRow[] = await this.ds.query(
        `SELECT ${PHASE_COLUMNS}
           FROM spaces.phases p
           JOIN spaces.spaces s ON s.organization_id = p.organization_id AND s.id = p.space_id
          WHERE p.active AND s.kind = 'process'
            AND p.announced_timing IS DISTINCT FROM (CASE
                  WHEN p.starts_on > (now() AT TIME ZONE $1)::date THEN 'upcoming'
                  WHEN p.ends_on < (now() AT TIME ZONE $1)::date THEN 'ended'
                  ELSE 'current' END)
          LIMIT 500`,
        [this.timeZone],
      );
      for (const p of due) {
        const done = await this.ds.transaction(async (m) => {
          const s = await this.spaces.find(p.organization_id, p.space_id, m, true);
          if (!s) return false;
          const [fresh]: PhaseRow[] = await m.query(
            `SELECT ${PHASE_COLUMNS} FROM spaces.phases p WHERE p.organization_id = $1 AND p.id = $2`,
            [p.organization_id, p.id],
          );
          if (!fresh?.active) return false;
          await this.service.announcePhase(m, s, fresh, 'phase-dates');
          return true;
        });
        if (done) announced++;
      }
    } finally {
      await this.ds.query(
        `UPDATE spaces.job_leases SET until = now() WHERE name = 'phases' AND holder = $1`,
        [this.holder],
      );
      if (announced) this.service.invalidate();
    }
    return announced;
  }
}
