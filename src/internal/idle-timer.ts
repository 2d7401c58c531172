// Ends a stream that has gone quiet: no bytes (events or keep-alive comments) for `ms` while a
// read is waiting. Time the consumer spends between reads does not count: a slow loop is not a
// stalled server.

import { APITimeoutError } from '../core/errors';

export class IdleTimer {
  /** When the read in progress started; -1 when none is waiting. */
  private waitingSince = -1;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Fails the read in progress. (Not a race against one shared promise: each race would leave a reaction on it.) */
  private failRead: ((error: APITimeoutError) => void) | undefined;

  constructor(private readonly ms: number) {}

  /** Settles like `read`, unless it waits `ms` for its bytes: then rejects with APITimeoutError. */
  wait<T>(read: Promise<T>): Promise<T> {
    this.waitingSince = Date.now();
    // One timer at a time, re-armed only when it fires: a read costs a clock read, not a timer.
    if (this.timer === undefined) this.arm(this.ms);
    return new Promise<T>((resolve, reject) => {
      this.failRead = reject;
      read.then(
        (value) => {
          this.settled();
          resolve(value);
        },
        (error: unknown) => {
          this.settled();
          reject(error);
        },
      );
    });
  }

  stop(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.failRead = undefined;
  }

  private settled(): void {
    this.waitingSince = -1;
    this.failRead = undefined;
  }

  private arm(delay: number): void {
    const timer = setTimeout(this.check, delay);
    (timer as { unref?: () => void }).unref?.(); // never keeps a process alive
    this.timer = timer;
  }

  private readonly check = (): void => {
    this.timer = undefined;
    if (this.waitingSince < 0) return; // no read waiting: the next one re-arms
    const waited = Date.now() - this.waitingSince;
    if (waited < this.ms) {
      this.arm(this.ms - waited);
      return;
    }
    const fail = this.failRead;
    this.settled();
    fail?.(
      new APITimeoutError(
        `The stream was idle for ${this.ms} ms (idleTimeout): no event or keep-alive arrived, so it was ended.`,
      ),
    );
  };
}
