/**
 * What the PDF draws for names in other scripts: Arabic letters in their joined forms (isolated,
 * initial, medial, final, lam-alef; right-joining letters and ZWNJ breaking the join), lines in visual
 * order by the bidi algorithm, the font chosen for each stretch (DejaVu Sans, Noto Sans JP, SC, then KR;
 * "�" for what none draws), and font subsets that keep every glyph.
 */
import { readFileSync } from 'node:fs';
import fontkit from '@pdf-lib/fontkit';
import { ARABIC_FORMS, LAM_ALEF_FORMS, shapeArabic } from '../../src/render/pdf/arabic';
import { visualOrder, withDirection } from '../../src/render/bidi';
import { padSubsetGlyphs } from '../../src/render/pdf/font-subset';
import { fallbacksFor, fontRuns } from '../../src/render/pdf/fonts';

/** Code points as "FE91 FE90" (readable in a failing expectation). */
function hex(text: string): string {
  return [...text].map((c) => c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')).join(' ');
}

interface FontkitFont {
  hasGlyphForCodePoint(cp: number): boolean;
  glyphForCodePoint(cp: number): { id: number; path: { toSVG(): string } };
  getGlyph(id: number): { path: { toSVG(): string } };
  createSubset(): {
    includeGlyph(id: number): number;
    encodeStream(): NodeJS.ReadableStream;
  };
}

function openFont(path: string): FontkitFont {
  return fontkit.create(readFileSync(require.resolve(path))) as unknown as FontkitFont;
}

describe('Arabic shaping', () => {
  it.each([
    ['a letter alone is isolated', 'ب', 'FE8F'],
    ['two letters: initial, final', 'بب', 'FE91 FE90'],
    ['three letters: initial, medial, final', 'ببب', 'FE91 FE92 FE90'],
    ['محمد', 'محمد', 'FEE3 FEA4 FEE4 FEAA'],
    ['lam-alef alone', 'لا', 'FEFB'],
    ['lam-alef joined to the letter before (سلام)', 'سلام', 'FEB3 FEFC FEE1'],
    ['lam with hamza-alef', 'لأ', 'FEF7'],
    ['الله: alef does not join the lam after it', 'الله', 'FE8D FEDF FEE0 FEEA'],
    ['reh joins before, not after (برب)', 'برب', 'FE91 FEAE FE8F'],
    ['waw joins before, not after (بوب)', 'بوب', 'FE91 FEEE FE8F'],
    ['a word starting with waw', 'وب', 'FEED FE8F'],
    ['hamza joins nothing (ماء)', 'ماء', 'FEE3 FE8E FE80'],
    ['Persian letters (پرستو)', 'پرستو', 'FB58 FEAE FEB3 FE98 FEEE'],
    ['ZWNJ breaks a join (می‌خواهم)', 'می\u200cخواهم', 'FEE3 FBFD 200C FEA7 FEEE FE8D FEEB FEE2'],
    ['harakat are skipped over (بَب)', 'بَب', 'FE91 064E FE90'],
    [
      'words apart, Latin and digits untouched',
      'علي Ali 42',
      'FECB FEE0 FEF2 0020 0041 006C 0069 0020 0034 0032',
    ],
  ])('%s', (_, text, expected) => {
    expect(hex(shapeArabic(text))).toBe(expected);
  });

  it('every form is the Unicode presentation form of its letter, and DejaVu Sans draws it', () => {
    const fonts = [
      openFont('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
      openFont('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
    ];
    const forms: [string, number][] = [];
    for (const [letter, list] of ARABIC_FORMS)
      for (const f of list) forms.push([String.fromCodePoint(letter), f]);
    for (const [alef, list] of LAM_ALEF_FORMS)
      for (const f of list) forms.push([`\u0644${String.fromCodePoint(alef)}`, f]);
    expect(forms.length).toBeGreaterThan(120);
    for (const [letters, form] of forms) {
      expect([hex(String.fromCodePoint(form).normalize('NFKC')), form.toString(16)]).toEqual([
        hex(letters),
        form.toString(16),
      ]);
      for (const font of fonts)
        expect([form.toString(16), font.hasGlyphForCodePoint(form)]).toEqual([form.toString(16), true]);
    }
  });
});

describe('visual order', () => {
  it.each([
    ['Hebrew is reversed', 'דוד כהן', 'ןהכ דוד'],
    ['digits and Latin keep their order in a right-to-left line', 'محمد 42 Ali', 'Ali 42 دمحم'],
    ['a left-to-right line with an Arabic word', 'Ali محمد', 'Ali دمحم'],
    ['brackets in right-to-left text are mirrored', '(محمد)', '(دمحم)'],
    ['Latin only is untouched', 'Zoë Müller', 'Zoë Müller'],
    ['a character outside the BMP keeps its two halves in order', '\u05D0\u{10900}', '\u{10900}\u05D0'],
  ])('%s', (_, text, expected) => {
    expect(visualOrder(text)).toBe(expected);
  });
});

describe('direction in the DOCX', () => {
  it('a name whose first strong letter is right-to-left is embedded right to left', () => {
    expect(withDirection('عَلِيّ 42 (x)')).toBe('\u202Bعَلِيّ 42 (x)\u202C');
    expect(withDirection('דוד כהן')).toBe('\u202Bדוד כהן\u202C');
    expect(withDirection('Ali محمد')).toBe('Ali محمد');
    expect(withDirection('42 Zoë')).toBe('42 Zoë');
  });
});

describe('fonts', () => {
  it.each([
    ['Cyrillic and Greek: DejaVu Sans', 'Анна Γιώργος', [['main', 'Анна Γιώργος']]],
    ['Japanese: Noto Sans JP', '山田太郎', [['jp', '山田太郎']]],
    ['simplified Chinese the JP font lacks: Noto Sans SC', '张伟', [['sc', '张伟']]],
    ['a name with one character only SC has is drawn in SC whole', '陈静', [['sc', '陈静']]],
    ['Chinese both fonts have: JP', '刘洋', [['jp', '刘洋']]],
    ['Korean: Noto Sans KR', '김민준', [['kr', '김민준']]],
    ['another Korean name: KR', '이서연', [['kr', '이서연']]],
    ['a Korean name with Hanja is drawn in KR whole', '김民俊', [['kr', '김民俊']]],
    ['Thai: no bundled font, "�" per character', 'สมชาย', [['main', '\uFFFD'.repeat(5)]]],
    ['emoji: a readable mark', 'Zoë 🎉', [['main', 'Zoë [emoji]']]],
    [
      'Arabic: shaped, visual order, ZWNJ dropped',
      'می\u200cخواهم',
      [['main', '\uFEE2\uFEEB\uFE8D\uFEEE\uFEA7\uFBFD\uFEE3']],
    ],
    [
      'mixed scripts',
      'Li 张伟 (山田) 김민준',
      [
        ['main', 'Li '],
        ['sc', '张伟'],
        ['main', ' ('],
        ['jp', '山田'],
        ['main', ') '],
        ['kr', '김민준'],
      ],
    ],
  ])('%s', (_, text, expected) => {
    expect(fontRuns(text).map((run) => [run.font, run.text])).toEqual(expected);
  });

  it('only the fallback fonts the texts need are embedded', () => {
    expect(fallbacksFor(['Ada', 'محمد'])).toEqual(new Set());
    expect(fallbacksFor(['Ada', '山田太郎'])).toEqual(new Set(['jp']));
    expect(fallbacksFor(['张伟', '山田太郎'])).toEqual(new Set(['jp', 'sc']));
    expect(fallbacksFor(['Ada', '김민준'])).toEqual(new Set(['kr']));
    expect(fallbacksFor(['山田太郎', '이서연', 'สมชาย'])).toEqual(new Set(['jp', 'kr']));
  });

  it.each([
    [
      'Noto Sans JP',
      '@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf',
      '山田太郎東京都北海道こんにちは',
    ],
    [
      'Noto Sans SC',
      '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
      '张伟刘洋陈静黄晓明杨颖赵磊',
    ],
    [
      'Noto Sans KR',
      '@expo-google-fonts/noto-sans-kr/400Regular/NotoSansKR_400Regular.ttf',
      '김민준이서연박지훈최수아정하은강도윤',
    ],
  ])('a subset of %s keeps every glyph it takes in', async (_, path, text) => {
    const font = openFont(path);
    padSubsetGlyphs(font);
    const subset = font.createSubset();
    const glyphs = [...text].map((c) => font.glyphForCodePoint(c.codePointAt(0)!));
    const ids = glyphs.map((g) => subset.includeGlyph(g.id));
    const parts: Uint8Array[] = [];
    await new Promise((resolve, reject) =>
      subset
        .encodeStream()
        .on('data', (part: Uint8Array) => parts.push(part))
        .on('end', resolve)
        .on('error', reject),
    );
    const copy = fontkit.create(Buffer.concat(parts)) as unknown as FontkitFont;
    const outlines = (f: FontkitFont, gids: number[]): string[] =>
      gids.map((id) => f.getGlyph(id).path.toSVG());
    expect(outlines(copy, ids)).toEqual(
      outlines(
        font,
        glyphs.map((g) => g.id),
      ),
    );
  });
});
