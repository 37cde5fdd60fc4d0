// A gate bounds work that is expensive or scarce (password checks, database connections): at most `concurrency`
// holders at once, then a queue of bounded length and bounded wait. Waiters of high priority (people signed in) are
// let through before waiters of low priority (visitors), and are never refused for the queue's length. Work that
// cannot get through in time is refused with `http.overloaded`, which the web boundary answers as 503 with
// Retry-After: overload becomes a quick, honest answer instead of a queue that grows until every request times out.
import { AppError } from './errors.js';

export type Priority = 'high' | 'low';

export interface GateSettings {
  /** How many may hold the gate at once. */
  concurrency: number;
  /** How many low-priority waiters may queue; more are refused at once. */
  maxQueue: number;
  /** The longest a waiter waits before it is refused. */
  maxWaitMs: number;
}

interface Waiter {
  admit(): void;
  timer: NodeJS.Timeout;
}

export class Gate {
  private holders = 0;
  private readonly queues: Record<Priority, Waiter[]> = { high: [], low: [] };

  constructor(
    readonly name: string,
    private readonly settings: GateSettings,
  ) {
    if (!(settings.concurrency >= 1)) throw new RangeError(`gate ${name}: concurrency must be at least 1`);
  }

  /** Holders now, and waiters of each priority (for diagnostics and tests). */
  get load(): { holders: number; high: number; low: number } {
    return { holders: this.holders, high: this.queues.high.length, low: this.queues.low.length };
  }

  /**
   * Waits for a place and returns the function that gives it back (call it once, in a finally). `signal`: the
   * waiter has gone (its connection closed); it leaves the queue, refused, and takes no place.
   */
  async acquire(priority: Priority = 'low', signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) throw new AppError('http.overloaded', { detail: `${this.name}: the waiter had gone` });
    if (
      this.holders < this.settings.concurrency &&
      this.queues.high.length === 0 &&
      (priority === 'high' || this.queues.low.length === 0)
    ) {
      this.holders++;
      return this.releaser();
    }
    if (priority === 'low' && this.queues.low.length >= this.settings.maxQueue) {
      throw new AppError('http.overloaded', { detail: `${this.name}: ${this.queues.low.length} already waiting` });
    }
    return new Promise<() => void>((resolve, reject) => {
      const queue = this.queues[priority];
      const leave = (detail: string) => {
        clearTimeout(waiter.timer);
        signal?.removeEventListener('abort', onAbort);
        const at = queue.indexOf(waiter);
        if (at >= 0) queue.splice(at, 1);
        reject(new AppError('http.overloaded', { detail: `${this.name}: ${detail}` }));
      };
      const onAbort = () => leave('the waiter had gone');
      const waiter: Waiter = {
        admit: () => {
          clearTimeout(waiter.timer);
          signal?.removeEventListener('abort', onAbort);
          resolve(this.releaser());
        },
        timer: setTimeout(() => leave(`waited ${this.settings.maxWaitMs} ms`), this.settings.maxWaitMs),
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      queue.push(waiter);
    });
  }

  /** Runs `work` holding a place. */
  async run<T>(work: () => Promise<T>, priority: Priority = 'low'): Promise<T> {
    const release = await this.acquire(priority);
    try {
      return await work();
    } finally {
      release();
    }
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.queues.high.shift() ?? this.queues.low.shift();
      // The place passes straight to the next waiter; the count of holders stays the same.
      if (next) next.admit();
      else this.holders--;
    };
  }
}
