// The bundled font: DejaVu Sans (regular and bold) from the `dejavu-fonts-ttf` package, registered under
// a family name of our own so that no system font is ever picked instead. Text the font cannot draw
// (CJK, emoji, most symbols outside Latin, Greek, Cyrillic, Arabic, Hebrew, Armenian, Georgian) is
// replaced, one grapheme at a time, by U+FFFD "�": the same picture on every machine, never empty boxes.
import { readFileSync } from 'node:fs';
import { GlobalFonts } from '@napi-rs/canvas';

export const FONT_FAMILY = 'Timekeeper Sans';
export const REPLACEMENT = '\uFFFD';

const REGULAR = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

let covered: Set<number> | undefined;

/** Registers the bundled font once and reads which code points it covers. */
export function ensureFont(): void {
  if (covered) return;
  if (
    !GlobalFonts.registerFromPath(REGULAR, FONT_FAMILY) ||
    !GlobalFonts.registerFromPath(BOLD, FONT_FAMILY)
  ) {
    throw new Error(`@timekeeper/charts: could not register the bundled font ${REGULAR}`);
  }
  covered = cmapCodePoints(readFileSync(REGULAR));
}

const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu; // controls, bidi marks, joiners, variation selectors
const segmenter = new Intl.Segmenter('und', { granularity: 'grapheme' });

/**
 * Text safe to draw with the bundled font: invisible and control characters removed, each grapheme the
 * font cannot draw replaced by "�", whitespace collapsed, and cut to `maxChars` graphemes with "…".
 */
export function drawable(text: string, maxChars: number): string {
  ensureFont();
  const graphemes: string[] = [];
  for (const { segment } of segmenter.segment(text.normalize('NFC'))) {
    const visible = segment.replace(INVISIBLE, '');
    if (visible === '') continue;
    const drawableSegment = [...visible].every((ch) => covered!.has(ch.codePointAt(0)!) || /\s/u.test(ch));
    graphemes.push(drawableSegment ? visible.replace(/\s+/gu, ' ') : REPLACEMENT);
  }
  const joined = graphemes.join('').replace(/ {2,}/g, ' ').trim();
  const parts = [...segmenter.segment(joined)].map((s) => s.segment);
  return parts.length > maxChars
    ? `${parts
        .slice(0, Math.max(1, maxChars - 1))
        .join('')
        .trimEnd()}…`
    : joined;
}

/** The code points a TrueType font maps to a glyph, read from its cmap table (format 12 or 4). */
export function cmapCodePoints(font: Buffer): Set<number> {
  const tables = font.readUInt16BE(4);
  let cmap = -1;
  for (let i = 0; i < tables; i++) {
    const record = 12 + i * 16;
    if (font.toString('latin1', record, record + 4) === 'cmap') cmap = font.readUInt32BE(record + 8);
  }
  if (cmap < 0) throw new Error('@timekeeper/charts: the bundled font has no cmap table');
  const subtables = new Map<string, number>();
  for (let i = 0; i < font.readUInt16BE(cmap + 2); i++) {
    const record = cmap + 4 + i * 8;
    subtables.set(
      `${font.readUInt16BE(record)}.${font.readUInt16BE(record + 2)}`,
      cmap + font.readUInt32BE(record + 4),
    );
  }
  const points = new Set<number>();
  const full = subtables.get('3.10');
  if (full !== undefined && font.readUInt16BE(full) === 12) {
    for (let g = 0; g < font.readUInt32BE(full + 12); g++) {
      const group = full + 16 + g * 12;
      for (let c = font.readUInt32BE(group); c <= font.readUInt32BE(group + 4); c++) points.add(c);
    }
    return points;
  }
  const bmp = subtables.get('3.1');
  if (bmp === undefined || font.readUInt16BE(bmp) !== 4)
    throw new Error('@timekeeper/charts: no Unicode cmap');
  const segments = font.readUInt16BE(bmp + 6) / 2;
  const ends = bmp + 14;
  const starts = ends + segments * 2 + 2;
  const deltas = starts + segments * 2;
  const rangeOffsets = deltas + segments * 2;
  for (let s = 0; s < segments; s++) {
    const start = font.readUInt16BE(starts + s * 2);
    const end = font.readUInt16BE(ends + s * 2);
    const delta = font.readUInt16BE(deltas + s * 2);
    const rangeOffset = font.readUInt16BE(rangeOffsets + s * 2);
    for (let c = start; c <= end && c !== 0xffff; c++) {
      const glyph =
        rangeOffset === 0
          ? (c + delta) & 0xffff
          : font.readUInt16BE(rangeOffsets + s * 2 + rangeOffset + (c - start) * 2);
      if (glyph !== 0) points.add(c);
    }
  }
  return points;
}
