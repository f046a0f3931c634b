import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  MODEL_PACKAGE,
  SEGMENTATION_DIR,
  SEGMENTATION_FILES,
  SEGMENTATION_PACKAGE,
  WASM_DIR,
  WASM_FILES,
  WASM_PACKAGE,
} from './assets';
import { ON_DEVICE_SCALES } from '../messages';

/**
 * Build-time only (Node): the files to copy from node_modules into the extension, in the shape of WXT's
 * `build:publicAssets` hook. Copying at build (rather than committing them under public/) keeps the
 * shipped weights byte-for-byte those of the pinned, licence-checked npm package: a version bump moves
 * them along, and no megabytes of binaries sit in git twice. Shards are read from each model.json, so
 * a model split into more shards still ships whole.
 */
export interface CopiedAsset {
  absoluteSrc: string;
  relativeDest: string;
}

export function onDevicePublicAssets(rootDir: string = process.cwd()): CopiedAsset[] {
  // Not require.resolve: the model package's `exports` hide both its package.json and its models/.
  const packageDir = (name: string) => {
    const dir = join(rootDir, 'node_modules', name);
    if (!existsSync(dir)) throw new Error(`${name} is not installed in ${rootDir} (run npm ci).`);
    return dir;
  };
  const models = packageDir(MODEL_PACKAGE);
  const assets: CopiedAsset[] = [];
  for (const scale of ON_DEVICE_SCALES) {
    const dir = join(models, 'models', `x${scale}`);
    const manifest = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as {
      weightsManifest: { paths: string[] }[];
    };
    const files = ['model.json', ...manifest.weightsManifest.flatMap((group) => group.paths)];
    for (const file of files) {
      assets.push({ absoluteSrc: join(dir, file), relativeDest: `models/esrgan-slim/x${scale}/${file}` });
    }
  }
  const wasmDist = join(packageDir(WASM_PACKAGE), 'dist');
  for (const file of WASM_FILES) {
    assets.push({ absoluteSrc: join(wasmDist, file), relativeDest: `${WASM_DIR.slice(1)}${file}` });
  }
  const segmentation = packageDir(SEGMENTATION_PACKAGE);
  for (const file of SEGMENTATION_FILES) {
    assets.push({
      absoluteSrc: join(segmentation, file),
      relativeDest: `${SEGMENTATION_DIR.slice(1)}${file}`,
    });
  }
  return assets;
}
