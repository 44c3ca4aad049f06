import type { ServiceRoute } from '../routing/service-route';

interface Answer {
  nextSince?: unknown;
  sessions?: { id?: unknown; expiresAt?: unknown }[];
}

/**
 * The signer sessions that were signed out and have not expired yet, as
 * identity tells them (ADR 0027): asked once at start, then every `everyMs`
 * (1 s) for those revoked since the previous answer's minute. The gateway
 * refuses their sealed cookies without a lookup while this copy is fresh (an
 * answer less than `staleMs` old); when it is not (identity unreachable for a
 * while), sealed cookies are looked up as any other, so a revocation is never
 * missed for longer than `staleMs`.
 */
export class SignerRevocations {
  private readonly revoked = new Map<string, number>();
  private since: string | undefined;
  private lastAnswerAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly identity: ServiceRoute,
    private readonly everyMs = 1_000,
    private readonly staleMs = 5_000,
  ) {}

  start(): void {
    this.stopped = false;
    void this.poll();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /** True while the copy is recent enough to decide without asking identity. */
  fresh(now = Date.now()): boolean {
    return now - this.lastAnswerAt < this.staleMs;
  }

  isRevoked(sessionId: string): boolean {
    return this.revoked.has(sessionId);
  }

  /** One question to identity; the next is scheduled whatever the outcome. */
  async poll(): Promise<void> {
    try {
      const path = `/internal/sessions/revoked-signers${
        this.since ? `?since=${encodeURIComponent(this.since)}` : ''
      }`;
      const r = await this.identity.call('GET', path, {});
      const body = r.body as Answer | null;
      if (r.status !== 200 || typeof body?.nextSince !== 'string' || !Array.isArray(body.sessions))
        throw new Error(`identity answered ${r.status} for revoked signer sessions`);
      const now = Date.now();
      for (const s of body.sessions) {
        const expires = Date.parse(String(s.expiresAt));
        if (typeof s.id === 'string' && expires > now) this.revoked.set(s.id, expires);
      }
      for (const [id, expires] of this.revoked) if (expires <= now) this.revoked.delete(id);
      this.since = body.nextSince;
      this.lastAnswerAt = now;
    } catch {
      // Stale after staleMs: sealed cookies are then looked up at identity, as before.
    } finally {
      if (!this.stopped) {
        clearTimeout(this.timer);
        this.timer = setTimeout(() => void this.poll(), this.everyMs);
        this.timer.unref();
      }
    }
  }
}
