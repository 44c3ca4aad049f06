import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { returnedRows } from '@palabre/persistence';
import { PollingLoop, SERVICE_RUNTIME, type ServiceRuntime } from '@palabre/service-kit';

const BATCH = 100;

/**
 * A panel's pool of volunteers (identifiers and categories) is deleted once
 * the component's retention after its preparation has passed; the draw keeps
 * its commitment, numbers, result and each group's probability, and says
 * when the pool went. Looks every SORTITIONS_RETENTION_INTERVAL_MS (an hour).
 */
@Injectable()
export class PoolRetentionJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly loop: PollingLoop;

  constructor(@Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime) {
    const interval = Number(runtime.env.SORTITIONS_RETENTION_INTERVAL_MS ?? 3_600_000);
    this.loop = new PollingLoop({
      idleMs: Number.isFinite(interval) && interval > 0 ? interval : 3_600_000,
      step: () => this.sweep(),
      onError: (error) =>
        runtime.logger.emit('error', 'Deleting expired pools failed', { error: String(error) }),
    });
  }

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }

  /** Deletes a batch of expired pools; true when there may be more. */
  async sweep(): Promise<boolean> {
    const deleted = await this.runtime.dataSource.transaction(async (m) => {
      const list = returnedRows<{ draw_id: string; organization_id: string }>(
        await m.query(
          `DELETE FROM sortitions.pools WHERE draw_id IN (
           SELECT draw_id FROM sortitions.pools WHERE delete_after <= now() LIMIT ${BATCH})
         RETURNING draw_id, organization_id`,
        ),
      );
      for (const r of list)
        await m.query(
          `UPDATE sortitions.draws SET pool_deleted_at = now() WHERE organization_id = $1 AND id = $2`,
          [r.organization_id, r.draw_id],
        );
      return list.length;
    });
    if (deleted)
      this.runtime.logger.emit('info', 'Deleted expired pools of volunteers', { count: deleted });
    return deleted === BATCH;
  }
}
