export type ReadinessCheck = () => boolean | Promise<boolean>;

/** Liveness is "the process answers"; readiness is every registered check passing. */
export class Health {
  private readonly checks = new Map<string, ReadinessCheck>();

  register(name: string, check: ReadinessCheck): void {
    this.checks.set(name, check);
  }

  async readiness(): Promise<{ ready: boolean; checks: Record<string, boolean> }> {
    const checks: Record<string, boolean> = {};
    for (const [name, check] of this.checks) {
      try {
        checks[name] = await check();
      } catch {
        checks[name] = false;
      }
    }
    return { ready: Object.values(checks).every(Boolean), checks };
  }
}

let stopping = false;

/**
 * Marks this process as stopping (SIGTERM, see onShutdown in @palabre/service-kit):
 * from now on its readiness answers 503 so that load balancers take it out,
 * while it goes on serving the requests that still reach it. There is no way
 * back: a process that began to stop stops.
 */
export function markStopping(): void {
  stopping = true;
}

/** Whether this process began to stop (markStopping). */
export function isStopping(): boolean {
  return stopping;
}
