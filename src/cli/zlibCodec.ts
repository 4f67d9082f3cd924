/** Deflate for the zip-level writer from node's zlib: native, synchronous, and CRC-32 where node has it. */
import * as zlib from 'zlib';
import type { Codec } from '../xlsx';

// zlib.crc32 arrived in node 20.15 / 22.2; older nodes use the writer's own table.
const nativeCrc32 = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;

export const zlibCodec: Codec = {
  // Level 3: the output sheets of a 10,000-entry run deflate in half the time of level 6 (0.10 s
  // against 0.20 s, measured) for a file about a fifth larger; only the parts we write are deflated.
  deflateRaw: (data) => zlib.deflateRawSync(data, { level: 3 }),
  // maxOutputLength stops inflating there (RangeError): a lying size header cannot run past it.
  inflateRaw: (data, maxLength) =>
    zlib.inflateRawSync(data, maxLength !== undefined ? { maxOutputLength: Math.max(1, maxLength) } : {}),
  ...(nativeCrc32 ? { crc32: (data: Uint8Array) => nativeCrc32(data) } : {}),
};
