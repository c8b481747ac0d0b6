import type { ChartConfiguration, Plugin } from 'chart.js';
import { LABEL_CHARS, LAYOUT, amount, commonPlugins, renderChartJs, renderNoData } from './canvas';
import { FONT_FAMILY, drawable } from './font';
import { TEXT, seriesColour } from './palette';
import { amounts, size, text, texts } from './validate';

export interface BarsChart {
  title: string;
  labels: string[];
  values: number[];
  unit?: string;
  horizontal?: boolean;
  width?: number;
  height?: number;
}

/** One bar per label, its value written at the bar's end; `horizontal` for long labels (rankings). */
export async function renderBars(chart: BarsChart): Promise<Buffer> {
  const dimensions = size(chart);
  const title = text('title', chart.title);
  const labels = texts('labels', chart.labels);
  const values = amounts('values', chart.values, labels.length);
  if (chart.unit !== undefined) text('unit', chart.unit);
  if (labels.length === 0) return renderNoData(dimensions, title);
  const horizontal = chart.horizontal ?? false;
  const valueAxis = {
    beginAtZero: true,
    suggestedMax: 1,
    grace: '12%',
    title: { display: chart.unit !== undefined, text: drawable(chart.unit ?? '', 20) },
  };
  const categoryAxis = { grid: { display: false }, ticks: { autoSkip: !horizontal, maxRotation: 45 } };
  const config: ChartConfiguration = {
    type: 'bar',
    data: {
      labels: labels.map((l) => drawable(l, LABEL_CHARS)),
      datasets: [{ label: '', data: values, backgroundColor: seriesColour(0), maxBarThickness: 48 }],
    },
    options: {
      indexAxis: horizontal ? 'y' : 'x',
      layout: LAYOUT,
      plugins: commonPlugins(title, 0, dimensions.height),
      scales: horizontal ? { x: valueAxis, y: categoryAxis } : { x: categoryAxis, y: valueAxis },
    },
    plugins: [valueLabels(values, chart.unit, horizontal)],
  };
  return renderChartJs(dimensions, config);
}

/** Writes each bar's value past its end, when the bars are wide enough to carry it. */
function valueLabels(values: number[], unit: string | undefined, horizontal: boolean): Plugin {
  return {
    id: 'timekeeperValueLabels',
    afterDatasetsDraw(chart) {
      const bars = chart.getDatasetMeta(0).data;
      const { ctx } = chart;
      const slot = (horizontal ? chart.chartArea.height : chart.chartArea.width) / Math.max(1, bars.length);
      const fontSize = Math.min(12, Math.floor(slot * (horizontal ? 0.7 : 0.3)));
      if (fontSize < 9) return;
      ctx.save();
      ctx.font = `${fontSize}px "${FONT_FAMILY}"`;
      ctx.fillStyle = TEXT;
      ctx.textAlign = horizontal ? 'left' : 'center';
      ctx.textBaseline = horizontal ? 'middle' : 'bottom';
      bars.forEach((bar, i) => {
        const label = amount(values[i]!, unit);
        if (!horizontal && ctx.measureText(label).width > slot - 2) return;
        ctx.fillText(label, horizontal ? bar.x + 4 : bar.x, horizontal ? bar.y : bar.y - 3);
      });
      ctx.restore();
    },
  };
}
