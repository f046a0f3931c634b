import sharp, { type Sharp } from 'sharp';
import type { StoredFile } from '../core/http';
import { ellipseAlpha, subjectAlpha } from '../core/matte';
import type { Operation, Params } from './operations';

/**
 * Stand-ins for EnhanceCraft's models, with real pixels (sharp), applied in the order given. Each
 * step hands the next a lossless PNG; the format the result will be written in travels alongside:
 * the input's format, changed by an operation's `output_format`, by compress-optimize (JPEG) and by
 * cut-outs (PNG). compress-optimize and convert encode at once, so their quality is what a later
 * step starts from.
 */
export type OutFormat = 'jpg' | 'png' | 'webp';

interface Work {
  bytes: Buffer;
  format: OutFormat;
  /** `bytes` are already in `format` (the last step encoded them). */
  encoded: boolean;
}

/** A processing error: the job ends `failed` with this as its `error_message`. */
export class JobFailure extends Error {}

export interface PipelineEnv {
  /** Another of the user's storage objects (replace-background `background_image_key`). */
  readObject(key: string): Buffer | undefined;
  maxOutputPixels: number;
  /** What a mask of another size than the image does (config `maskSize`). */
  maskSize?: 'resize' | 'exact';
}

export interface PipelineResult extends StoredFile {
  format: OutFormat;
}

const TYPES: Record<OutFormat, string> = { jpg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };
const WHITE = { r: 255, g: 255, b: 255 };

/** Runs the operations on an uploaded image (any format sharp reads) and encodes the result. */
export async function runPipeline(
  input: Buffer,
  inputFormat: string,
  operations: readonly Operation[],
  env: PipelineEnv,
): Promise<PipelineResult> {
  const start: OutFormat = inputFormat === 'jpeg' ? 'jpg' : inputFormat === 'webp' ? 'webp' : 'png';
  let work: Work = { bytes: await png(sharp(input).rotate()), format: start, encoded: false };
  for (const op of operations) work = await STEPS[op.type](work, op.params, env);
  const bytes = work.encoded ? work.bytes : await encode(sharp(work.bytes), work.format);
  return { bytes, type: TYPES[work.format], format: work.format };
}

type Step = (work: Work, params: Params, env: PipelineEnv) => Promise<Work>;

