import { ENHANCECRAFT_OPERATIONS } from './enhancecraft-operations';
import { estimate, type CostRule, type Estimate, type PixelSize } from '../cost-estimate';
import type { Operation, Provider } from './types';

/**
 * HitPaw's photo price table by the result's size (https://developer.hitpaw.com/image/API-reference):
 * [up to this many output megapixels (exclusive), coins]; the last tier has no upper bound (written as
 * OPEN, finite so that it survives a message: JSON has no Infinity). What a job really consumed comes
 * back with the submit (`consume_coins`) and is what the popup shows; this is only the estimate before.
 */
const OPEN = 1_000_000;
// prettier-ignore
export const HITPAW_PHOTO_TIERS: Record<'standard' | 'generative-portrait' | 'generative', [number, number][]> = {
  standard: [[8, 10], [12, 20], [24, 30], [48, 70], [108, 140], [216, 240], [OPEN, 480]],
  'generative-portrait': [[8, 20], [12, 30], [24, 40], [OPEN, 60]],
  generative: [[8, 80], [12, 60], [24, 80], [OPEN, 150]],
};

/** HitPaw's image segmentation: one flat price per image. */
export const HITPAW_SEGMENTATION_COINS = 20;

function hitpawPhotoRule(operation: Operation): CostRule {
  const table = operation.id.startsWith('generative_portrait')
    ? HITPAW_PHOTO_TIERS['generative-portrait']
    : operation.id.startsWith('generative')
      ? HITPAW_PHOTO_TIERS.generative
      : HITPAW_PHOTO_TIERS.standard;
  return { kind: 'by-output', unit: 'coins', scale: operation.scale, tiers: table };
}

/** EnhanceCraft's docs say only that convert, compress and crop-resize are free. */
const ENHANCECRAFT_FREE = new Set(
  ENHANCECRAFT_OPERATIONS.filter((o) => o.costHint === 'free').map((o) => o.id),
);

/** The cost rule of one operation; a pipeline is free only when every step is (its cost hint says so). */
export function costRule(provider: Pick<Provider, 'id'>, operation: Operation): CostRule {
  switch (provider.id) {
    case 'on-device':
      return { kind: 'device' };
    case 'hitpaw-photo':
      return hitpawPhotoRule(operation);
    case 'hitpaw-segmentation':
      return { kind: 'flat', unit: 'coins', amount: HITPAW_SEGMENTATION_COINS };
    case 'enhancecraft':
      return ENHANCECRAFT_FREE.has(operation.id) || operation.costHint === 'free'
        ? { kind: 'free' }
        : { kind: 'unknown', unit: 'credits' };
    default:
      return { kind: 'unknown', unit: 'credits' };
  }
}

/** The expected cost of running `operation` on an image of `size` (natural pixels). */
export function estimateCost(
  provider: Pick<Provider, 'id'>,
  operation: Operation,
  size: PixelSize | null,
): Estimate {
  return estimate(costRule(provider, operation), size);
}
