// Renders 800x400 charts N times each (default 200) and prints p50/p99 per kind, after a warm-up.
// Run after a build: pnpm --filter @timekeeper/charts bench [-- N]
import { performance } from 'node:perf_hooks';
import { createCanvas } from '@napi-rs/canvas';
import { renderBars, renderHeatmap, renderLines, renderStackedDays } from '@timekeeper/charts';

const runs = Number(process.argv[2] ?? 200);
const days = Array.from({ length: 28 }, (_, i) => `Nov ${String(i + 1).padStart(2, '0')}`);
const wave = (i: number, k: number) => Math.abs(Math.sin(i * 7.1 + k * 3.3)) * 3;
const categories = ['Work', 'Study', 'Meetings', 'Support'].map((name, k) => ({
  name,
  values: days.map((_, i) => wave(i, k)),
}));

const kinds: [string, () => Promise<Buffer>][] = [
  [
    'stacked days + forecast',
    () =>
      renderStackedDays({
        title: 'Hours per day',
        labels: days,
        series: categories,
        forecast: {
          labels: ['Dec 01', 'Dec 02', 'Dec 03', 'Dec 04', 'Dec 05', 'Dec 06', 'Dec 07'],
          values: [6, 6, 5, 4, 6, 1, 0],
          low: [4, 4, 3, 2, 4, 0, 0],
          high: [8, 8, 7, 6, 8, 2, 1],
        },
      }),
  ],
  [
    'heat map 7x24',
    () =>
      renderHeatmap({
        title: 'Busiest hours',
        rows: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
        columns: Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0')),
        values: Array.from({ length: 7 }, (_, r) => Array.from({ length: 24 }, (_, h) => wave(h, r))),
        unit: 'h',
      }),
  ],
  [
    'bars (10)',
    () =>
      renderBars({
        title: 'Top',
        labels: days.slice(0, 10),
        values: days.slice(0, 10).map((_, i) => wave(i, 0)),
        unit: 'h',
        horizontal: true,
      }),
  ],
  ['lines (4 x 28)', () => renderLines({ title: 'Weeks', labels: days, series: categories })],
];

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

// The floor: encoding a blank 800x400 canvas as PNG, the least any chart costs on this machine now.
const blank = () => createCanvas(800, 400).encode('png');

async function main(): Promise<void> {
  console.log(`${runs} renders of each chart at 800x400 (after 20 warm-up renders)`);
  for (const [name, render] of [['floor: blank PNG', blank] as const, ...kinds]) {
    for (let i = 0; i < 20; i++) await render();
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      bytes = (await render()).length;
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    console.log(
      `${name.padEnd(24)} p50 ${quantile(times, 0.5).toFixed(1)} ms  p99 ${quantile(times, 0.99).toFixed(1)} ms  ${(bytes / 1024).toFixed(1)} KiB`,
    );
  }
}

void main();
