/** A timesheet as the files of one format: what the member downloads. */
import type { TimesheetFormat } from '@timekeeper/contracts';
import type { LocalClock } from '../logic/local-time';
import type { Timesheet } from '../logic/timesheet';
import { detailCsv, totalsCsv } from './csv';
import { FileBuffer } from './file-buffer';
import type { DocumentOptions } from './shared';

export interface ExportFile {
  readonly name: string;
  readonly data: Buffer;
}

/** `timesheet-2026-11-01_2026-11-30` (+ `-<member id>` for one member). */
export function baseName(sheet: Timesheet, userId: string | null): string {
  return `timesheet-${sheet.meta.from}_${sheet.meta.to}${userId ? `-${userId}` : ''}`;
}

export async function renderFiles(
  sheet: Timesheet,
  clock: LocalClock,
  format: TimesheetFormat,
  name: string,
  options: DocumentOptions,
): Promise<ExportFile[]> {
  switch (format) {
    case 'csv': {
      const detail = new FileBuffer();
      const chunks = detailCsv(sheet, clock, {
        bom: true,
        onProgress: async (done, total) => {
          detail.progress(done, total);
          await options.onProgress?.(done, total);
        },
      });
      for await (const chunk of chunks) detail.write(chunk);
      return [
        { name: `${name}.csv`, data: detail.bytes() },
        { name: `${name}-totals.csv`, data: totalsCsv(sheet, clock, { bom: true }) },
      ];
    }
    // The PDF and DOCX libraries are loaded on first use: a process that only writes CSV stays small.
    case 'pdf': {
      const { renderPdf } = await import('./pdf/document.js');
      return [{ name: `${name}.pdf`, data: await renderPdf(sheet, clock, options) }];
    }
    case 'docx': {
      const { renderDocx } = await import('./docx.js');
      return [{ name: `${name}.docx`, data: await renderDocx(sheet, clock, options) }];
    }
  }
}
