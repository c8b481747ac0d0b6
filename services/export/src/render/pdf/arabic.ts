/**
 * Arabic letters in their joined shapes. pdf-lib draws one glyph per character and does no shaping, so
 * each letter is replaced by the presentation form (Unicode's Arabic Presentation Forms-A and -B, which
 * DejaVu Sans draws) that fits its neighbours: isolated, final, initial or medial, and lam followed by
 * alef becomes one lam-alef ligature. Text stays in logical order; bidi.ts (in src/render) puts it in visual order.
 *
 * Joining follows Unicode's rules (ArabicShaping.txt) for the letters listed here: a dual-joining letter
 * joins on both sides, a right-joining one (alef, dal, reh, waw…) only to the letter before it, so it
 * breaks the word's join; combining marks (harakat) are skipped over; ZWNJ breaks a join and tatweel
 * joins both sides. A letter without forms here stays as it is and joins nothing.
 */

/** Forms in Unicode's order: isolated, final, initial, medial (right-joining letters: the first two). */
type Forms = readonly number[];

const FORMS = new Map<number, Forms>();

/** `count` consecutive forms from `first` for each letter, in the order the blocks list them. */
function block(first: number, letters: readonly (readonly [letter: number, count: number])[]): void {
  let next = first;
  for (const [letter, count] of letters) {
    FORMS.set(
      letter,
      Array.from({ length: count }, (_, i) => next + i),
    );
    next += count;
  }
}

// Presentation Forms-B, U+FE80…U+FEF4: hamza, then the letters from alef with madda to yeh.
block(0xfe80, [
  [0x0621, 1], // hamza: no joined forms
  [0x0622, 2], // alef with madda above
  [0x0623, 2], // alef with hamza above
  [0x0624, 2], // waw with hamza above
  [0x0625, 2], // alef with hamza below
  [0x0626, 4], // yeh with hamza above
  [0x0627, 2], // alef
  [0x0628, 4], // beh
  [0x0629, 2], // teh marbuta
  [0x062a, 4], // teh
  [0x062b, 4], // theh
  [0x062c, 4], // jeem
  [0x062d, 4], // hah
  [0x062e, 4], // khah
  [0x062f, 2], // dal
  [0x0630, 2], // thal
  [0x0631, 2], // reh
  [0x0632, 2], // zain
  [0x0633, 4], // seen
  [0x0634, 4], // sheen
  [0x0635, 4], // sad
  [0x0636, 4], // dad
  [0x0637, 4], // tah
  [0x0638, 4], // zah
  [0x0639, 4], // ain
  [0x063a, 4], // ghain
  [0x0641, 4], // feh
  [0x0642, 4], // qaf
  [0x0643, 4], // kaf
  [0x0644, 4], // lam
  [0x0645, 4], // meem
  [0x0646, 4], // noon
  [0x0647, 4], // heh
  [0x0648, 2], // waw
  [0x0649, 2], // alef maksura
  [0x064a, 4], // yeh
]);
// Presentation Forms-A: the Persian and Urdu letters DejaVu Sans has forms for.
block(0xfb56, [[0x067e, 4]]); // peh
block(0xfb66, [[0x0679, 4]]); // tteh
block(0xfb7a, [[0x0686, 4]]); // tcheh
block(0xfb88, [
  [0x0688, 2], // ddal
  [0x0698, 2], // jeh
  [0x0691, 2], // rreh
  [0x06a9, 4], // keheh
  [0x06af, 4], // gaf
]);
block(0xfbfc, [[0x06cc, 4]]); // farsi yeh

/** Lam followed by one of these alefs: the ligature's isolated and final forms. */
const LAM = 0x0644;
const LAM_ALEF = new Map<number, Forms>([
  [0x0622, [0xfef5, 0xfef6]],
  [0x0623, [0xfef7, 0xfef8]],
  [0x0625, [0xfef9, 0xfefa]],
  [0x0627, [0xfefb, 0xfefc]],
]);

/** Tatweel and zero width joiner join on both sides and have no forms. */
const JOIN_CAUSING = new Set([0x0640, 0x200d]);
const TRANSPARENT = /^\p{Mn}$/u;
const ARABIC = /[\u0600-\u06FF]/;

/** Every letter → its forms (for tests: the table is checked against Unicode and the font). */
export const ARABIC_FORMS: ReadonlyMap<number, Forms> = FORMS;
export const LAM_ALEF_FORMS: ReadonlyMap<number, Forms> = LAM_ALEF;

function joinsBothSides(cp: number): boolean {
  return JOIN_CAUSING.has(cp) || FORMS.get(cp)?.length === 4;
}

function joinsBefore(cp: number): boolean {
  return JOIN_CAUSING.has(cp) || (FORMS.get(cp)?.length ?? 0) >= 2;
}

/** Arabic letters replaced by the presentation forms their neighbours call for. */
export function shapeArabic(text: string): string {
  if (!ARABIC.test(text)) return text;
  const cps = [...text].map((c) => c.codePointAt(0)!);
  /** The nearest character before/after `i` that is not a combining mark. */
  const neighbour = (i: number, step: 1 | -1): number => {
    let j = i + step;
    while (j >= 0 && j < cps.length && TRANSPARENT.test(String.fromCodePoint(cps[j]!))) j += step;
    return j;
  };
  let out = '';
  for (let i = 0; i < cps.length; i++) {
    const cp = cps[i]!;
    const forms = FORMS.get(cp);
    if (!forms) {
      out += String.fromCodePoint(cp);
      continue;
    }
    const before = cps[neighbour(i, -1)];
    const joinedBefore = forms.length >= 2 && before !== undefined && joinsBothSides(before);
    const nextAt = neighbour(i, 1);
    const next = cps[nextAt];
    const ligature = cp === LAM && next !== undefined ? LAM_ALEF.get(next) : undefined;
    if (ligature) {
      // The marks between lam and alef follow the ligature.
      out += String.fromCodePoint(ligature[joinedBefore ? 1 : 0]!);
      for (let j = i + 1; j < nextAt; j++) out += String.fromCodePoint(cps[j]!);
      i = nextAt;
      continue;
    }
    const joinedAfter = forms.length === 4 && next !== undefined && joinsBefore(next);
    const form = joinedBefore ? (joinedAfter ? forms[3] : forms[1]) : joinedAfter ? forms[2] : forms[0];
    out += String.fromCodePoint(form ?? cp);
  }
  return out;
}
