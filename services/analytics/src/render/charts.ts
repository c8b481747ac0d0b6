/**
 * Charts off the event loop: chart.js draws synchronously (tens of ms for a month of stacked days), so
 * the service renders on one worker thread and keeps answering leaderboards meanwhile. Rendered PNGs
 * are kept by content (a hash of the chart's input), so a chart whose numbers did not change is not
 * drawn again whatever invalidated the result cache; the hit rate is a metric.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import {
  renderHeatmap,
  renderStackedDays,
  type HeatmapChart,
  type StackedDaysChart,
} from '@timekeeper/charts';
import type { AnalyticsMetrics } from '../metrics';

export type ChartRequest =
  | { readonly kind: 'stacked-days'; readonly chart: StackedDaysChart }
  | { readonly kind: 'heatmap'; readonly chart: HeatmapChart };

export function renderChart(request: ChartRequest): Promise<Buffer> {
  return request.kind === 'heatmap' ? renderHeatmap(request.chart) : renderStackedDays(request.chart);
}

/** PNGs kept by content; a few hundred charts of 30–90 KB. */
const KEPT = 256;

export class ChartRenderer {
  private readonly worker: Worker | null;
  private readonly pending = new Map<
    number,
    { resolve: (png: Buffer) => void; reject: (e: Error) => void }
  >();
  private readonly kept = new Map<string, Buffer>();
  private next = 0;

  constructor(private readonly metrics: AnalyticsMetrics) {
    // The compiled service has the worker beside this file; run from sources (tests), render inline.
    const file = join(__dirname, 'chart-worker.js');
    this.worker = existsSync(file) ? new Worker(file) : null;
    this.worker?.on('message', (m: { id: number; png?: Uint8Array; error?: string }) => {
      const waiting = this.pending.get(m.id);
      this.pending.delete(m.id);
      if (!waiting) return;
      if (m.png) waiting.resolve(Buffer.from(m.png.buffer, m.png.byteOffset, m.png.byteLength));
      else waiting.reject(new Error(m.error ?? 'chart rendering failed'));
    });
    this.worker?.on('error', (error) => {
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    });
    this.worker?.unref();
  }

  async render(request: ChartRequest): Promise<Buffer> {
    const key = createHash('sha1').update(JSON.stringify(request)).digest('base64');
    const hit = this.kept.get(key);
    const chart = request.kind;
    if (hit) {
      this.metrics.cacheLookups.inc({ cache: `chart-${chart}`, outcome: 'hit' });
      this.kept.delete(key);
      this.kept.set(key, hit);
      return hit;
    }
    this.metrics.cacheLookups.inc({ cache: `chart-${chart}`, outcome: 'miss' });
    const started = performance.now();
    const png = await this.draw(request);
    this.metrics.chartSeconds.observe({ chart }, (performance.now() - started) / 1000);
    this.kept.set(key, png);
    if (this.kept.size > KEPT) this.kept.delete(this.kept.keys().next().value as string);
    return png;
  }

  private draw(request: ChartRequest): Promise<Buffer> {
    const worker = this.worker;
    if (!worker) return renderChart(request);
    const id = ++this.next;
    return new Promise<Buffer>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, request });
    });
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
  }
}
