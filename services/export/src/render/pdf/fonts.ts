/**
 * Fonts for the PDF. DejaVu Sans (Bitstream Vera licence, see assets/fonts/LICENSES.md) draws Latin,
 * Greek, Cyrillic and Arabic letters; Noto Sans JP (SIL OFL) draws Japanese and most Chinese, and is
 * only embedded when a name needs it. Both are TTF and subset on embedding (a WOFF2 subset crashed
 * pdf-lib from a timer). What neither font can draw is replaced by readable text, never a box:
 * emoji become "[emoji]", anything else "�".
 */
import { readFileSync } from 'node:fs';
import { PDFHexString, type PDFDocument, type PDFFont } from 'pdf-lib';
import fontkit from '@pdf-lib/fontkit';

const regularPath = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const boldPath = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');
const cjkPath = require.resolve('@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf');

interface FontFile {
  readonly bytes: Buffer;
  readonly covers: (codePoint: number) => boolean;
}

const files = new Map<string, FontFile>();

function load(path: string): FontFile {
  let file = files.get(path);
  if (!file) {
    const bytes = readFileSync(path);
    const font = fontkit.create(bytes) as unknown as { hasGlyphForCodePoint(cp: number): boolean };
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
  readonly font: 'main' | 'cjk';
}

const EMOJI = /^(?:\p{Extended_Pictographic}|\p{Regional_Indicator})$/u;
/** Invisible marks (zero-width joiners, direction marks, variation selectors) and control characters. */
const INVISIBLE = /\p{Cc}|\p{Cf}|[\u{FE00}-\u{FE0F}]|[\u{1F3FB}-\u{1F3FF}]/gu;
const PLAIN = /^[\x20-\x7e\u00a0-\u024f\u2026]*$/;
const RTL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/u;

/**
 * Splits text into runs the fonts can draw. Emoji (with their joiners and modifiers) become "[emoji]"
 * or "[N emoji]"; other characters no font has become "�". Right-to-left words are reversed so they
 * read in the right order (letters stay unjoined: pdf-lib does no shaping).
 */
export function fontRuns(text: string): Run[] {
  if (PLAIN.test(text)) return text === '' ? [] : [{ text, font: 'main' }];
  const main = load(regularPath);
  const runs: Run[] = [];
  let emoji = 0;
  const push = (piece: string, font: Run['font']): void => {
    if (emoji > 0) {
      const label = emoji === 1 ? '[emoji]' : `[${emoji} emoji]`;
      emoji = 0;
      push(label, 'main');
    }
    const last = runs[runs.length - 1];
    if (last && last.font === font) runs[runs.length - 1] = { text: last.text + piece, font };
    else runs.push({ text: piece, font });
  };
  for (const char of text) {
    const cp = char.codePointAt(0)!;
    if (EMOJI.test(char) && cp > 0xff) {
      emoji += 1;
      continue;
    }
    if (char.replace(INVISIBLE, '') === '') continue;
    if (main.covers(cp)) push(char, 'main');
    else if (load(cjkPath).covers(cp)) push(char, 'cjk');
    else push('\uFFFD', 'main');
  }
  if (emoji > 0) push('', 'main');
  return runs
    .map((run) => (RTL.test(run.text) ? { ...run, text: reverseRtlWords(run.text) } : run))
    .filter((r) => r.text !== '');
}

function reverseRtlWords(text: string): string {
  return text
    .split(/(\s+)/)
    .map((word) => (RTL.test(word) ? [...word].reverse().join('') : word))
    .join('');
}

export interface PdfFonts {
  readonly regular: PDFFont;
  readonly bold: PDFFont;
  /** Embedded on first use. */
  cjk(): Promise<PDFFont>;
}

export async function embedFonts(doc: PDFDocument): Promise<PdfFonts> {
  doc.registerFontkit(fontkit);
  const [regular, bold] = await Promise.all([
    doc.embedFont(load(regularPath).bytes, { subset: true }).then(encodeByCharacter),
    doc.embedFont(readFileSync(boldPath), { subset: true }).then(encodeByCharacter),
  ]);
  let cjk: Promise<PDFFont> | undefined;
  return {
    regular,
    bold,
    cjk: () => (cjk ??= doc.embedFont(load(cjkPath).bytes, { subset: true }).then(encodeByCharacter)),
  };
}

interface Embedder {
  encodeText(text: string): PDFHexString;
}

/**
 * pdf-lib encodes every string through fontkit's full layout (OpenType lookups), which made a
 * 10,000-row table take many seconds. Table cells need no ligatures or kerning, so each character is
 * encoded once (which also adds its glyph to the subset) and strings are joined from the cache.
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
