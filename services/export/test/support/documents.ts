/** Opens rendered files the way readers do: poppler for PDF, LibreOffice for DOCX (then poppler). */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function workDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `tk-export-${prefix}-`));
}

export interface OpenedPdf {
  readonly pages: number;
  readonly text: string;
  readonly path: string;
}

export function openPdf(bytes: Buffer, dir: string, name = 'report.pdf'): OpenedPdf {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
  const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
  const text = execFileSync('pdftotext', ['-layout', path, '-'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { pages, text, path };
}

/** Page images (PNG) of the first `last` pages, for people to look at. */
export function pagePictures(pdfPath: string, dir: string, prefix: string, last = 2): string[] {
  execFileSync('pdftoppm', ['-r', '70', '-f', '1', '-l', String(last), '-png', pdfPath, join(dir, prefix)]);
  return readdirSync(dir)
    .filter((f) => f.startsWith(prefix) && f.endsWith('.png'))
    .map((f) => join(dir, f));
}

/** DOCX → PDF with LibreOffice (its own profile, so parallel runs do not share one). */
export function docxToPdf(bytes: Buffer, dir: string): Buffer {
  const path = join(dir, 'report.docx');
  writeFileSync(path, bytes);
  execFileSync(
    'soffice',
    [
      `-env:UserInstallation=file://${join(dir, 'lo-profile')}`,
      '--headless',
      '--convert-to',
      'pdf',
      '--outdir',
      dir,
      path,
    ],
    { stdio: 'ignore', timeout: 180_000 },
  );
  return readFileSync(join(dir, 'report.pdf'));
}
