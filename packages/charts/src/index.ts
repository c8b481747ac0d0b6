/**
 * The charts. Each renderer loads chart.js and the canvas on its first call, so a process (or thread)
 * that only imports this package for `pngDimensions` or the chart types never loads them.
 */
import type { BarsChart } from './bars';
import type { HeatmapChart } from './heatmap';
import type { LinesChart } from './lines';
import type { StackedDaysChart } from './stacked-days';

export type { BarsChart, HeatmapChart, LinesChart, StackedDaysChart };
export { pngDimensions } from './png';

/** Hours per day stacked by series, with an optional forecast (dashed points) and its range (grey band). */
export async function renderStackedDays(chart: StackedDaysChart): Promise<Buffer> {
  return (await import('./stacked-days.js')).renderStackedDays(chart);
}

/** A grid of cells shaded white → dark blue by value, with row and column labels and a colour scale. */
export async function renderHeatmap(chart: HeatmapChart): Promise<Buffer> {
  return (await import('./heatmap.js')).renderHeatmap(chart);
}

/** One bar per label, its value written at the bar's end; `horizontal` for long labels (rankings). */
export async function renderBars(chart: BarsChart): Promise<Buffer> {
  return (await import('./bars.js')).renderBars(chart);
}

/** One line per series over shared labels (e.g. weekly hours per member or category). */
export async function renderLines(chart: LinesChart): Promise<Buffer> {
  return (await import('./lines.js')).renderLines(chart);
}
