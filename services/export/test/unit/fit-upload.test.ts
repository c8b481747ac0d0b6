import { randomBytes } from 'node:crypto';
import { unzipSync } from 'fflate';
import { fitUpload } from '../../src/logic/fit-upload';

const HEADER = 'member,note\r\n';

/** A CSV of `rows` rows whose notes are random (so a ZIP barely shrinks it), one with a quoted newline. */
function csv(rows: number): Buffer {
  const lines = Array.from({ length: rows }, (_, i) =>
    i === 3 ? `Ada,"two\r\nlines"\r\n` : `Ada,${randomBytes(60).toString('base64')}\r\n`,
  );
  return Buffer.from(HEADER + lines.join(''), 'utf8');
}

describe('fitUpload', () => {
  it('sends files under the limit as they are', () => {
    const files = [{ name: 'a.csv', data: csv(10) }];
    expect(fitUpload(files, 1024 * 1024, 'a.zip')).toEqual({ how: 'as-is', files });
  });

  it('compresses into one ZIP when that fits', () => {
    const data = Buffer.from(HEADER + 'Ada,same note\r\n'.repeat(2_000), 'utf8');
    const fitted = fitUpload([{ name: 'a.csv', data }], 8 * 1024, 'a.zip');
    expect(fitted.how).toBe('compressed');
    expect(fitted.files.map((f) => f.name)).toEqual(['a.zip']);
    expect(Buffer.from(unzipSync(new Uint8Array(fitted.files[0]!.data))['a.csv']!)).toEqual(data);
  });

  it('splits a CSV that does not fit even compressed into parts under the limit, header repeated', () => {
    const data = csv(1_000);
    const limit = Math.floor(data.length / 3);
    const fitted = fitUpload([{ name: 'a.csv', data }], limit, 'a.zip');
    expect(fitted.how).toBe('split');
    expect(fitted.files.length).toBeGreaterThanOrEqual(3);
    expect(fitted.files.map((f) => f.name)).toEqual(
      fitted.files.map((_, i) => `a-part${i + 1}of${fitted.files.length}.csv`),
    );
    for (const part of fitted.files) {
      expect(part.data.length).toBeLessThanOrEqual(limit);
      expect(part.data.toString('utf8').startsWith(HEADER)).toBe(true);
    }
    const rejoined = fitted.files.map((f) => f.data.toString('utf8').slice(HEADER.length)).join('');
    expect(HEADER + rejoined).toBe(data.toString('utf8'));
  });

  it('gives up on a document that fits neither way', () => {
    const data = randomBytes(50_000);
    expect(fitUpload([{ name: 'a.pdf', data }], 10_000, 'a.zip')).toEqual({ how: 'too-large', files: [] });
  });
});
