/**
 * Fonts for the PDF, all bundled, all subset on embedding (font-subset.ts fixes fontkit's subsets):
 *
 * - DejaVu Sans (Bitstream Vera licence, assets/fonts/DejaVu-LICENSE.txt): Latin, Greek, Cyrillic,
 *   Hebrew and Arabic, including the Arabic presentation forms that arabic.ts shapes names into.
 * - Noto Sans JP (SIL OFL, assets/fonts/NotoSansJP-LICENSE.txt): Japanese and most Chinese.
 * - Noto Sans SC (SIL OFL, assets/fonts/NotoSansSC-LICENSE.txt): the simplified Chinese characters
 *   the JP font lacks.
 * - Noto Sans KR (SIL OFL, assets/fonts/NotoSansKR-LICENSE.txt): Korean (all 11,172 Hangul syllables,
 *   the Hangul jamo), which neither JP nor SC has.
 *
 * A stretch of characters DejaVu Sans lacks is drawn with the first of JP, SC, KR that has all of them
 * (so a Chinese or Korean name is drawn in one font), else character by character. The fallbacks are
 * embedded only when a text needs them. What no font draws is replaced, never drawn as a box: emoji
 * become "[emoji]" (readable.ts), anything else (Thai or Devanagari, for one) "�". Arabic is shaped
 * (arabic.ts) and right-to-left text put in visual order (bidi.ts) before the fonts are chosen.
 */
import { readFileSync } from 'node:fs';
import { PDFHexString, type PDFDocument, type PDFFont } from 'pdf-lib';
import fontkit from '@pdf-lib/fontkit';
import { readable } from '../readable';
import { shapeArabic } from './arabic';
import { visualOrder } from '../bidi';
import { padSubsetGlyphs } from './font-subset';

const regularPath = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const boldPath = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');
const fallbackPaths = {
  jp: require.resolve('@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf'),
  sc: require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'),
  kr: require.resolve('@expo-google-fonts/noto-sans-kr/400Regular/NotoSansKR_400Regular.ttf'),
} as const;

/** A fallback font, in the order they are tried. */
export type Fallback = keyof typeof fallbackPaths;
const FALLBACKS: readonly Fallback[] = ['jp', 'sc', 'kr'];

interface FontFile {
  readonly bytes: Buffer;
  readonly covers: (codePoint: number) => boolean;
}

const files = new Map<string, FontFile>();

function load(path: string): FontFile {
  let file = files.get(path);
  if (!file) {
    const bytes = readFileSync(path);
    const font = fontkit.create(bytes) as unknown as {
      hasGlyphForCodePoint(cp: number): boolean;
      createSubset(): unknown;
    };
    padSubsetGlyphs(font);
    const coverage = new Map<number, boolean>();
    file = {
      bytes,
      covers: (cp) => {
        let covered = coverage.get(cp);
        if (covered === undefined) {
          covered = font.hasGlyphForCodePoint(cp);
          coverage.set(cp, covered);
        }
        return covered;
      },
    };
    files.set(path, file);
  }
  return file;
}

/** A piece of text and the font that draws it. */
export interface Run {
  readonly text: string;
  readonly font: 'main' | Fallback;
}

const PLAIN = /^[\x20-\x7e\u00a0-\u024f\u2026]*$/;
const ZWNJ = /\u200c/g;
/** Runs of the texts seen last (the writer measures and draws the same names over and over). */
const cache = new Map<string, Run[]>();
const CACHE_SIZE = 5_000;

/**
 * Readable text (see readable.ts), shaped and in visual order, split into runs the fonts can draw;
 * characters no font has become "�".
 */
export function fontRuns(text: string): Run[] {
  if (PLAIN.test(text)) return text === '' ? [] : [{ text, font: 'main' }];
  let runs = cache.get(text);
  if (!runs) {
    if (cache.size >= CACHE_SIZE) cache.clear();
    runs = splitByFont(visualOrder(shapeArabic(readable(text))).replace(ZWNJ, ''));
    cache.set(text, runs);
  }
  return runs;
}

function splitByFont(text: string): Run[] {
  const main = load(regularPath);
  const runs: Run[] = [];
  const push = (piece: string, font: Run['font']): void => {
    const last = runs[runs.length - 1];
    if (last && last.font === font) runs[runs.length - 1] = { text: last.text + piece, font };
    else runs.push({ text: piece, font });
  };
  const chars = [...text];
  for (let i = 0; i < chars.length;) {
    if (main.covers(chars[i]!.codePointAt(0)!)) {
      push(chars[i++]!, 'main');
      continue;
    }
    let end = i;
    while (end < chars.length && !main.covers(chars[end]!.codePointAt(0)!)) end++;
    const stretch = chars.slice(i, end);
    const cps = stretch.map((c) => c.codePointAt(0)!);
    const whole = FALLBACKS.find((f) => cps.every((cp) => load(fallbackPaths[f]).covers(cp)));
    stretch.forEach((char, k) => {
      const font = whole ?? FALLBACKS.find((f) => load(fallbackPaths[f]).covers(cps[k]!));
      push(font ? char : '\uFFFD', font ?? 'main');
    });
    i = end;
  }
  return runs;
}

/** The fallback fonts these texts need (only those are embedded). */
export function fallbacksFor(texts: Iterable<string>): Set<Fallback> {
  const needed = new Set<Fallback>();
  for (const text of texts) for (const run of fontRuns(text)) if (run.font !== 'main') needed.add(run.font);
  return needed;
}

export interface PdfFonts {
  readonly regular: PDFFont;
  readonly bold: PDFFont;
  /** Embedded on first use. */
  fallback(name: Fallback): Promise<PDFFont>;
}

export async function embedFonts(doc: PDFDocument): Promise<PdfFonts> {
  doc.registerFontkit(fontkit);
  const [regular, bold] = await Promise.all([
    doc.embedFont(load(regularPath).bytes, { subset: true }).then(encodeByCharacter),
    doc.embedFont(load(boldPath).bytes, { subset: true }).then(encodeByCharacter),
  ]);
  const fallbacks = new Map<Fallback, Promise<PDFFont>>();
  return {
    regular,
    bold,
    fallback: (name) => {
      let font = fallbacks.get(name);
      if (!font) {
        font = doc.embedFont(load(fallbackPaths[name]).bytes, { subset: true }).then(encodeByCharacter);
        fallbacks.set(name, font);
      }
      return font;
    },
  };
}

interface Embedder {
  encodeText(text: string): PDFHexString;
}

/**
 * pdf-lib encodes every string through fontkit's full layout (OpenType lookups), which made a
 * 10,000-row table take many seconds. Table cells need no ligatures or kerning (Arabic is shaped
 * before, arabic.ts), so each character is encoded once (which also adds its glyph to the subset) and
 * strings are joined from the cache.
 */
function encodeByCharacter(font: PDFFont): PDFFont {
  const embedder = (font as unknown as { embedder: Embedder }).embedder;
  const original = embedder.encodeText.bind(embedder);
  const codes = new Map<string, string>();
  embedder.encodeText = (text: string) => {
    let hex = '';
    for (const char of text) {
      let code = codes.get(char);
      if (code === undefined) {
        code = original(char).asString();
        codes.set(char, code);
      }
      hex += code;
    }
    return PDFHexString.of(hex);
  };
  return font;
}
