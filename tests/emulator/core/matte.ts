/**
 * A stand-in for subject matting, shared by the providers that cut subjects out. Foreground =
 * pixels whose colour differs from the mean border colour, always including a central core, inside
 * a centred ellipse that touches no edge — so the cut-out has a transparent border, as a real
 * subject cut-out usually does. Deterministic and fast on test-sized images.
 */
const smoothstep = (lo: number, hi: number, v: number) => {
  const t = Math.min(1, Math.max(0, (v - lo) / (hi - lo)));
  return t * t * (3 - 2 * t);
};

/** The subject's alpha (one byte per pixel) for raw RGBA pixels; the input's own alpha is kept. */
export function subjectAlpha(rgba: Buffer, width: number, height: number): Buffer {
  const border = borderMean(rgba, width, height);
  const alpha = Buffer.alloc(width * height);
  const cx = (width - 1) / 2;
  const cy = (height - 1) / 2;
  const rx = width * 0.46;
  const ry = height * 0.46;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const e = ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2;
      const distance =
        Math.hypot(rgba[i * 4]! - border[0], rgba[i * 4 + 1]! - border[1], rgba[i * 4 + 2]! - border[2]) /
        441.7;
      const foreground = Math.max(smoothstep(0.08, 0.25, distance), 1 - smoothstep(0.35, 0.6, e));
      const inside = 1 - smoothstep(0.8, 1, e);
      alpha[i] = Math.round(255 * foreground * inside * (rgba[i * 4 + 3]! / 255));
    }
  }
  return alpha;
}

/** A soft centred ellipse (255 inside, 0 outside, `feather` of the radius blended), one byte per pixel. */
export function ellipseAlpha(width: number, height: number, radius = 0.42, feather = 0.25): Buffer {
  const alpha = Buffer.alloc(width * height);
  const cx = (width - 1) / 2;
  const cy = (height - 1) / 2;
  const rx = width * radius;
  const ry = height * radius;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const e = Math.sqrt(((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2);
      alpha[y * width + x] = Math.round(255 * (1 - smoothstep(1 - feather, 1, e)));
    }
  }
  return alpha;
}

function borderMean(rgba: Buffer, width: number, height: number): [number, number, number] {
  const sum = [0, 0, 0];
  let count = 0;
  const add = (x: number, y: number) => {
    const i = (y * width + x) * 4;
    sum[0]! += rgba[i]!;
    sum[1]! += rgba[i + 1]!;
    sum[2]! += rgba[i + 2]!;
    count++;
  };
  for (let x = 0; x < width; x++) {
    add(x, 0);
    add(x, height - 1);
  }
  for (let y = 1; y < height - 1; y++) {
    add(0, y);
    add(width - 1, y);
  }
  return [sum[0]! / count, sum[1]! / count, sum[2]! / count];
}
