import sharp from 'sharp';
import { deflateSync } from 'node:zlib';
import type { StoredFile } from '../core/http';
import { badgeSvg, landscapeSvg, portraitSvg } from './scenes';

type Format = 'png' | 'jpeg' | 'webp';
interface Spec {
  width: number;
  height: number;
  kind: 'landscape' | 'badge' | 'flat' | 'portrait';
  variant: number;
  format: Format;
}

/**
 * Every image the test sites serve, under /images/. Sizes are part of the e2e contract (the tests
 * check that a 2x result of `logo.png` is 320x200), so change them only together with the tests.
 */
export const SITE_IMAGES: Record<string, Spec> = {
  'logo.png': { width: 160, height: 100, kind: 'badge', variant: 0, format: 'png' },
  'photo.jpg': { width: 200, height: 150, kind: 'landscape', variant: 0, format: 'jpeg' },
  'responsive-200.jpg': { width: 200, height: 125, kind: 'landscape', variant: 1, format: 'jpeg' },
  'responsive-400.jpg': { width: 400, height: 250, kind: 'landscape', variant: 1, format: 'jpeg' },
  'responsive-800.jpg': { width: 800, height: 500, kind: 'landscape', variant: 1, format: 'jpeg' },
  'pictured.webp': { width: 360, height: 240, kind: 'landscape', variant: 2, format: 'webp' },
  'pictured.jpg': { width: 240, height: 160, kind: 'landscape', variant: 2, format: 'jpeg' },
  'lazy.jpg': { width: 220, height: 140, kind: 'landscape', variant: 3, format: 'jpeg' },
  'placeholder.png': { width: 4, height: 4, kind: 'flat', variant: 0, format: 'png' },
  'remote.jpg': { width: 180, height: 120, kind: 'landscape', variant: 4, format: 'jpeg' },
  'framed.png': { width: 150, height: 100, kind: 'badge', variant: 3, format: 'png' },
  'demo-1.jpg': { width: 480, height: 320, kind: 'landscape', variant: 0, format: 'jpeg' },
  'demo-2.jpg': { width: 480, height: 320, kind: 'landscape', variant: 2, format: 'jpeg' },
  'demo-3.jpg': { width: 480, height: 320, kind: 'landscape', variant: 4, format: 'jpeg' },
  'demo-4.png': { width: 320, height: 200, kind: 'badge', variant: 1, format: 'png' },
  'person.jpg': { width: 300, height: 384, kind: 'portrait', variant: 0, format: 'jpeg' },
  // Long on-device jobs (256-px tiles): medium.jpg at 2× is 12 tiles, about 10 s here (outlives a worker
  // kill); large.jpg at 4× is 48 tiles, over a minute (time to cancel on any machine).
  'medium.jpg': { width: 1000, height: 750, kind: 'landscape', variant: 4, format: 'jpeg' },
  'large.jpg': { width: 2000, height: 1500, kind: 'landscape', variant: 3, format: 'jpeg' },
};

const TYPES: Record<Format, string> = { png: 'image/png', jpeg: 'image/jpeg', webp: 'image/webp' };

async function render(spec: Spec): Promise<Buffer> {
  const { width, height, kind, variant } = spec;
  const svg = {
    badge: () => badgeSvg(width, height, variant),
    landscape: () => landscapeSvg(width, height, variant),
    portrait: () => portraitSvg(width, height),
  };
  const image =
    kind === 'flat'
      ? sharp({ create: { width, height, channels: 3, background: '#cccccc' } })
      : sharp(Buffer.from(svg[kind]()));
  if (spec.format === 'png') return image.png().toBuffer();
  if (spec.format === 'webp')
    return image.flatten({ background: '#ffffff' }).webp({ quality: 85 }).toBuffer();
  return image.flatten({ background: '#ffffff' }).jpeg({ quality: 88 }).toBuffer();
}

let cached: Promise<Map<string, StoredFile>> | undefined;

/** Renders the catalogue once per process (it is deterministic), keyed by path like `/images/logo.png`. */
export function siteImages(): Promise<Map<string, StoredFile>> {
  cached ??= (async () => {
    const files = new Map<string, StoredFile>();
    for (const [name, spec] of Object.entries(SITE_IMAGES)) {
      files.set(`/images/${name}`, { bytes: await render(spec), type: TYPES[spec.format] });
    }
    // Declares 8200x8200 (67.24 MP) in its header but carries no pixels: enough for a provider's
    // limit check (which reads the header), and tiny to serve.
    files.set('/images/oversize.png', { bytes: headerOnlyPng(8200, 8200), type: 'image/png' });
    // 6000x6000 = 36 MP: a valid input whose 4x output (576 MP) is over the 432 MP output cap.
    files.set('/images/wide.png', { bytes: headerOnlyPng(6000, 6000), type: 'image/png' });
    return files;
  })();
  return cached;
}

function headerOnlyPng(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: RGB
  const signature = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
  return Buffer.concat([
    signature,
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.alloc(0))),
    chunk('IEND'),
  ]);
}

function chunk(type: string, data: Buffer = Buffer.alloc(0)): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
