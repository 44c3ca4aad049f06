import { randomUUID } from 'node:crypto';
import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { Counter } from 'prom-client';
import type { DataSource } from 'typeorm';
import { metricsRegistry } from '@palabre/observability';
import { DATA_SOURCE, SERVICE_RUNTIME, type ServiceRuntime } from '@palabre/service-kit';
import { applyCountDeltas } from '../petitions/counters';
import type { PetitionRow } from '../petitions/petition.view';
import { PetitionsRepository } from '../petitions/petitions.repository';
import { PetitionsService } from '../petitions/petitions.service';

const drift = new Counter({
  name: 'palabre_petitions_count_repairs_total',
  help: 'Signatures added to (or removed from) counters by the recount; 0 when counts never drift',
  registers: [metricsRegistry],
});

export interface RecountReport {
  ran: boolean;
  checked: number;
  repaired: number;
}

/**
 * Background duties: closing petitions whose deadline passed, and the
 * recount that compares each open petition's counters with its signatures
 * and repairs any difference. One recount at a time across every replica (a
 * lease row); it never locks a petition while counting: it reads counter and
 * signatures in one snapshot and applies the difference as a delta.
 */
@Injectable()
export class MaintenanceService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly holder = randomUUID();
  private recounting = false;
  private timers: NodeJS.Timeout[] = [];
  private readonly closeEveryMs: number;
  private readonly recountEveryMs: number;

  constructor(
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
    private readonly petitions: PetitionsRepository,
    private readonly service: PetitionsService,
  ) {
    const ms = (name: string, fallback: number) => {
      const v = Number(runtime.env[name]);
      return Number.isInteger(v) && v >= 0 ? v : fallback;
    };
    this.closeEveryMs = ms('PETITIONS_CLOSE_INTERVAL_MS', 10_000);
    this.recountEveryMs = ms('PETITIONS_RECOUNT_INTERVAL_MS', 60_000);
  }

  onApplicationBootstrap(): void {
    const every = (ms: number, job: () => Promise<unknown>, name: string) => {
      if (ms === 0) return;
      let running = false;
      const t = setInterval(() => {
        if (running) return;
        running = true;
        job()
          .catch((error) =>
            this.runtime.logger.emit('error', `Petitions ${name} failed`, { error: String(error) }),
          )
          .finally(() => (running = false));
      }, ms);
      t.unref();
      this.timers.push(t);
    };
    every(this.closeEveryMs, () => this.closeExpired(), 'closing');
    every(this.recountEveryMs, () => this.recount(), 'recount');
  }

  onModuleDestroy(): void {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
  }

  /** Closes published petitions past their deadline; returns how many. */
  async closeExpired(): Promise<number> {
    let closed = 0;
    for (;;) {
      const batch = await this.ds.transaction(async (m) => {
        const rows: PetitionRow[] = await m.query(
          `SELECT * FROM petitions.petitions WHERE state = 'published' AND closes_at <= now()
           ORDER BY closes_at LIMIT 100 FOR NO KEY UPDATE SKIP LOCKED`,
        );
        for (const p of rows)
          await this.petitions.transition(m, p, 'closed', {
            set: 'closed_at = closes_at',
            detail: { deadline: true },
          });
        return rows.map((r) => r.id);
      });
      batch.forEach((id) => this.service.invalidate(id));
      closed += batch.length;
      if (batch.length < 100) return closed;
    }
  }

  /** Takes the recount lease, or returns false when another recount holds it. */
  private async lease(minutes: number): Promise<boolean> {
    const rows = await this.ds.query(
      `INSERT INTO petitions.job_leases (name, holder, until)
       VALUES ('recount', $1, now() + make_interval(mins => $2::int))
       ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, until = EXCLUDED.until
         WHERE petitions.job_leases.until < now() OR petitions.job_leases.holder = EXCLUDED.holder
       RETURNING holder`,
      [this.holder, minutes],
    );
    return rows.length === 1;
  }

  /**
   * Recounts petitions that can still change (open, or closed in the last
   * day; all of them with `everything`).
   */
  async recount(everything = false): Promise<RecountReport> {
    if (this.recounting) return { ran: false, checked: 0, repaired: 0 };
    this.recounting = true;
    try {
      // A short lease, renewed while counting: a recount killed with its process frees the job within a minute.
      if (!(await this.lease(1))) return { ran: false, checked: 0, repaired: 0 };
      let renewed = Date.now();
      let checked = 0;
      let repaired = 0;
      try {
        const ids: { id: string }[] = await this.ds.query(
          `SELECT id FROM petitions.petitions
            WHERE $1::boolean OR state = 'published' OR closed_at > now() - interval '1 day'`,
          [everything],
        );
        for (const { id } of ids) {
          if (Date.now() - renewed > 20_000) {
            if (!(await this.lease(1))) break;
            renewed = Date.now();
          }
          checked++;
          if (await this.recountOne(id)) repaired++;
        }
      } finally {
        await this.ds.query(
          `UPDATE petitions.job_leases SET until = now() WHERE name = 'recount' AND holder = $1`,
          [this.holder],
        );
      }
      return { ran: true, checked, repaired };
    } finally {
      this.recounting = false;
    }
  }

  private async recountOne(id: string): Promise<boolean> {
    // Counter and signatures seen in one snapshot: any difference is drift, not a batch in flight.
    const seen = await this.ds.transaction('REPEATABLE READ', async (m) => {
      const [p] = await m.query(`SELECT signature_count FROM petitions.petitions WHERE id = $1`, [
        id,
      ]);
      const areas: { area: string; counted: string; kept: string }[] = await m.query(
        `SELECT coalesce(s.area, c.area) AS area, coalesce(s.n, 0) AS counted, coalesce(c.count, 0) AS kept
           FROM (SELECT area, count(*) AS n FROM petitions.signatures
                  WHERE petition_id = $1 AND area IS NOT NULL GROUP BY area) s
           FULL JOIN (SELECT area, count FROM petitions.area_counts WHERE petition_id = $1) c
             ON c.area = s.area`,
        [id],
      );
      const [{ n }] = await m.query(
        `SELECT count(*) AS n FROM petitions.signatures WHERE petition_id = $1`,
        [id],
      );
      return { kept: Number(p?.signature_count ?? 0), counted: Number(n), areas };
    });
    const online = seen.counted - seen.kept;
    const areas = new Map(
      seen.areas
        .map((a) => [a.area, Number(a.counted) - Number(a.kept)] as const)
        .filter(([, d]) => d !== 0),
    );
    if (online === 0 && areas.size === 0) return false;
    await this.ds.transaction((m) =>
      applyCountDeltas(m, [{ petitionId: id, online, offline: 0, areas }]),
    );
    drift.inc(Math.abs(online));
    this.runtime.logger.emit('warn', 'Petition counter repaired by the recount', {
      petitionId: id,
      difference: online,
      areasRepaired: areas.size,
    });
    this.service.invalidate(id);
    return true;
  }
}
