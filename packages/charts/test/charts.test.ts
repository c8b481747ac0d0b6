import { createCanvas, loadImage } from '@napi-rs/canvas';
import { pngDimensions, renderBars, renderHeatmap, renderLines, renderStackedDays } from '../src';
import { drawable } from '../src/font';

const days = ['Mon 01', 'Tue 02', 'Wed 03', 'Thu 04', 'Fri 05', 'Sat 06', 'Sun 07'];
const hours = [8, 7.5, 6, 8, 4, 0, 0];

/** How many pixels of the PNG are not white: a blank image has none. */
async function inkPixels(png: Buffer): Promise<number> {
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  const { data } = ctx.getImageData(0, 0, image.width, image.height);
  let ink = 0;
  for (let i = 0; i < data.length; i += 4)
    if (data[i]! < 250 || data[i + 1]! < 250 || data[i + 2]! < 250) ink++;
  return ink;
}

describe('every chart', () => {
  const charts: [string, (size: { width?: number; height?: number }) => Promise<Buffer>][] = [
    [
      'stacked days with a forecast',
      (s) =>
        renderStackedDays({
          title: 'Hours per day',
          labels: days,
          series: [
            { name: 'Work', values: hours },
            { name: 'Study', values: hours.map((h) => h / 2) },
          ],
          forecast: { labels: ['Mon 08', 'Tue 09'], values: [7, 6], low: [5, 4], high: [9, 8] },
          yLabel: 'hours',
          ...s,
        }),
    ],
    [
      'heat map',
      (s) =>
        renderHeatmap({
          title: 'Busiest hours',
          rows: days,
          columns: Array.from({ length: 24 }, (_, h) => String(h)),
          values: days.map((_, r) => Array.from({ length: 24 }, (_, h) => (h + r) % 5)),
          unit: 'h',
          ...s,
        }),
    ],
    ['bars', (s) => renderBars({ title: 'Members', labels: ['a', 'b'], values: [3, 1], unit: 'h', ...s })],
    [
      'horizontal bars',
      (s) => renderBars({ title: 'M', labels: ['a'], values: [3], horizontal: true, ...s }),
    ],
    [
      'lines',
      (s) => renderLines({ title: 'Weeks', labels: days, series: [{ name: 'x', values: hours }], ...s }),
    ],
  ];

  it.each(charts)('%s: a PNG of the default size 800 x 400, with something drawn', async (_, render) => {
    const png = await render({});
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(pngDimensions(png)).toEqual({ width: 800, height: 400 });
    expect(await inkPixels(png)).toBeGreaterThan(5_000);
  });

  it.each(charts)('%s: the requested size', async (_, render) => {
    expect(pngDimensions(await render({ width: 640, height: 360 }))).toEqual({ width: 640, height: 360 });
  });

  it.each(charts)('%s: the same input gives the same bytes', async (_, render) => {
    expect((await render({})).equals(await render({}))).toBe(true);
  });

  it.each(charts)('%s: a size out of range is refused', async (_, render) => {
    await expect(render({ width: 10 })).rejects.toThrow(/width must be a whole number of pixels from 200/);
    await expect(render({ height: 1.5 })).rejects.toThrow(/height/);
  });
});

describe('empty data', () => {
  it('says "No data" instead of crashing, for every kind of chart', async () => {
    const empties = await Promise.all([
      renderStackedDays({ title: 'Nothing', labels: [], series: [] }),
      renderStackedDays({ title: 'Nothing', labels: days, series: [] }),
      renderHeatmap({ title: 'Nothing', rows: [], columns: [], values: [] }),
      renderBars({ title: 'Nothing', labels: [], values: [] }),
      renderLines({ title: 'Nothing', labels: [], series: [] }),
    ]);
    const inks = await Promise.all(empties.map(inkPixels));
    for (const png of empties) expect(pngDimensions(png)).toEqual({ width: 800, height: 400 });
    // The same card every time (title and "No data"), far less ink than any chart.
    expect(new Set(inks).size).toBe(1);
    expect(inks[0]).toBeGreaterThan(100);
    expect(inks[0]).toBeLessThan(3_000);
  });

  it('draws a chart of zeros with its axes', async () => {
    const png = await renderBars({ title: 'Zeros', labels: ['a', 'b'], values: [0, 0] });
    expect(await inkPixels(png)).toBeGreaterThan(3_000);
  });
});

