// The poller: rounds one after another with a pause between them, cut short by wake(); never two rounds at once.
import { describe, expect, it, vi } from 'vitest';
import { Poller } from './poller.js';

describe('Poller', () => {
  it('starts a round at once when woken during its pause, and again after a round it was woken during', async () => {
    let rounds = 0;
    let running = 0;
    let overlapped = false;
    let release: (() => void) | undefined;
    const poller = new Poller(async () => {
      rounds++;
      running++;
      if (running > 1) overlapped = true;
      // The third round waits to be released, so that a wake-up arrives while it runs.
      if (rounds === 3) await new Promise<void>((resolve) => (release = resolve));
      running--;
      return false;
    }, 3_600_000);
    poller.start();
    await vi.waitFor(() => expect(rounds).toBe(1));
    // An hour's pause, cut short.
    poller.wake();
    await vi.waitFor(() => expect(rounds).toBe(2));
    poller.wake();
    await vi.waitFor(() => expect(release).toBeDefined());
    poller.wake();
    poller.wake();
    release?.();
    // Woken (twice) during the third round: one more round follows it at once, then the pause.
    await vi.waitFor(() => expect(rounds).toBe(4));
    expect(overlapped).toBe(false);
    await poller.stop();
    poller.wake();
    await Promise.resolve();
    expect(rounds).toBe(4);
  });

  it('is not started by a wake-up', async () => {
    let rounds = 0;
    const poller = new Poller(async () => (rounds++, false), 10);
    poller.wake();
    await poller.stop();
    expect(rounds).toBe(0);
  });
});