const STEPS: Record<Operation['type'], Step> = {
  enhance: (work, p, env) => upscale(work, p.scale as number, env),
  'enhance-anime': (work, _p, env) => upscale(work, 4, env),
  'enhance-face': async (work, p) => {
    const level = num(p.enhancement_level, 0.5);
    return same(
      work,
      sharp(work.bytes)
        .sharpen({ sigma: 0.6 + level })
        .modulate({ brightness: 1 + 0.04 * level }),
    );
  },
  denoise: async (work, p) =>
    same(work, sharp(work.bytes).median(num(p.enhancement_level, 0.5) > 0.5 ? 5 : 3)),
  deblur: async (work, p) => {
    const strength = num(p.strength, 1);
    return same(work, sharp(work.bytes).sharpen({ sigma: strength, m1: 1, m2: 2 + strength }));
  },
  'restore-old-photo': async (work, p) => {
    let image = sharp(work.bytes);
    if (p.auto_repair_damage !== false) image = image.median(3);
    image = image
      .normalise()
      .modulate({ saturation: num(p.color_boost, 1.2) })
      .sharpen({ sigma: 0.5 + num(p.face_enhancement_level, 0.5) });
    if (p.enable_colorization === true) {
      const k = num(p.colorization_strength, 0.5);
      // A warm cast: grey pixels gain colour, which is what a colouriser does at the very least.
      image = image.recomb([
        [1 + 0.15 * k, 0.05 * k, 0],
        [0.02 * k, 1 + 0.04 * k, 0],
        [0, 0, 1 - 0.12 * k],
      ]);
    }
    return same(work, image);
  },
  'remove-background': async (work, p) => {
    const cutout = await cutOut(work.bytes);
    if (p.output_format === 'jpg')
      return {
        bytes: await png(sharp(cutout).flatten({ background: WHITE })),
        format: 'jpg',
        encoded: false,
      };
    return { bytes: cutout, format: 'png', encoded: false };
  },
  'replace-background': async (work, p, env) => {
    const cutout = await cutOut(work.bytes);
    if (p.background_type === 'transparent') return { bytes: cutout, format: 'png', encoded: false };
    const { width, height } = await size(work.bytes);
    let background: Sharp;
    if (p.background_type === 'color') {
      background = sharp({
        create: { width, height, channels: 3, background: p.background_color as string },
      });
    } else if (p.background_type === 'image') {
      const bytes = env.readObject(p.background_image_key as string);
      if (!bytes) throw new JobFailure('Background image not found');
      background = sharp(
        await png(sharp(bytes).rotate().resize(width, height, { fit: 'cover' }).removeAlpha()),
      );
    } else {
      background = sharp(promptScene(String(p.background_prompt), width, height), {
        raw: { width, height, channels: 3 },
      });
    }
    return {
      // Opaque result: compositing an RGBA cut-out leaves an alpha channel, dropped in a second pass.
      bytes: await png(sharp(await png(background.composite([{ input: cutout }]))).removeAlpha()),
      format: work.format,
      encoded: false,
    };
  },
  'blur-background': async (work, p) => {
    const { data, info } = await rgba(work.bytes);
    const ellipse = ellipseAlpha(info.width, info.height);
    for (let i = 0; i < ellipse.length; i++)
      data[i * 4 + 3] = Math.round((data[i * 4 + 3]! * ellipse[i]!) / 255);
    const subject = await png(sharp(data, { raw: { width: info.width, height: info.height, channels: 4 } }));
    const sigma = Math.max(0.3, num(p.blur_radius, 20) / 2);
    const blurred = await png(sharp(work.bytes).blur(sigma));
    const format = (p.output_format as OutFormat | undefined) ?? work.format;
    return { bytes: await png(sharp(blurred).composite([{ input: subject }])), format, encoded: false };
  },
  'smart-crop': async (work, p) => {
    const [rw, rh] = String(p.aspect_ratio ?? '1:1')
      .split(':')
      .map(Number) as [number, number];
    const { data, info } = await rgba(work.bytes);
    const { width: W, height: H } = info;
    const box = subjectBox(subjectAlpha(data, W, H), W, H);
    const pad = num(p.padding_percent, 10) / 100;
    const bw = box.w * (1 + 2 * pad);
    const bh = box.h * (1 + 2 * pad);
    const kMax = Math.min(Math.floor(W / rw), Math.floor(H / rh));
    if (kMax < 1) throw new JobFailure(`The image (${W}x${H}) is too small to crop to ${rw}:${rh}`);
    // The smallest window of exactly rw:rh that holds the padded subject, within the image.
    const k = Math.min(kMax, Math.max(1, Math.ceil(bw / rw), Math.ceil(bh / rh)));
    const [w, h] = [k * rw, k * rh];
    const clamp = (v: number, hi: number) => Math.min(Math.max(0, Math.round(v)), hi);
    const left = clamp(box.x + box.w / 2 - w / 2, W - w);
    const top = clamp(box.y + box.h / 2 - h / 2, H - h);
    return same(work, sharp(work.bytes).extract({ left, top, width: w, height: h }));
  },
  'remove-object': async (work, p, env) =>
    same(work, await inpaint(work.bytes, p.mask_data_url as string, env.maskSize)),
  'remove-text': async (work, p, env) => {
    if (typeof p.mask_data_url === 'string' && p.mask_data_url !== '')
      return same(work, await inpaint(work.bytes, p.mask_data_url, env.maskSize));
    return same(work, sharp(work.bytes).median(3).sharpen({ sigma: 0.5 })); // auto-detect stand-in
  },
  'compress-optimize': async (work, p) => ({
    bytes: await encode(sharp(work.bytes), 'jpg', num(p.quality, 85)),
    format: 'jpg',
    encoded: true,
  }),
  'crop-resize': async (work, p, env) => {
    let bytes = work.bytes;
    const crop = p.crop as { pixels?: number[] | null; percentage?: number[] | null } | undefined | null;
    if (crop) {
      const { width: W, height: H } = await size(bytes);
      let [x, y, w, h] =
        crop.pixels ?? crop.percentage!.map((v, i) => Math.round((v * (i % 2 ? H : W)) / 100));
      if (!crop.pixels) {
        // Percentages were validated to stay inside; rounding must not push the box out.
        [x, y] = [Math.min(x!, W - 1), Math.min(y!, H - 1)];
        [w, h] = [Math.min(Math.max(1, w!), W - x), Math.min(Math.max(1, h!), H - y)];
      }
      if (x! + w! > W || y! + h! > H)
        throw new JobFailure(`Crop box [${x}, ${y}, ${w}, ${h}] lies outside the ${W}x${H} image`);
      bytes = await png(sharp(bytes).extract({ left: x!, top: y!, width: w!, height: h! }));
    }
    type Resize = { width?: number | null; height?: number | null; maintain_aspect?: boolean | null };
    const resize = p.resize as Resize | undefined | null;
    if (resize) {
      const { width: W, height: H } = await size(bytes);
      const width = resize.width ?? undefined;
      const height = resize.height ?? undefined;
      const fill = width !== undefined && height !== undefined && resize.maintain_aspect === false;
      // Aspect kept: both given → fit inside the box; one given → the other follows.
      const factor = Math.min(width ? width / W : Infinity, height ? height / H : Infinity);
      const [tw, th] = fill
        ? [width, height]
        : [Math.max(1, Math.round(W * factor)), Math.max(1, Math.round(H * factor))];
      guard(tw * th, env);
      bytes = await png(sharp(bytes).resize(tw, th, { fit: 'fill', kernel: 'lanczos3' }));
    }
    return { ...work, bytes, encoded: false };
  },
  convert: async (work, p) => {
    const format: OutFormat = p.output_format === 'jpeg' ? 'jpg' : (p.output_format as OutFormat);
    return {
      bytes: await encode(sharp(work.bytes), format, p.quality as number | undefined),
      format,
      encoded: true,
    };
  },
};

