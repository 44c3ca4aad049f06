/**
 * Sleep that a notification can cut short. A wake-up that arrives while the
 * worker is busy is remembered, so the next sleep returns at once and no
 * notification is lost between a check and the sleep.
 */
export class Waker {
  private pending = false;
  private resolve?: () => void;

  wake(): void {
    if (this.resolve) {
      const r = this.resolve;
      this.resolve = undefined;
      r();
    } else {
      this.pending = true;
    }
  }

  /** Sleeps `ms`, or less if woken; true when a wake-up ended it. */
  sleep(ms: number): Promise<boolean> {
    if (this.pending) {
      this.pending = false;
      return Promise.resolve(true);
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.resolve = undefined;
        resolve(false);
      }, ms);
      this.resolve = () => {
        clearTimeout(timer);
        resolve(true);
      };
    });
  }

  /**
   * Forgets a wake-up that came while busy: the work about to start covers it
   * (a notification of a commit made before this call).
   */
  forget(): void {
    this.pending = false;
  }
}

/**
 * The fallback poll of an idle worker (NOTIFY wakes it when there is work):
 * `base` after work, doubling while nothing comes, up to `max`. An idle
 * service then asks its database a few times a minute instead of every
 * second (on PGlite, the embedded platform's idle CPU).
 */
export class IdleBackoff {
  private next: number;

  constructor(
    private readonly base: number,
    private readonly max: number,
  ) {
    this.next = base;
  }

  /** How long to sleep after a pass that found `work` items. */
  after(work: number): number {
    if (work > 0) {
      this.next = this.base;
      return this.base;
    }
    const ms = this.next;
    this.next = Math.min(this.next * 2, Math.max(this.base, this.max));
    return ms;
  }
}
