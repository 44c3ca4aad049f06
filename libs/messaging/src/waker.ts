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

  sleep(ms: number): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.resolve = undefined;
        resolve();
      }, ms);
      this.resolve = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
