/** Per-endpoint counters in ADR-32 terms (durations in nanoseconds). */
export interface EndpointStatsSnapshot {
  readonly num_requests: number;
  readonly num_errors: number;
  readonly last_error: string;
  readonly processing_time: number;
  readonly average_processing_time: number;
}

/** Counts requests, errors and processing time of one endpoint. Pure: the caller measures time. */
export class EndpointStats {
  private requests = 0;
  private errors = 0;
  private lastError = '';
  private processingNanos = 0;

  record(durationNanos: number, error?: string): void {
    this.requests += 1;
    this.processingNanos += Math.max(0, Math.round(durationNanos));
    if (error !== undefined) {
      this.errors += 1;
      this.lastError = error;
    }
  }

  snapshot(): EndpointStatsSnapshot {
    return {
      num_requests: this.requests,
      num_errors: this.errors,
      last_error: this.lastError,
      processing_time: this.processingNanos,
      average_processing_time: this.requests === 0 ? 0 : Math.round(this.processingNanos / this.requests),
    };
  }
}
