/**
 * Reads a computed `background-image` value (as `getComputedStyle` serialises it: absolute URLs in
 * `url("…")`, layers separated by top-level commas). Each layer is kept as its text, so a swap can put every
 * other layer back untouched, with the URL it shows: a `url()`, or the best candidate of an `image-set()` /
 * `-webkit-image-set()`; gradients and `none` show no file (url null).
 * https://drafts.csswg.org/css-backgrounds/#background-image, https://drafts.csswg.org/css-images-4/#image-set-notation
 */
export interface BackgroundLayer {
  text: string;
  url: string | null;
}

/** Formats a provider can take; an image-set candidate of another type() is skipped. */
const RASTER_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp']);

export function parseBackgroundImage(value: string): BackgroundLayer[] {
  const trimmed = value.trim();
  if (!trimmed || trimmed === 'none') return [];
  return splitTopLevel(trimmed, ',').map((text) => ({ text, url: layerUrl(text) }));
}

/** Serialises `url` as a CSS `url("…")` token (quotes, backslashes and line breaks escaped). */
export function cssUrl(url: string): string {
  return `url("${url.replace(/[\\"]/g, '\\$&').replace(/\n/g, '\\a ')}")`;
}

function layerUrl(layer: string): string | null {
  const fn = /^([-\w]+)\(/.exec(layer);
  if (!fn || !layer.endsWith(')')) return null;
  const name = fn[1]!.toLowerCase();
  const inner = layer.slice(fn[0].length, -1).trim();
  if (name === 'url') return unquote(inner);
  if (name === 'image-set' || name === '-webkit-image-set') return bestOfImageSet(inner);
  return null; // gradients, cross-fade(), element(), paint(): no single file
}

function bestOfImageSet(inner: string): string | null {
  let best: { url: string; density: number } | null = null;
  for (const option of splitTopLevel(inner, ',')) {
    const parts = splitTopLevel(option, ' ');
    const image = parts[0] ?? '';
    const url = image.startsWith('"') || image.startsWith("'") ? unquote(image) : layerUrl(image);
    let density = 1;
    let typeOk = true;
    for (const part of parts.slice(1)) {
      const type = /^type\((.*)\)$/i.exec(part);
      if (type) typeOk = RASTER_TYPES.has((unquote(type[1]!.trim()) ?? '').toLowerCase());
      else density = resolution(part) ?? density;
    }
    if (url && typeOk && (!best || density > best.density)) best = { url, density };
  }
  return best?.url ?? null;
}

/** A resolution in dppx: `2x`, `2dppx`, `192dpi`, `75.6dpcm`. */
function resolution(token: string): number | null {
  const match = /^([\d.]+(?:e[-+]?\d+)?)(x|dppx|dpi|dpcm)$/i.exec(token);
  if (!match) return null;
  const value = Number(match[1]);
  if (!Number.isFinite(value)) return null;
  const unit = match[2]!.toLowerCase();
  return unit === 'dpi' ? value / 96 : unit === 'dpcm' ? (value * 2.54) / 96 : value;
}

/** The URL a `url()` argument or a CSS string holds, escapes undone; null when empty. */
function unquote(raw: string): string | null {
  let body = raw;
  const quote = body[0];
  if ((quote === '"' || quote === "'") && body.endsWith(quote) && body.length >= 2) body = body.slice(1, -1);
  const text = body.replace(/\\(?:([0-9a-f]{1,6})[ \t\n]?|\n|(.))/gi, (_m, hex?: string, char?: string) => {
    if (hex) {
      const code = Number.parseInt(hex, 16);
      return code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)
        ? '\ufffd'
        : String.fromCodePoint(code);
    }
    return char ?? '';
  });
  return text.trim() || null;
}

/** Splits at `separator` outside parentheses and quotes; empty pieces are dropped. */
export function splitTopLevel(text: string, separator: ',' | ' '): string[] {
  const pieces: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\') {
      current += c + (text[i + 1] ?? '');
      i++;
      continue;
    }
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (depth === 0 && (c === separator || (separator === ' ' && /\s/.test(c)))) {
      if (current.trim()) pieces.push(current.trim());
      current = '';
      continue;
    }
    current += c;
  }
  if (current.trim()) pieces.push(current.trim());
  return pieces;
}
