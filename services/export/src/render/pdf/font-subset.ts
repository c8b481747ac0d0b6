/**
 * A fix to fontkit's TrueType subsetting (@pdf-lib/fontkit 1.1.1). The subset's `loca` table is
 * written in the short format (offsets halved) whenever the glyph data is under 128 KB, which is only
 * right when every glyph's data has an even length. The Noto Sans JP and SC files store many glyphs
 * with an odd length (unpadded), so in a subset every glyph after such a glyph was read from the wrong
 * offset: most CJK characters printed blank. Padding each copied glyph to an even length, as the
 * TrueType format asks, makes the subset right for every font.
 */
interface TtfSubset {
  glyf: Uint8Array[];
  offset: number;
  _addGlyph(gid: number): number;
}

interface SubsettableFont {
  createSubset(): unknown;
}

const patched = new WeakSet<object>();

/** Patches the subset class of this (TrueType) font once. */
export function padSubsetGlyphs(font: SubsettableFont): void {
  const proto = Object.getPrototypeOf(font.createSubset()) as TtfSubset;
  if (patched.has(proto) || typeof proto._addGlyph !== 'function') return;
  const addGlyph = proto._addGlyph;
  proto._addGlyph = function (this: TtfSubset, gid: number): number {
    const index = addGlyph.call(this, gid);
    const data = this.glyf[index]!;
    if (data.length % 2 === 1) {
      // fontkit's streams accept only its own (bundled) Buffer class.
      const padded = (data.constructor as typeof Buffer).alloc(data.length + 1);
      padded.set(data);
      this.glyf[index] = padded;
      this.offset += 1;
    }
    return index;
  };
  patched.add(proto);
}
