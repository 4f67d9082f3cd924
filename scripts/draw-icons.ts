/**
 * Draws the add-in's icons into assets/ as real PNGs of the pixel sizes Office asks for:
 * 16/32/80 for ribbon buttons, 20/24/40/48 for the other ribbon scales, 32/64/128 for the add-in
 * list. Run with `npx tsx scripts/draw-icons.ts`; the PNGs are committed.
 *
 * The picture — three rising bars on a green tile, a check above the last — is drawn from shapes
 * in unit coordinates and supersampled, so every size is drawn, not scaled from another.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

export const ICON_SIZES = [16, 20, 24, 32, 40, 48, 64, 80, 128] as const;

type Rgba = readonly [number, number, number, number];
type Shape = { readonly inside: (x: number, y: number) => boolean; readonly color: Rgba };

const TILE: Rgba = [0x1e, 0x6e, 0x4e, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const GOLD: Rgba = [0xff, 0xc8, 0x3d, 255];

function roundedRect(x0: number, y0: number, x1: number, y1: number, r: number) {
  return (x: number, y: number): boolean => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    const cx = Math.min(Math.max(x, x0 + r), x1 - r);
    const cy = Math.min(Math.max(y, y0 + r), y1 - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };
}

/** A thick segment from (ax, ay) to (bx, by). */
function stroke(ax: number, ay: number, bx: number, by: number, halfWidth: number) {
  return (x: number, y: number): boolean => {
    const dx = bx - ax;
    const dy = by - ay;
    const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
    return (x - (ax + t * dx)) ** 2 + (y - (ay + t * dy)) ** 2 <= halfWidth * halfWidth;
  };
}

const SHAPES: readonly Shape[] = [
  { inside: roundedRect(0.04, 0.04, 0.96, 0.96, 0.18), color: TILE },
  { inside: roundedRect(0.18, 0.58, 0.34, 0.84, 0.03), color: WHITE },
  { inside: roundedRect(0.42, 0.44, 0.58, 0.84, 0.03), color: WHITE },
  { inside: roundedRect(0.66, 0.3, 0.82, 0.84, 0.03), color: WHITE },
  { inside: stroke(0.2, 0.3, 0.3, 0.4, 0.05), color: GOLD },
  { inside: stroke(0.3, 0.4, 0.52, 0.16, 0.05), color: GOLD },
];

/** RGBA pixels of one icon, each pixel the average of n×n samples. */
export function drawIcon(size: number, samples = 8): Uint8Array {
  const pixels = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = (px + (sx + 0.5) / samples) / size;
          const y = (py + (sy + 0.5) / samples) / size;
          // The last shape that covers the sample wins, as in painting.
          let color: Rgba | null = null;
          for (const shape of SHAPES) if (shape.inside(x, y)) color = shape.color;
          if (color) {
            r += color[0];
            g += color[1];
            b += color[2];
            a += color[3];
          }
        }
      }
      const n = samples * samples;
      const o = (py * size + px) * 4;
      // Colour is averaged over covered samples only, so edges fade in alpha, not towards black.
      const covered = a / 255;
      pixels[o] = covered ? Math.round(r / covered) : 0;
      pixels[o + 1] = covered ? Math.round(g / covered) : 0;
      pixels[o + 2] = covered ? Math.round(b / covered) : 0;
      pixels[o + 3] = Math.round(a / n);
    }
  }
  return pixels;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), Buffer.from(data)]);
  const out = Buffer.alloc(typed.length + 8);
  out.writeUInt32BE(data.length, 0);
  typed.copy(out, 4);
  out.writeUInt32BE(crc32(typed), typed.length + 4);
  return out;
}

/** A truecolour-with-alpha PNG, no interlace, filter 0 on every row. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const raw = Buffer.alloc(height * (width * 4 + 1));
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0;
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

if (require.main === module) {
  const dir = join(__dirname, '..', 'assets');
  mkdirSync(dir, { recursive: true });
  for (const size of ICON_SIZES) {
    writeFileSync(join(dir, `icon-${size}.png`), encodePng(size, size, drawIcon(size)));
  }
  console.log(`Wrote ${ICON_SIZES.map((s) => `icon-${s}.png`).join(', ')} to ${dir}`);
}
