/**
 * Fonts for the PDF. DejaVu Sans (Bitstream Vera licence, assets/fonts/DejaVu-LICENSE.txt) draws Latin,
 * Greek, Cyrillic and Arabic letters; Noto Sans JP (SIL OFL, assets/fonts/NotoSansJP-LICENSE.txt) draws Japanese and most Chinese, and is
 * only embedded when a name needs it. DejaVu is subset on embedding; Noto Sans JP is embedded whole (see `embedFonts`). What neither font can draw is replaced, never drawn as a box: emoji become
 * "[emoji]" (readable.ts), anything else "�".
 */
import { readFileSync } from 'node:fs';
import { PDFHexString, type PDFDocument, type PDFFont } from 'pdf-lib';
import fontkit from '@pdf-lib/fontkit';
import { readable } from '../readable';

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

const PLAIN = /^[\x20-\x7e\u00a0-\u024f\u2026]*$/;
const RTL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/u;
const RTL_STRETCH =
  /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF](?:[\s\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]*[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF])?/gu;

/**
 * Splits readable text (see readable.ts) into runs the fonts can draw; characters neither font has
 * become "�". Right-to-left stretches are reversed so they read in the right order (letters stay
 * unjoined: pdf-lib does no shaping).
 */
export function fontRuns(text: string): Run[] {
  if (PLAIN.test(text)) return text === '' ? [] : [{ text, font: 'main' }];
  const main = load(regularPath);
  const runs: Run[] = [];
  for (const char of readable(text)) {
    const cp = char.codePointAt(0)!;
    const font: Run['font'] = main.covers(cp) ? 'main' : load(cjkPath).covers(cp) ? 'cjk' : 'main';
    const piece = font === 'main' && !main.covers(cp) ? '\uFFFD' : char;
    const last = runs[runs.length - 1];
    if (last && last.font === font) runs[runs.length - 1] = { text: last.text + piece, font };
    else runs.push({ text: piece, font });
  }
  return runs.map((run) => (RTL.test(run.text) ? { ...run, text: visualOrder(run.text) } : run));
}

/** Right-to-left stretches (words and the spaces between them) in visual order, i.e. reversed. */
function visualOrder(text: string): string {
  return text.replace(RTL_STRETCH, (stretch) => [...stretch].reverse().join(''));
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
    // Not subset: fontkit's subset of this font loses most glyphs (they print blank), so the whole
    // font (about 3 MB compressed) goes in, and only when a name needs it.
    cjk: () => (cjk ??= doc.embedFont(load(cjkPath).bytes, { subset: false }).then(encodeByCharacter)),
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
