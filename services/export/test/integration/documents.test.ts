/**
 * PDF and DOCX as readers open them: the PDF through poppler (pdfinfo, pdftotext, pdftoppm), the DOCX
 * converted by LibreOffice. Page counts, the repeated header, "Page n of N" and the totals' text are
 * checked; names in Cyrillic, Greek, Arabic, Persian, Hebrew, CJK, Korean and emoji must come out as text
 * (Arabic shaped, right-to-left names in reading order). The page pictures are left in the work
 * folder (printed) for people to look at.
 */
import { renderStackedDays } from '@timekeeper/charts';
import { LocalClock } from '../../src/logic/local-time';
import { buildTimesheet, type Timesheet } from '../../src/logic/timesheet';
import { renderDocx } from '../../src/render/docx';
import { renderPdf } from '../../src/render/pdf/document';
import { totalSentence } from '../../src/render/shared';
import { docxToPdf, openPdf, pagePictures, workDir } from '../support/documents';
import { HARD_NAMES, manySessions, rangeOf } from '../support/sessions';

jest.setTimeout(240_000);

const zone = 'Europe/Berlin';
const range = rangeOf('2026-03-01', '2026-03-31', zone);
const members = Object.keys(HARD_NAMES);
const clock = new LocalClock(zone);

function sheetOf(count: number, group: 'session' | 'day' = 'session'): Timesheet {
  return buildTimesheet({
    sessions: manySessions(count, range.startMs - 3_600_000, members, 31),
    range,
    zone,
    weekStart: 'monday',
    group,
    category: null,
    server: 'Сервер Ωmega 🎮',
    userId: null,
    generatedAt: Date.parse('2026-04-01T08:00:00Z'),
    categoryNames: new Map([
      ['work', 'Work'],
      ['break', 'Pause café'],
      ['meeting', 'Встреча'],
    ]),
    memberNames: new Map(Object.entries(HARD_NAMES)),
  });
}

/** pdftotext puts the text of table cells apart; squeeze spaces so phrases can be found. */
function squeeze(text: string): string {
  return text.replace(/[ \t]+/g, ' ');
}

describe('PDF', () => {
  const dir = workDir('pdf');
  const sheet = sheetOf(400);

  it('has the title block, the totals, a header on every page and "Page n of N"', async () => {
    const bytes = await renderPdf(sheet, clock, { chart: renderStackedDays });
    // The fonts are subset: the CJK and Korean fonts whole would add over 20 MB.
    expect(bytes.length).toBeLessThan(1_000_000);
    const pdf = openPdf(bytes, dir);
    // 1 summary page, then 400 rows at 34 per page.
    expect(pdf.pages).toBeGreaterThanOrEqual(1 + Math.ceil(400 / 40));
    const text = squeeze(pdf.text);
    expect(text).toContain(totalSentence(sheet));
    expect(text).toContain('Europe/Berlin');
    expect(text).toContain(`Page ${pdf.pages} of ${pdf.pages}`);
    // The session table's header is repeated on every page after the first.
    const pages = pdf.text.split('\f').filter((p) => p.trim() !== '');
    const first = pages.findIndex((page) => /^\s*Sessions\s*$/m.test(page));
    expect(first).toBeGreaterThan(0);
    for (const page of pages.slice(first)) expect(page).toMatch(/Member\s+Category\s+Start\s+End/);
    // Names in Cyrillic, Greek, accented Latin, CJK and Korean (from the Noto Sans KR fallback) come out
    // as text; emoji as a readable mark.
    for (const name of [
      'Анна Кузнецова',
      'Γιώργος Παπαδόπουλος',
      'Zoë [2 emoji] Müller',
      '山田太郎',
      '김민준',
      '이서연',
      'Pause café',
      'Встреча',
    ]) {
      expect(text).toContain(name);
    }
    expect(text).not.toContain('\uFFFD');
    // Arabic is drawn joined, as presentation forms in visual order; pdftotext reads it back in
    // logical order: "محمد عبد الله" as initial meem, medial hah, medial meem, final dal, …
    expect(text).toContain('\uFEE3\uFEA4\uFEE4\uFEAA \uFECB\uFE92\uFEAA \uFE8D\uFEDF\uFEE0\uFEEA');
    // A right-joining letter (reh) breaks the join: "پرستو" is peh initial, reh final, seen initial,
    // teh medial, waw final.
    expect(text).toContain('\uFB58\uFEAE\uFEB3\uFE98\uFEEE');
    // Once the forms are folded back to letters, every right-to-left name reads as it was written
    // (pdftotext puts the "(2)" of "فاطمة الزهراء (2)" apart, as ")2("; the pictures show it in place);
    // simplified Chinese comes from the Noto Sans SC fallback.
    const logical = text.normalize('NFKC').replace(/[\u202A-\u202E]/g, '');
    for (const name of ['محمد عبد الله', 'فاطمة الزهراء', 'پرستو', 'דוד כהן', '张伟', '刘洋 陈静']) {
      expect(logical).toContain(name);
    }
    const pictures = pagePictures(pdf.path, dir, 'pdf-page');
    expect(pictures.length).toBe(2);
    console.log(`PDF pictures: ${pictures.join(' ')}`);
  });

  it('an empty range gives a report that says so', async () => {
    const empty = buildTimesheet({ ...sheetInput(), sessions: [] });
    const pdf = openPdf(await renderPdf(empty, clock, { chart: renderStackedDays }), dir, 'empty.pdf');
    expect(pdf.pages).toBe(2);
    expect(pdf.text).toContain('No sessions in this range.');
  });
});

describe('DOCX', () => {
  const dir = workDir('docx');
  const sheet = sheetOf(150);

  it('opens in LibreOffice with the totals, repeated table headers and page numbers', async () => {
    const converted = openPdf(
      docxToPdf(await renderDocx(sheet, clock, { chart: renderStackedDays }), dir),
      dir,
      'converted.pdf',
    );
    expect(converted.pages).toBeGreaterThanOrEqual(4);
    const text = squeeze(converted.text);
    expect(text).toContain(totalSentence(sheet));
    expect(text).toContain(`Page ${converted.pages} of ${converted.pages}`);
    const pages = converted.text.split('\f').filter((p) => p.trim() !== '');
    const first = pages.findIndex((page) => /^\s*Sessions\s*$/m.test(page));
    expect(first).toBeGreaterThan(0);
    for (const page of pages.slice(first)) expect(page).toMatch(/Member\s+Category\s+Start\s+End/);
    for (const name of [
      'Анна Кузнецова',
      'Γιώργος Παπαδόπουλος',
      '山田太郎',
      'Zoë [2 emoji] Müller',
      'محمد العلي',
      'محمد عبد الله',
      'فاطمة الزهراء',
      'پرستو',
      'דוד כהן',
      '张伟',
      '刘洋 陈静',
    ])
      expect(text).toContain(name);
    const pictures = pagePictures(converted.path, dir, 'docx-page', 3);
    console.log(`DOCX pictures: ${pictures.join(' ')}`);
  });
});

function sheetInput() {
  return {
    sessions: [],
    range,
    zone,
    weekStart: 'monday' as const,
    group: 'session' as const,
    category: null,
    server: 'Empty',
    userId: '200000000000000001',
    generatedAt: 0,
    categoryNames: new Map<string, string>(),
    memberNames: new Map<string, string>(),
  };
}
