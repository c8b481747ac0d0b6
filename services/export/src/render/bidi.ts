/**
 * Right-to-left text (Arabic, Hebrew) in documents, by the Unicode Bidirectional Algorithm (bidi-js).
 * A name's direction comes from its first strong letter, as the algorithm's default, whatever the
 * document's direction: "عَلِيّ 42 (x)" reads from the right, "Ali محمد" from the left.
 *
 * - PDF (`visualOrder`): the writer places glyphs left to right, so a line is put in visual order:
 *   right-to-left stretches reversed, numbers and Latin words inside them in their own order, brackets
 *   in right-to-left text mirrored. Combining marks end up before their letter, which is where DejaVu
 *   Sans wants them (its Arabic marks have no width and are drawn over the glyph to their right). A
 *   character outside the Basic Multilingual Plane keeps its two halves in order.
 * - DOCX (`withDirection`): Word and LibreOffice order the text themselves, but in the paragraph's
 *   direction (left to right here), so a right-to-left name is wrapped in an embedding (RLE … PDF) to
 *   read as in the PDF.
 */
import bidiFactory from 'bidi-js';

const bidi = bidiFactory();
const RTL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;

export function visualOrder(text: string): string {
  if (!RTL.test(text)) return text;
  const embedding = bidi.getEmbeddingLevels(text);
  const { levels } = embedding;
  const units = bidi
    .getReorderedIndices(text, embedding)
    .map((i) => (levels[i]! & 1 ? (bidi.getMirroredCharacter(text[i]!) ?? text[i]!) : text[i]!));
  // A reversed surrogate pair (low half first) is put back in order.
  for (let k = 0; k + 1 < units.length; k++) {
    if (isLow(units[k]!) && isHigh(units[k + 1]!)) {
      [units[k], units[k + 1]] = [units[k + 1]!, units[k]!];
      k++;
    }
  }
  return units.join('');
}

/** The text wrapped in RLE … PDF when its first strong letter is right-to-left. */
export function withDirection(text: string): string {
  if (!RTL.test(text) || bidi.getEmbeddingLevels(text).paragraphs[0]?.level !== 1) return text;
  return `\u202B${text}\u202C`;
}

function isHigh(unit: string): boolean {
  const c = unit.charCodeAt(0);
  return c >= 0xd800 && c <= 0xdbff;
}

function isLow(unit: string): boolean {
  const c = unit.charCodeAt(0);
  return c >= 0xdc00 && c <= 0xdfff;
}
