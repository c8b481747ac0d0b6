import type { ChartConfiguration, ChartDataset } from 'chart.js';
import { LABEL_CHARS, LAYOUT, LEGEND_CHARS, commonPlugins, renderChartJs, renderNoData } from './canvas';
import { drawable } from './font';
import { FORECAST, FORECAST_BAND, seriesColour } from './palette';
import { amounts, seriesList, size, text, texts } from './validate';

export interface StackedDaysChart {
  title: string;
  /** One per day. */
  labels: string[];
  /** Stacked bars in hours, each as long as `labels`, e.g. one per category. */
  series: { name: string; values: number[] }[];
  /** Days after `labels`: a point forecast and its range. */
  forecast?: { name?: string; labels: string[]; values: number[]; low: number[]; high: number[] };
  yLabel?: string;
  width?: number;
  height?: number;
}

/** Hours per day stacked by series, with an optional forecast (dashed points) and its range (grey band). */
export async function renderStackedDays(chart: StackedDaysChart): Promise<Buffer> {
  const dimensions = size(chart);
  const title = text('title', chart.title);
  const labels = texts('labels', chart.labels);
  const series = seriesList(chart.series, labels.length);
  const forecast = chart.forecast && checkForecast(chart.forecast);
  if ((labels.length === 0 || series.length === 0) && (!forecast || forecast.labels.length === 0)) {
    return renderNoData(dimensions, title);
  }

  const ahead = forecast?.labels.length ?? 0;
  const pad = <T>(values: T[], before: number, after: number): (T | null)[] => [
    ...Array<null>(before).fill(null),
    ...values,
    ...Array<null>(after).fill(null),
  ];
  const datasets: ChartDataset[] = series.map((s, i) => ({
    type: 'bar',
    label: drawable(s.name, LEGEND_CHARS),
    data: pad(s.values, 0, ahead),
    backgroundColor: seriesColour(i),
    stack: 'hours',
    pointStyle: 'rect',
    order: 2,
  }));
  if (forecast) {
    const name = drawable(forecast.name ?? 'Forecast', LEGEND_CHARS);
    datasets.push(
      {
        type: 'bar',
        label: `${name} range`,
        data: pad(
          forecast.low.map((low, i) => [low, forecast.high[i]!] as [number, number]),
          labels.length,
          0,
        ) as never,
        backgroundColor: FORECAST_BAND,
        stack: 'forecast-range',
        pointStyle: 'rect',
        grouped: false,
        order: 1,
      },
      {
        type: 'line',
        label: name,
        data: pad(forecast.values, labels.length, 0),
        borderColor: FORECAST,
        backgroundColor: FORECAST,
        borderDash: [6, 4],
        borderWidth: 2,
        pointRadius: 4,
        stack: 'forecast-point',
        pointStyle: 'circle',
        order: 0,
      },
    );
  }
  const config: ChartConfiguration = {
    type: 'bar',
    data: { labels: [...labels, ...(forecast?.labels ?? [])].map((l) => drawable(l, LABEL_CHARS)), datasets },
    options: {
      layout: LAYOUT,
      plugins: commonPlugins(title, datasets.length, dimensions.height),
      scales: {
        x: { stacked: true, grid: { display: false }, ticks: { maxRotation: 45, autoSkipPadding: 6 } },
        y: {
          stacked: true,
          beginAtZero: true,
          suggestedMax: 1,
          title: { display: chart.yLabel !== undefined, text: drawable(chart.yLabel ?? '', LEGEND_CHARS) },
        },
      },
    },
  };
  return renderChartJs(dimensions, config);
}

function checkForecast(forecast: NonNullable<StackedDaysChart['forecast']>) {
  if (forecast.name !== undefined) text('forecast.name', forecast.name);
  const labels = texts('forecast.labels', forecast.labels);
  const values = amounts('forecast.values', forecast.values, labels.length);
  const low = amounts('forecast.low', forecast.low, labels.length);
  const high = amounts('forecast.high', forecast.high, labels.length);
  values.forEach((value, i) => {
    if (!(low[i]! <= value && value <= high[i]!)) {
      throw new RangeError(
        `forecast day ${i}: low ≤ value ≤ high does not hold (${low[i]}, ${value}, ${high[i]})`,
      );
    }
  });
  return { labels, values, low, high, ...(forecast.name === undefined ? {} : { name: forecast.name }) };
}
