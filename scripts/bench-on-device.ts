/**
 * `npm run bench:on-device [-- --sizes 256,512 --scale 2 --repeats 3 --tile 256]`: the detailed view of
 * the on-device section of `npm run bench` (scripts/bench/on-device.ts), with every variant's time and
 * memory, the pixel comparison and background removal, then the section's rows.
 * `--variants upscalerjs-whole` times ours against only those; `--parts times,pixels` runs only those
 * parts (times, memory, pixels, segmentation).
 */
import {
  DEFAULT_ON_DEVICE,
  describeOnDevice,
  measureOnDevice,
  onDeviceRows,
  PARTS,
  VARIANTS,
  type Part,
  type Variant,
} from './bench/on-device';

const arg = (name: string, fallback: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1]! : fallback;
};

const options = {
  sizes: arg('sizes', DEFAULT_ON_DEVICE.sizes.join(',')).split(',').map(Number),
  scale: Number(arg('scale', String(DEFAULT_ON_DEVICE.scale))),
  repeats: Number(arg('repeats', String(DEFAULT_ON_DEVICE.repeats))),
  tile: Number(arg('tile', String(DEFAULT_ON_DEVICE.tile))),
  variants: arg('variants', VARIANTS.join(','))
    .split(',')
    .filter((v): v is Variant => (VARIANTS as readonly string[]).includes(v)),
  parts: arg('parts', PARTS.join(','))
    .split(',')
    .filter((p): p is Part => (PARTS as readonly string[]).includes(p)),
  log: (line: string) => console.log(line),
};

measureOnDevice(options)
  .then((results) => {
    console.log('\n' + describeOnDevice(results, options) + '\n');
    for (const row of onDeviceRows(results)) console.log(JSON.stringify(row));
  })
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
