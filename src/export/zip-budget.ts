import { inflateRawSync } from 'node:zlib';

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;

/**
 * Throws unless the zip in `bytes` (an xlsx) unpacks to at most `maxBytes` in all. Each entry
 * is inflated here with Node's `maxOutputLength`, so a zip bomb stops at the budget instead of
 * filling memory; the sizes a zip declares are not trusted (the library that reads the
 * workbook afterwards would inflate whatever the data holds). Zip64 and other compression
 * methods are refused: an upload this size never needs them.
 */
export function checkZipBudget(bytes: Uint8Array, maxBytes: number): void {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = findEnd(buf);
  const entries = buf.readUInt16LE(end + 10);
  let at = buf.readUInt32LE(end + 16);
  let left = maxBytes;
  for (let i = 0; i < entries; i++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== CENTRAL) throw new Error('not a valid xlsx (broken zip directory)');
    const method = buf.readUInt16LE(at + 10);
    const compressed = buf.readUInt32LE(at + 20);
    const nameLength = buf.readUInt16LE(at + 28);
    const local = buf.readUInt32LE(at + 42);
    if (compressed === 0xffffffff || local === 0xffffffff) throw new Error('not a valid xlsx (zip64 is not accepted)');
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== LOCAL) throw new Error('not a valid xlsx (broken zip entry)');
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + compressed);
    if (data.length !== compressed) throw new Error('not a valid xlsx (truncated)');
    let size: number;
    if (method === STORED) size = compressed;
    else if (method === DEFLATED) {
      try {
        size = inflateRawSync(data, { maxOutputLength: Math.max(1, left) }).length;
      } catch (err) {
        if (err instanceof RangeError) throw new Error(`the workbook unpacks to more than ${Math.round(maxBytes / 2 ** 20)} MiB`);
        throw new Error('not a valid xlsx (bad compressed data)');
      }
    } else throw new Error('not a valid xlsx (unknown compression)');
    left -= size;
    if (left < 0) throw new Error(`the workbook unpacks to more than ${Math.round(maxBytes / 2 ** 20)} MiB`);
    at += 46 + nameLength + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
  }
}

/** The end-of-central-directory record: the last 22 bytes, or earlier when a comment follows. */
function findEnd(buf: Buffer): number {
  for (let at = buf.length - 22; at >= Math.max(0, buf.length - 22 - 0xffff); at--) if (buf.readUInt32LE(at) === EOCD) return at;
  throw new Error('not a valid xlsx (no zip directory)');
}
