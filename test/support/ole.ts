/**
 * A minimal OLE compound file (header, one FAT sector, one directory sector) listing the given
 * streams, with no stream data: enough for readers that tell file kinds apart by their directory.
 * An encrypted .xlsx lists EncryptionInfo and EncryptedPackage, a .xls Workbook, a .doc WordDocument.
 */
export function oleFile(streams: readonly string[]): Uint8Array {
  if (streams.length > 3) throw new Error('one directory sector holds the root and three streams');
  const out = new Uint8Array(512 * 3);
  const view = new DataView(out.buffer);
  out.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  view.setUint16(0x18, 0x3e, true);
  view.setUint16(0x1a, 3, true);
  view.setUint16(0x1c, 0xfffe, true);
  view.setUint16(0x1e, 9, true);
  view.setUint16(0x20, 6, true);
  view.setUint32(0x2c, 1, true);
  view.setUint32(0x30, 1, true);
  view.setUint32(0x38, 4096, true);
  view.setUint32(0x3c, 0xfffffffe, true);
  view.setUint32(0x44, 0xfffffffe, true);
  for (let i = 0; i < 109; i++) view.setUint32(0x4c + 4 * i, i === 0 ? 0 : 0xffffffff, true);
  for (let i = 0; i < 128; i++) view.setUint32(512 + 4 * i, [0xfffffffd, 0xfffffffe][i] ?? 0xffffffff, true);
  const entry = (index: number, name: string, type: number): void => {
    const at = 1024 + index * 128;
    for (let k = 0; k < name.length; k++) view.setUint16(at + 2 * k, name.charCodeAt(k), true);
    view.setUint16(at + 0x40, (name.length + 1) * 2, true);
    out[at + 0x42] = type;
    view.setUint32(at + 0x44, 0xffffffff, true);
    view.setUint32(at + 0x48, 0xffffffff, true);
    view.setUint32(at + 0x4c, index === 0 && streams.length > 0 ? 1 : 0xffffffff, true);
  };
  entry(0, 'Root Entry', 5);
  streams.forEach((s, i) => entry(i + 1, s, 2));
  return out;
}
