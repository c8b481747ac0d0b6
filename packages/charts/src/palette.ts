// Colours by series index: Tableau 10 (readable on white, distinguishable in most colour-vision
// deficiencies), then the same ten lightened for series 11–20, and so on. Index n always gets the same
// colour, so a category keeps its colour from one chart to the next when callers keep its order.
const BASE = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
];

export const TEXT = '#222222';
export const MUTED = '#666666';
export const GRID = '#e4e4e4';
export const BACKGROUND = '#ffffff';
export const FORECAST = '#333333';
export const FORECAST_BAND = 'rgba(51, 51, 51, 0.18)';

export function seriesColour(index: number): string {
  const base = BASE[index % BASE.length]!;
  const round = Math.floor(index / BASE.length) % 3; // 0: as is, 1: 35 % lighter, 2: 60 % lighter
  return round === 0 ? base : mix(base, [0, 0.35, 0.6][round]!);
}

/** Heat map colour for a share 0..1 of the largest value: white to dark blue. */
export function heatColour(share: number): string {
  const from = [247, 251, 255];
  const to = [8, 48, 107];
  const t = Math.min(1, Math.max(0, share));
  const [r, g, b] = from.map((f, i) => Math.round(f + (to[i]! - f) * t));
  return `rgb(${r}, ${g}, ${b})`;
}

function mix(hex: string, white: number): string {
  const channels = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  const [r, g, b] = channels.map((c) => Math.round(c + (255 - c) * white));
  return `rgb(${r}, ${g}, ${b})`;
}
