// Input checks shared by every chart: each failure is a RangeError that names the field and the value.

export const DEFAULT_WIDTH = 800;
export const DEFAULT_HEIGHT = 400;
const MIN_SIDE = 200;
const MAX_SIDE = 4000;

export function size(chart: { width?: number; height?: number }): { width: number; height: number } {
  const width = chart.width ?? DEFAULT_WIDTH;
  const height = chart.height ?? DEFAULT_HEIGHT;
  for (const [name, value] of [
    ['width', width],
    ['height', height],
  ] as const) {
    if (!Number.isInteger(value) || value < MIN_SIDE || value > MAX_SIDE) {
      throw new RangeError(
        `chart ${name} must be a whole number of pixels from ${MIN_SIDE} to ${MAX_SIDE}, got ${value}`,
      );
    }
  }
  return { width, height };
}

export function text(field: string, value: unknown): string {
  if (typeof value !== 'string') throw new RangeError(`${field} must be a string, got ${typeof value}`);
  return value;
}

export function texts(field: string, values: unknown): string[] {
  if (!Array.isArray(values)) throw new RangeError(`${field} must be an array of strings`);
  values.forEach((value, i) => text(`${field}[${i}]`, value));
  return values as string[];
}

/** A non-negative finite number for each label; `length` is the number of labels. */
export function amounts(field: string, values: unknown, length: number): number[] {
  if (!Array.isArray(values)) throw new RangeError(`${field} must be an array of numbers`);
  if (values.length !== length) {
    throw new RangeError(`${field} has ${values.length} values but there are ${length} labels`);
  }
  values.forEach((value, i) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new RangeError(`${field}[${i}] must be a finite number, got ${String(value)}`);
    }
    if (value < 0) throw new RangeError(`${field}[${i}] must not be negative, got ${value}`);
  });
  return values as number[];
}

/** Named series, each with one amount per label. */
export function seriesList(value: unknown, length: number): { name: string; values: number[] }[] {
  if (!Array.isArray(value)) throw new RangeError('series must be an array');
  return value.map((s: { name?: unknown; values?: unknown } | undefined, i) => ({
    name: text(`series[${i}].name`, s?.name),
    values: amounts(`series[${i}].values`, s?.values, length),
  }));
}
