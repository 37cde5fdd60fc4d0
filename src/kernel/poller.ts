// Work done again and again in the background of a server (claiming jobs, sealing the audit log): a round, then a
// pause, then the next round, never two rounds at once. A round that reports more work waiting is followed at once.
// stop() leaves no timer behind and resolves once the round in hand has finished. wake() cuts the pause short: the next
// round starts at once, or as soon as the round in hand ends.

export class Poller {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private current: Promise<void> | undefined;
  private stopRequested = false;
  private wokenDuringRound = false;

  /** `round` resolves true when more work is waiting (go again at once), false to pause `intervalMs`. */
  constructor(
    private readonly round: () => Promise<boolean>,
    private readonly intervalMs: number,
  ) {}

  /** Whether stop() has been asked for (a long round may check it between its steps). */
  get stopping(): boolean {
    return this.stopRequested;
  }

  start(): void {
    this.stopRequested = false;
    // Already polling, or a round is still finishing and will schedule the next one itself.
    if (this.timer !== undefined || this.current !== undefined) return;
    this.schedule(0);
  }

  /** Work may be waiting: start the next round now rather than after the pause. Nothing before start() or after stop(). */
  wake(): void {
    if (this.stopRequested) return;
    if (this.current !== undefined) {
      // The round in hand may already have looked: look again once it ends.
      this.wokenDuringRound = true;
      return;
    }
    if (this.timer === undefined) return;
    clearTimeout(this.timer);
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopRequested = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    await this.current;
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.wokenDuringRound = false;
      this.current = this.round().then((more) => {
        this.current = undefined;
        const again = more || this.wokenDuringRound;
        this.wokenDuringRound = false;
        if (!this.stopRequested) this.schedule(again ? 0 : this.intervalMs);
      });
    }, delayMs);
  }
}
