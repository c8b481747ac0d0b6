import type { SKRSContext2D } from '@napi-rs/canvas';
import { LABEL_CHARS, amount, fitText, plainCanvas, renderNoData } from './canvas';
import { FONT_FAMILY, drawable } from './font';
import { BACKGROUND, MUTED, TEXT, heatColour } from './palette';
import { amounts, size, text, texts } from './validate';

export interface HeatmapChart {
  title: string;
  rows: string[];
  columns: string[];
  /** values[row][column], e.g. 7 weekdays × 24 hours. */
  values: number[][];
  unit?: string;
  width?: number;
  height?: number;
}

const TOP = 44;
const BOTTOM = 30;
const SCALE_WIDTH = 90;
const LABEL_FONT = `12px "${FONT_FAMILY}"`;

/** A grid of cells shaded white → dark blue by value, with row and column labels and a colour scale. */
export async function renderHeatmap(chart: HeatmapChart): Promise<Buffer> {
  const dimensions = size(chart);
  const title = text('title', chart.title);
  const rows = texts('rows', chart.rows);
  const columns = texts('columns', chart.columns);
  if (chart.unit !== undefined) text('unit', chart.unit);
  if (!Array.isArray(chart.values) || chart.values.length !== rows.length) {
    throw new RangeError(`values must have one row per label: ${rows.length} rows expected`);
  }
  const values = chart.values.map((row, r) => amounts(`values[${r}]`, row, columns.length));
  if (rows.length === 0 || columns.length === 0) return renderNoData(dimensions, title);

  const { canvas, ctx } = plainCanvas(dimensions, title);
  ctx.font = LABEL_FONT;
  const rowLabels = rows.map((r) => drawable(r, LABEL_CHARS));
  const left =
    12 + Math.min(dimensions.width * 0.25, Math.max(...rowLabels.map((l) => ctx.measureText(l).width)));
  const grid = {
    left,
    top: TOP,
    width: dimensions.width - left - SCALE_WIDTH,
    height: dimensions.height - TOP - BOTTOM,
  };
  const cellWidth = grid.width / columns.length;
  const cellHeight = grid.height / rows.length;
  const max = Math.max(0, ...values.flat());

  const valueFont = cellValueFont(ctx, values, cellWidth, cellHeight);
  values.forEach((row, r) =>
    row.forEach((value, c) => {
      const share = max === 0 ? 0 : value / max;
      const x = grid.left + c * cellWidth;
      const y = grid.top + r * cellHeight;
      ctx.fillStyle = heatColour(share);
      ctx.fillRect(x + 1, y + 1, cellWidth - 2, cellHeight - 2);
      if (value === 0 || valueFont === 0) return;
      ctx.font = `${valueFont}px "${FONT_FAMILY}"`;
      ctx.fillStyle = share > 0.55 ? BACKGROUND : TEXT;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.fillText(amount(value), x + cellWidth / 2, y + cellHeight / 2);
    }),
  );

  ctx.font = LABEL_FONT;
  ctx.fillStyle = TEXT;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  rowLabels.forEach((label, r) =>
    ctx.fillText(fitText(ctx, label, left - 12), left - 6, grid.top + (r + 0.5) * cellHeight),
  );
  drawColumnLabels(ctx, columns, grid, cellWidth);
  drawScale(ctx, max, chart.unit, grid.left + grid.width + 16, grid);
  return canvas.encode('png');
}

/** The largest font size (8–11 px) at which every cell's value fits its cell, or 0: all values or none. */
function cellValueFont(
  ctx: SKRSContext2D,
  values: number[][],
  cellWidth: number,
  cellHeight: number,
): number {
  const widest = values.flat().reduce((a, b) => (amount(b).length > amount(a).length ? b : a), 0);
  for (let px = Math.min(11, Math.floor(cellHeight * 0.45)); px >= 8; px--) {
    ctx.font = `${px}px "${FONT_FAMILY}"`;
    if (ctx.measureText(amount(widest)).width <= cellWidth - 4) return px;
  }
  return 0;
}

/** Column labels under the grid, every n-th one so that none overlap. */
function drawColumnLabels(
  ctx: SKRSContext2D,
  columns: string[],
  grid: { top: number; height: number; left: number },
  cellWidth: number,
): void {
  const labels = columns.map((c) => drawable(c, LABEL_CHARS));
  const widest = Math.max(...labels.map((l) => ctx.measureText(l).width));
  const step = Math.max(1, Math.ceil((widest + 8) / cellWidth));
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (let c = 0; c < labels.length; c += step) {
    const label = fitText(ctx, labels[c]!, cellWidth * step - 4);
    ctx.fillText(label, grid.left + (c + 0.5) * cellWidth, grid.top + grid.height + 6);
  }
}

/** A vertical colour bar from 0 (bottom) to the largest value (top), with both ends labelled. */
function drawScale(
  ctx: SKRSContext2D,
  max: number,
  unit: string | undefined,
  x: number,
  grid: { top: number; height: number },
): void {
  const barWidth = 14;
  const steps = 50;
  for (let i = 0; i < steps; i++) {
    ctx.fillStyle = heatColour(1 - i / (steps - 1));
    ctx.fillRect(x, grid.top + (i * grid.height) / steps, barWidth, grid.height / steps + 1);
  }
  ctx.strokeStyle = MUTED;
  ctx.lineWidth = 1;
  ctx.strokeRect(x + 0.5, grid.top + 0.5, barWidth - 1, grid.height - 1);
  ctx.fillStyle = TEXT;
  ctx.font = LABEL_FONT;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'top';
  const room = SCALE_WIDTH - barWidth - 22;
  ctx.fillText(fitText(ctx, amount(max, unit), room), x + barWidth + 4, grid.top);
  ctx.textBaseline = 'bottom';
  ctx.fillText(fitText(ctx, amount(0, unit), room), x + barWidth + 4, grid.top + grid.height);
}