const num = (value: unknown, fallback: number) => (typeof value === 'number' ? value : fallback);
const png = (image: Sharp) => image.png().toBuffer();
const same = async (work: Work, image: Sharp): Promise<Work> => ({
  ...work,
  bytes: await png(image),
  encoded: false,
});

async function size(bytes: Buffer): Promise<{ width: number; height: number }> {
  const { width = 0, height = 0 } = await sharp(bytes).metadata();
  return { width, height };
}

const rgba = (bytes: Buffer) => sharp(bytes).ensureAlpha().raw().toBuffer({ resolveWithObject: true });

function guard(pixels: number, env: PipelineEnv): void {
  if (pixels > env.maxOutputPixels)
    throw new JobFailure(`Output of ${pixels} pixels exceeds the limit of ${env.maxOutputPixels}`);
}

async function upscale(work: Work, scale: number, env: PipelineEnv): Promise<Work> {
  const { width, height } = await size(work.bytes);
  guard(width * scale * height * scale, env);
  const image = sharp(work.bytes)
    .resize(width * scale, height * scale, { kernel: 'lanczos3' })
    .sharpen({ sigma: 0.7 });
  return same(work, image);
}

async function encode(image: Sharp, format: OutFormat, quality?: number): Promise<Buffer> {
  if (format === 'png') return image.png().toBuffer();
  if (format === 'webp') return image.webp({ quality: quality ?? 90 }).toBuffer();
  return image
    .flatten({ background: WHITE })
    .jpeg({ quality: quality ?? 92 })
    .toBuffer();
}

/** RGBA PNG of the subject with a transparent border (core/matte.ts). */
async function cutOut(bytes: Buffer): Promise<Buffer> {
  const { data, info } = await rgba(bytes);
  const alpha = subjectAlpha(data, info.width, info.height);
  for (let i = 0; i < alpha.length; i++) data[i * 4 + 3] = alpha[i]!;
  return png(sharp(data, { raw: { width: info.width, height: info.height, channels: 4 } }));
}

/** Bounding box of alpha ≥ 128; the whole image when nothing is opaque enough. */
function subjectBox(alpha: Buffer, width: number, height: number) {
  let [x0, y0, x1, y1] = [width, height, -1, -1];
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      if (alpha[y * width + x]! >= 128) {
        x0 = Math.min(x0, x);
        y0 = Math.min(y0, y);
        x1 = Math.max(x1, x);
        y1 = Math.max(y1, y);
      }
  return x1 < 0 ? { x: 0, y: 0, w: width, h: height } : { x: x0, y: y0, w: x1 - x0 + 1, h: y1 - y0 + 1 };
}

/** Fills the mask's white area from a heavy blur of the surroundings: an inpainting stand-in. */
async function inpaint(bytes: Buffer, dataUrl: string, maskSize = 'resize'): Promise<Sharp> {
  const { data, info } = await rgba(bytes);
  const { width, height } = info;
  let mask: Buffer;
  const encoded = Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
  const drawn = await sharp(encoded)
    .metadata()
    .catch(() => undefined);
  if (maskSize === 'exact' && drawn?.width && (drawn.width !== width || drawn.height !== height))
    throw new JobFailure(
      `Mask size ${drawn.width}x${drawn.height} does not match the image (${width}x${height})`,
    );
  try {
    mask = await sharp(encoded)
      .flatten({ background: '#000000' })
      .resize(width, height, { fit: 'fill' })
      .toColourspace('b-w')
      .extractChannel(0)
      .raw()
      .toBuffer();
  } catch {
    throw new JobFailure('mask_data_url is not a decodable image');
  }
  const fill = await sharp(bytes)
    .blur(Math.max(2, Math.min(width, height) / 8))
    .ensureAlpha()
    .raw()
    .toBuffer();
  for (let i = 0; i < width * height; i++) {
    const m = mask[i]! / 255;
    for (let c = 0; c < 4; c++)
      data[i * 4 + c] = Math.round(data[i * 4 + c]! * (1 - m) + fill[i * 4 + c]! * m);
  }
  return sharp(data, { raw: { width, height, channels: 4 } });
}

/** A deterministic two-colour gradient seeded by the prompt: a generated-scene stand-in. */
function promptScene(prompt: string, width: number, height: number): Buffer {
  let hash = 2166136261;
  for (const ch of prompt) hash = Math.imul(hash ^ ch.codePointAt(0)!, 16777619) >>> 0;
  const a = [hash & 255, (hash >> 8) & 255, (hash >> 16) & 255];
  const b = a.map((v) => 255 - v);
  const out = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    const t = height > 1 ? y / (height - 1) : 0;
    for (let x = 0; x < width; x++)
      for (let c = 0; c < 3; c++) out[(y * width + x) * 3 + c] = Math.round(a[c]! * (1 - t) + b[c]! * t);
  }
  return out;
}
