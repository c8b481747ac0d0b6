import { FileBuffer } from '../../src/render/file-buffer';

describe('FileBuffer', () => {
  it('holds exactly the text written, as UTF-8, however its room was estimated', () => {
    const rows = Array.from({ length: 5_000 }, (_, i) => `${i},Zoë ${'é'.repeat(i % 40)},山田\r\n`);
    for (const chunkRows of [1, 7, 500]) {
      const file = new FileBuffer();
      file.write('\ufeffheader\r\n');
      for (let done = 0; done < rows.length; done += chunkRows) {
        file.write(rows.slice(done, done + chunkRows).join(''));
        // Early rows are shorter than later ones: the estimate is too small and room is made again.
        file.progress(Math.min(done + chunkRows, rows.length), rows.length);
      }
      expect(file.bytes().equals(Buffer.from(`\ufeffheader\r\n${rows.join('')}`, 'utf8'))).toBe(true);
    }
  });
});
