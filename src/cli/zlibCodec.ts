/** Deflate for the zip-level writer from node's zlib: native, synchronous, and CRC-32 where node has it. */
import * as zlib from 'zlib';
import type { Codec } from '../xlsx';

// zlib.crc32 arrived in node 20.15 / 22.2; older nodes use the writer's own table.
const nativeCrc32 = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;

export const zlibCodec: Codec = {
  deflateRaw: (data) => zlib.deflateRawSync(data, { level: 6 }),
  // maxOutputLength stops inflating there (RangeError): a lying size header cannot run past it.
  inflateRaw: (data, maxLength) =>
    zlib.inflateRawSync(data, maxLength !== undefined ? { maxOutputLength: Math.max(1, maxLength) } : {}),
  ...(nativeCrc32 ? { crc32: (data: Uint8Array) => nativeCrc32(data) } : {}),
};
