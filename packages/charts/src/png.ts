const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height from a PNG's IHDR chunk; throws if the bytes are not a PNG. */
export function pngDimensions(png: Uint8Array): { width: number; height: number } {
  const isPng = png.length >= 24 && SIGNATURE.every((byte, i) => png[i] === byte);
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  if (!isPng || String.fromCharCode(...png.subarray(12, 16)) !== 'IHDR') {
    throw new TypeError('not a PNG image: the signature or the IHDR chunk is missing');
  }
  return { width: view.getUint32(16), height: view.getUint32(20) };
}
