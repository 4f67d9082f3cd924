/**
 * The stream names in an OLE compound file's directory, to tell an encrypted .xlsx
 * (EncryptionInfo + EncryptedPackage) from a legacy .xls (Workbook / Book) and from anything else
 * (.doc, .ppt, .msg). Reads only the header, the FAT and the directory chain, each bounded.
 */
const FREE_OR_END = 0xfffffffa;

export function oleStreamNames(bytes: Uint8Array): string[] | null {
  if (bytes.length < 512) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const shift = view.getUint16(0x1e, true);
  if (shift !== 9 && shift !== 12) return null;
  const size = 1 << shift;
  const sector = (n: number): number => (n + 1) * size;
  // The FAT's sectors: the first 109 are listed in the header (more are rare in small files).
  const fatSectors: number[] = [];
  const fatCount = Math.min(view.getUint32(0x2c, true), 109);
  for (let i = 0; i < fatCount; i++) fatSectors.push(view.getUint32(0x4c + 4 * i, true));
  const next = (n: number): number => {
    const perSector = size / 4;
    const fs = fatSectors[Math.floor(n / perSector)];
    if (fs === undefined || fs >= FREE_OR_END) return FREE_OR_END;
    const at = sector(fs) + (n % perSector) * 4;
    return at + 4 <= bytes.length ? view.getUint32(at, true) : FREE_OR_END;
  };
  const names: string[] = [];
  const seen = new Set<number>();
  for (let s = view.getUint32(0x30, true); s < FREE_OR_END && !seen.has(s); s = next(s)) {
    seen.add(s);
    const start = sector(s);
    if (start + size > bytes.length || seen.size > 4096) break;
    for (let e = start; e < start + size; e += 128) {
      const nameBytes = view.getUint16(e + 0x40, true);
      const type = bytes[e + 0x42];
      if (nameBytes < 2 || nameBytes > 64 || (type !== 1 && type !== 2)) continue;
      let name = '';
      for (let k = 0; k + 2 < nameBytes; k += 2) name += String.fromCharCode(view.getUint16(e + k, true));
      names.push(name);
    }
  }
  return names;
}
