/**
 * A wall clock that never goes back past a time already seen, and keeps counting (on the monotonic
 * clock) while the wall clock is behind. The license sidecar and the gateway read "now" through it, so
 * setting the system clock back neither un-expires a license nor stretches a grace period.
 */
export interface ForwardClockSources {
  readonly wall: () => number;
  /** Milliseconds that only move forward (performance.now). */
  readonly monotonic: () => number;
}

export class ForwardClock {
  private floor = 0;
  private floorAtMonotonic = 0;

  constructor(
    private readonly sources: ForwardClockSources = { wall: Date.now, monotonic: () => performance.now() },
  ) {}

  now(): number {
    const { wall, monotonic } = this.sources;
    return Math.max(wall(), this.floor + (monotonic() - this.floorAtMonotonic));
  }

  /** Takes in a time seen elsewhere (e.g. stored before a restart); later readings never fall below it. */
  observe(seen: number): void {
    if (seen > this.now()) {
      this.floor = seen;
      this.floorAtMonotonic = this.sources.monotonic();
    }
  }
}