describe('text', () => {
  it('renders Latin, Greek, Cyrillic, Arabic, Hebrew, CJK, emoji and control characters without crashing', async () => {
    const names = [
      'Zoë',
      'Γιώργος',
      'Ольга',
      'مرحبا',
      'שלום',
      '田中太郎',
      '👩‍💻🔥',
      'a\u200Fb\u0000c',
      '',
      ' ',
    ];
    const png = await renderStackedDays({
      title: names.join(' '),
      labels: names,
      series: names.map((name) => ({ name, values: names.map(() => 1) })),
    });
    expect(pngDimensions(png)).toEqual({ width: 800, height: 400 });
    await expect(
      renderHeatmap({
        title: '田中',
        rows: names,
        columns: names,
        values: names.map(() => names.map(() => 1)),
      }),
    ).resolves.toBeInstanceOf(Buffer);
  });

  it('replaces what the bundled font cannot draw with one "�" per character and drops invisible ones', () => {
    expect(drawable('Ольга Γιώργος Zoë', 40)).toBe('Ольга Γιώργος Zoë');
    expect(drawable('田中 太郎', 40)).toBe('�� ��');
    expect(drawable('dev 👩‍💻', 40)).toBe('dev �');
    expect(drawable('a\u200Fb\u0000c\n d', 40)).toBe('abc d');
  });

  it('truncates long labels with an ellipsis', () => {
    expect(drawable('Meetings with a very long category name', 12)).toBe('Meetings wi…');
    expect([...drawable('ы'.repeat(100), 24)]).toHaveLength(24);
  });
});

describe('bad input', () => {
  const base = { title: 'Hours', labels: ['a', 'b'] };

  it.each([
    [NaN, /series\[0\]\.values\[1\] must be a finite number, got NaN/],
    [Infinity, /must be a finite number, got Infinity/],
    [-1, /series\[0\]\.values\[1\] must not be negative, got -1/],
  ])('refuses %p in a series', async (bad, message) => {
    await expect(renderStackedDays({ ...base, series: [{ name: 'x', values: [1, bad] }] })).rejects.toThrow(
      message,
    );
    await expect(renderLines({ ...base, series: [{ name: 'x', values: [1, bad] }] })).rejects.toThrow(
      message,
    );
  });

  it('refuses values that do not match the labels', async () => {
    await expect(renderBars({ ...base, values: [1] })).rejects.toThrow(
      'values has 1 values but there are 2 labels',
    );
    await expect(
      renderHeatmap({ title: 't', rows: ['a'], columns: ['x', 'y'], values: [[1]] }),
    ).rejects.toThrow('values[0] has 1 values but there are 2 labels');
    await expect(
      renderHeatmap({ title: 't', rows: ['a', 'b'], columns: ['x'], values: [[1]] }),
    ).rejects.toThrow(/one row per label/);
  });

  it('refuses a forecast whose range does not hold its value', async () => {
    const forecast = { labels: ['c'], values: [5], low: [6], high: [8] };
    await expect(
      renderStackedDays({ ...base, series: [{ name: 'x', values: [1, 2] }], forecast }),
    ).rejects.toThrow(/low ≤ value ≤ high/);
  });

  it('refuses a non-string label', async () => {
    await expect(renderBars({ title: 't', labels: [3 as unknown as string], values: [1] })).rejects.toThrow(
      'labels[0] must be a string, got number',
    );
  });
});

describe('pngDimensions', () => {
  it('refuses bytes that are not a PNG', () => {
    expect(() => pngDimensions(new Uint8Array(30))).toThrow('not a PNG image');
    expect(() => pngDimensions(Buffer.from('GIF89a'))).toThrow('not a PNG image');
  });
});
