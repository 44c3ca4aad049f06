/**
 * A worker's loop: `step` again and again while it reports work left (true),
 * else after `idleMs`, or at once when woken (something became due). A step
 * that throws is reported to `onError` and the loop goes on. `stop` wakes it
 * and waits for the step under way; long steps check `stopped` to end early.
 */
export class PollingLoop {
  private stopping = false;
  private running?: Promise<void>;
  private wakeUp?: () => void;

  constructor(
    private readonly options: {
      idleMs: number;
      step: () => Promise<boolean>;
      onError: (error: Error) => void;
    },
  ) {}

  get stopped(): boolean {
    return this.stopping;
  }

  start(): void {
    this.running ??= this.run();
  }

  /** Something became due: look at once rather than after the idle wait. */
  wake(): void {
    this.wakeUp?.();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wakeUp?.();
    await this.running;
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      let busy = false;
      try {
        busy = await this.options.step();
      } catch (error) {
        this.options.onError(error as Error);
      }
      if (!busy && !this.stopping)
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.options.idleMs);
          this.wakeUp = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      this.wakeUp = undefined;
    }
  }
}
