/**
 * Writes the app and tray icons as PNG with nothing but node:zlib (no image tools on the build machines):
 * a round badge with a trail of three dots rising to the right. Run `npx tsx desktop/assets/make-icons.ts`;
 * the PNGs are committed, so packaging does not need to run this.
 *   icon.png (512): app icon; electron-builder derives the Windows .ico and macOS .icns from it.
 *   tray.png (32) and tray@2x.png (64): Linux and Windows tray, colour.
 *   trayTemplate.png / trayTemplate@2x.png: macOS menu bar "template" image (black + alpha; macOS tints it).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

type Rgba = [number, number, number, number];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An RGBA PNG (colour type 6, 8 bits), one filter byte (none) per row. */
export function encodePng(size: number, pixel: (x: number, y: number) => Rgba): Buffer {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y += 1) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x += 1) {
      const offset = y * (size * 4 + 1) + 1 + x * 4;
      const [r, g, b, a] = pixel(x, y);
      raw[offset] = r;
      raw[offset + 1] = g;
      raw[offset + 2] = b;
      raw[offset + 3] = a;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8;
  header[9] = 6;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** In unit coordinates (0..1): the badge and the three dots of the trail. */
const DOTS: Array<[number, number, number]> = [
  [0.3, 0.68, 0.08],
  [0.5, 0.5, 0.095],
  [0.7, 0.32, 0.11],
];

function shapeAt(u: number, v: number): 'dot' | 'badge' | 'none' {
  if (DOTS.some(([cx, cy, r]) => (u - cx) ** 2 + (v - cy) ** 2 <= r * r)) return 'dot';
  return (u - 0.5) ** 2 + (v - 0.5) ** 2 <= 0.47 ** 2 ? 'badge' : 'none';
}

/** 4×4 supersampling: soft edges at every size. */
function render(size: number, colours: { badge: Rgba; dot: Rgba }): Buffer {
  const n = 4;
  return encodePng(size, (x, y) => {
    const sum = [0, 0, 0, 0];
    for (let i = 0; i < n; i += 1) {
      for (let j = 0; j < n; j += 1) {
        const shape = shapeAt((x + (i + 0.5) / n) / size, (y + (j + 0.5) / n) / size);
        const c: Rgba = shape === 'none' ? [0, 0, 0, 0] : colours[shape];
        for (let k = 0; k < 4; k += 1) sum[k]! += c[k]! * (k === 3 ? 1 : c[3] / 255);
      }
    }
    const alpha = sum[3]! / (n * n);
    const channel = (k: number) => (alpha === 0 ? 0 : Math.round(sum[k]! / (n * n) / (alpha / 255)));
    return [channel(0), channel(1), channel(2), Math.round(alpha)];
  });
}

const colour = { badge: [11, 87, 208, 255] as Rgba, dot: [255, 255, 255, 255] as Rgba };
// Template images: only alpha counts; the dots are cut out of the badge.
const template = { badge: [0, 0, 0, 255] as Rgba, dot: [0, 0, 0, 0] as Rgba };

const out = import.meta.dirname;
writeFileSync(join(out, 'icon.png'), render(512, colour));
writeFileSync(join(out, 'tray.png'), render(32, colour));
writeFileSync(join(out, 'tray@2x.png'), render(64, colour));
writeFileSync(join(out, 'trayTemplate.png'), render(22, template));
writeFileSync(join(out, 'trayTemplate@2x.png'), render(44, template));
