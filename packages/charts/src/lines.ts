import type { ChartConfiguration } from 'chart.js';
import { LABEL_CHARS, LAYOUT, LEGEND_CHARS, commonPlugins, renderChartJs, renderNoData } from './canvas';
import { drawable } from './font';
import { seriesColour } from './palette';
import { seriesList, size, text, texts } from './validate';

export interface LinesChart {
  title: string;
  labels: string[];
  series: { name: string; values: number[] }[];
  yLabel?: string;
  width?: number;
  height?: number;
}

/** One line per series over shared labels (e.g. weekly hours per member or category). */
export async function renderLines(chart: LinesChart): Promise<Buffer> {
  const dimensions = size(chart);
  const title = text('title', chart.title);
  const labels = texts('labels', chart.labels);
  const series = seriesList(chart.series, labels.length);
  if (chart.yLabel !== undefined) text('yLabel', chart.yLabel);
  if (labels.length === 0 || series.length === 0) return renderNoData(dimensions, title);
  const config: ChartConfiguration = {
    type: 'line',
    data: {
      labels: labels.map((l) => drawable(l, LABEL_CHARS)),
      datasets: series.map((s, i) => ({
        label: drawable(s.name, LEGEND_CHARS),
        data: s.values,
        borderColor: seriesColour(i),
        backgroundColor: seriesColour(i),
        borderWidth: 2,
        pointRadius: labels.length > 60 ? 0 : 2.5,
        tension: 0,
      })),
    },
    options: {
      layout: LAYOUT,
      plugins: commonPlugins(title, series.length, dimensions.height),
      scales: {
        x: { offset: true, grid: { display: false }, ticks: { maxRotation: 45, autoSkipPadding: 6 } },
        y: {
          beginAtZero: true,
          suggestedMax: 1,
          title: { display: chart.yLabel !== undefined, text: drawable(chart.yLabel ?? '', LEGEND_CHARS) },
        },
      },
    },
  };
  return renderChartJs(dimensions, config);
}
