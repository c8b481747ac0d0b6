/**
 * Names as documents print them. Emoji (with their joiners, skin tones and variation selectors) become
 * "[emoji]" or "[N emoji]": no bundled font draws them and a box tells the reader nothing. Invisible
 * marks (zero-width joiners, direction marks) and control characters are dropped, except the zero-width
 * non-joiner, which keeps Persian letters apart that would otherwise join. CSV keeps names exact.
 */
const EMOJI = /^(?:\p{Extended_Pictographic}|\p{Regional_Indicator})$/u;
const INVISIBLE = /^(?:\p{Cc}|(?!\u200C)\p{Cf}|[\u{FE00}-\u{FE0F}]|[\u{1F3FB}-\u{1F3FF}])$/u;
/** Text with nothing to replace (most names): returned as it is. */
const PLAIN = /^[\x20-\x7e\u00a0-\u024f\u0370-\u03ff\u0400-\u04ff\u2026]*$/;
/** Printed cells longer than this are cut (CSV keeps them whole). */
export const MAX_PRINTED_CHARS = 100;

export function readable(text: string): string {
  if (PLAIN.test(text)) return text;
  let out = '';
  let emoji = 0;
  const flush = (): void => {
    if (emoji > 0) out += emoji === 1 ? '[emoji]' : `[${emoji} emoji]`;
    emoji = 0;
  };
  for (const char of text) {
    const cp = char.codePointAt(0)!;
    if (cp > 0xff && EMOJI.test(char)) {
      emoji += 1;
      continue;
    }
    if (INVISIBLE.test(char)) continue;
    flush();
    out += char;
  }
  flush();
  return out;
}

/** At most MAX_PRINTED_CHARS characters, with an ellipsis when cut. */
export function shortened(text: string): string {
  const chars = [...text];
  return chars.length <= MAX_PRINTED_CHARS ? text : `${chars.slice(0, MAX_PRINTED_CHARS - 1).join('')}…`;
}
