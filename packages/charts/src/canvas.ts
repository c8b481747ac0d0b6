// What every chart shares: the canvas, chart.js set up for server-side rendering with the bundled font,
// the white background, the title and the "No data" card, and PNG encoding.
import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import { Chart, registerables, type ChartConfiguration, type Plugin } from 'chart.js';
import { FONT_FAMILY, drawable, ensureFont } from './font';
import { BACKGROUND, GRID, MUTED, TEXT } from './palette';

Chart.register(...registerables);
Chart.defaults.font.family = FONT_FAMILY;
Chart.defaults.color = TEXT;
Chart.defaults.borderColor = GRID;

export const TITLE_CHARS = 80;
export const LABEL_CHARS = 24;
export const LEGEND_CHARS = 28;
export const TITLE_FONT = { family: FONT_FAMILY, size: 16, weight: 'bold' } as const;

const numbers = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });

/** "12.5 h" or "12.5" without a unit. */
export function amount(value: number, unit?: string): string {
  const safeUnit = unit === undefined ? '' : drawable(unit, 12);
  return safeUnit === '' ? numbers.format(value) : `${numbers.format(value)} ${safeUnit}`;
}

const whiteBackground: Plugin = {
  id: 'timekeeperBackground',
  beforeDraw(chart) {
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.fillStyle = BACKGROUND;
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

/** Renders a chart.js configuration at the given size; the chart is drawn synchronously, then encoded. */
export async function renderChartJs(
  size: { width: number; height: number },
  config: ChartConfiguration,
): Promise<Buffer> {
  ensureFont();
  const canvas = createCanvas(size.width, size.height);
  const ctx = canvas.getContext('2d');
  ctx.lang = 'en'; // the default follows the host's language, which can change how text is shaped
  const options = { ...config.options, responsive: false, animation: false as const, devicePixelRatio: 1 };
  const chart = new Chart(
    canvas.getContext('2d') as never,
    {
      ...config,
      options,
      plugins: [whiteBackground, ...(config.plugins ?? [])],
    } as ChartConfiguration,
  );
  try {
    return await canvas.encode('png');
  } finally {
    chart.destroy();
  }
}

/** A canvas for charts drawn by hand (the heat map), white, with the title drawn. */
export function plainCanvas(size: { width: number; height: number }, title: string) {
  ensureFont();
  const canvas = createCanvas(size.width, size.height);
  const ctx = canvas.getContext('2d');
  ctx.lang = 'en';
  ctx.fillStyle = BACKGROUND;
  ctx.fillRect(0, 0, size.width, size.height);
  ctx.fillStyle = TEXT;
  ctx.font = `bold ${TITLE_FONT.size}px "${FONT_FAMILY}"`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  ctx.fillText(fitText(ctx, drawable(title, TITLE_CHARS), size.width - 20), size.width / 2, 12);
  return { canvas, ctx };
}

/** The title and "No data" in the middle: what every chart shows when it has nothing to draw. */
export async function renderNoData(size: { width: number; height: number }, title: string): Promise<Buffer> {
  const { canvas, ctx } = plainCanvas(size, title);
  ctx.fillStyle = MUTED;
  ctx.font = `18px "${FONT_FAMILY}"`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText('No data', size.width / 2, size.height / 2);
  return canvas.encode('png');
}

/** Cuts already drawable text with "…" until it fits `maxWidth` pixels in the context's font. */
export function fitText(ctx: SKRSContext2D, text: string, maxWidth: number): string {
  if (ctx.measureText(text).width <= maxWidth) return text;
  const graphemes = [...new Intl.Segmenter('und', { granularity: 'grapheme' }).segment(text)].map(
    (s) => s.segment,
  );
  while (graphemes.length > 1 && ctx.measureText(`${graphemes.join('')}…`).width > maxWidth) graphemes.pop();
  return `${graphemes.join('').trimEnd()}…`;
}

export const LAYOUT = { padding: { top: 8, bottom: 8, left: 8, right: 20 } };

/**
 * chart.js options shared by the bar, line and stacked charts. `legendEntries` 0 hides the legend; past
 * 8 entries the legend's font gets smaller, and it never takes more than 30 % of the height.
 */
export function commonPlugins(title: string, legendEntries: number, height: number) {
  const crowded = legendEntries > 8;
  return {
    title: {
      display: true,
      text: drawable(title, TITLE_CHARS),
      font: TITLE_FONT,
      padding: { top: 4, bottom: 8 },
    },
    legend: {
      display: legendEntries > 0,
      position: 'bottom' as const,
      maxHeight: Math.round(height * 0.3),
      labels: {
        usePointStyle: true,
        boxWidth: 8,
        boxHeight: 8,
        padding: crowded ? 8 : 12,
        font: { size: crowded ? 10 : 12 },
      },
    },
    tooltip: { enabled: false },
  };
}
