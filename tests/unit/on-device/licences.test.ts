import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { onDevicePublicAssets } from '@/utils/on-device/build-assets';

/**
 * Licence guard for what ships: every production dependency in package-lock.json (code bundled into the
 * extension, and the packages the model weights and wasm binaries are copied from) must carry a
 * permissive licence. Copyleft and non-commercial licences fail the build, whichever package brings them.
 */
const ALLOWED = new Set([
  'MIT',
  'Apache-2.0',
  'BSD-2-Clause',
  'BSD-3-Clause',
  'ISC',
  '0BSD',
  'BlueOak-1.0.0',
  'Unlicense',
  'CC0-1.0',
  'Zlib',
]);
const FORBIDDEN = /\b(?:A?GPL|LGPL|SSPL|BUSL|CC-BY-NC|CC-BY-SA|Commons-Clause|Elastic-2\.0)/i;

/** Known, reviewed exceptions: name → the exact licence accepted and why. Keep this list short. */
const EXCEPTIONS: Record<string, { license: string; why: string }> = {
  'webextension-polyfill': {
    license: 'MPL-2.0',
    why: 'file-level copyleft, shipped unmodified with its notice; predates the on-device engine',
  },
};

interface LockEntry {
  version?: string;
  license?: unknown;
  dev?: boolean;
  link?: boolean;
}
const lock = JSON.parse(readFileSync(join(process.cwd(), 'package-lock.json'), 'utf8')) as {
  packages: Record<string, LockEntry>;
};
const nameOf = (path: string) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
const production = Object.entries(lock.packages)
  .filter(([path]) => path.startsWith('node_modules/') || path.includes('/node_modules/'))
  .filter(([, entry]) => !entry.dev && !entry.link)
  .map(([path, entry]) => ({ name: nameOf(path), version: entry.version, license: entry.license }));

/** SPDX: an OR needs one allowed alternative, an AND needs every term allowed. */
function permissive(expression: string): boolean {
  if (FORBIDDEN.test(expression)) return false;
  const bare = expression.replace(/[()]/g, ' ').trim();
  return bare
    .split(/\s+OR\s+/)
    .some((alternative) => alternative.split(/\s+AND\s+/).every((term) => ALLOWED.has(term.trim())));
}

describe('licence guard', () => {
  it('reads a non-trivial production tree', () => {
    expect(production.length).toBeGreaterThan(50);
    expect(production.map((p) => p.name)).toEqual(expect.arrayContaining(['@tensorflow/tfjs', 'react']));
  });

  it('allows only permissive licences in production dependencies', () => {
    const offenders = production
      .filter(({ name, license }) => {
        if (typeof license !== 'string') return true; // no licence stated: not allowed to ship
        const exception = EXCEPTIONS[name];
        if (exception) return exception.license !== license;
        return !permissive(license);
      })
      .map(({ name, version, license }) => `${name}@${version}: ${JSON.stringify(license ?? null)}`);
    expect(offenders).toEqual([]);
  });

  it('parses licence expressions the way the guard means', () => {
    expect(permissive('Apache-2.0 AND MIT')).toBe(true);
    expect(permissive('(MIT OR GPL-3.0)')).toBe(false); // a GPL mention anywhere is reviewed by hand
    expect(permissive('(MIT OR CC0-1.0)')).toBe(true);
    expect(permissive('AGPL-3.0')).toBe(false);
    expect(permissive('LGPL-3.0-or-later')).toBe(false);
    expect(permissive('CC-BY-NC-4.0')).toBe(false);
    expect(permissive('SSPL-1.0')).toBe(false);
    expect(permissive('MPL-2.0')).toBe(false);
    expect(permissive('SEE LICENSE IN LICENSE')).toBe(false);
  });

  it('has no AGPL background-removal package anywhere, even for development', () => {
    expect(Object.keys(lock.packages).filter((path) => /@imgly\//.test(path))).toEqual([]);
  });

  it('ships model weights and wasm only from permissively licensed packages, code and weights MIT', () => {
    const license = (name: string) =>
      (
        JSON.parse(readFileSync(join(process.cwd(), 'node_modules', name, 'package.json'), 'utf8')) as {
          license?: string;
        }
      ).license;
    expect(license('@upscalerjs/esrgan-slim')).toBe('MIT');
    expect(license('upscaler')).toBe('MIT');
    expect(license('@tensorflow/tfjs-backend-wasm')).toBe('Apache-2.0');
    expect(license('@mediapipe/selfie_segmentation')).toBe('Apache-2.0');
    const sources = new Set(
      onDevicePublicAssets().map(({ absoluteSrc }) => nameOf(absoluteSrc).split('/').slice(0, 2).join('/')),
    );
    expect([...sources].sort()).toEqual([
      '@mediapipe/selfie_segmentation',
      '@tensorflow/tfjs-backend-wasm',
      '@upscalerjs/esrgan-slim',
    ]);
    for (const name of sources) expect(permissive(license(name) ?? '')).toBe(true);
    // The weights' own licence text travels with them in the package.
    expect(readFileSync(join(process.cwd(), 'node_modules/@upscalerjs/esrgan-slim/LICENSE'), 'utf8')).toMatch(
      /^MIT License/,
    );
  });

  // Budgets, so a model swap that balloons the package is a decision, not an accident: the upscaler's
  // model + wasm ≈ 2.5 MB; MediaPipe's SIMD wasm alone is 5.7 MB (its non-SIMD twin is left out).
  it('keeps the shipped on-device files under 3 MiB for upscaling and 9 MiB in all', () => {
    const assets = onDevicePublicAssets();
    const size = (list: typeof assets) =>
      list.reduce((sum, { absoluteSrc }) => sum + statSync(absoluteSrc).size, 0);
    expect(size(assets.filter(({ relativeDest }) => !relativeDest.startsWith('mediapipe/')))).toBeLessThan(
      3 * 2 ** 20,
    );
    expect(size(assets)).toBeLessThan(9 * 2 ** 20);
  });
});
