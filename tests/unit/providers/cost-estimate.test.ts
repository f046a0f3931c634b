import { describe, expect, it } from 'vitest';
import { describeEstimate, describeTotal, estimate } from '@/utils/cost-estimate';
import { costRule, estimateCost } from '@/utils/providers/cost-rules';
import { PROVIDERS } from '@/utils/providers';
import { HITPAW_PHOTO_OPERATIONS } from '@/utils/providers/hitpaw-photo';
import { photoPrice } from '../../emulator/hitpaw/models';

const hitpaw = PROVIDERS['hitpaw-photo'];
const op = (id: string) => HITPAW_PHOTO_OPERATIONS.find((o) => o.id === id)!;

describe("HitPaw's coins by output size", () => {
  it.each([
    ['general_2x', 300, 200, 10], // 0.24 MP out
    ['general_2x', 1414, 1414, 10], // 7.997 MP out: still under 8
    ['general_2x', 1500, 1500, 20], // 9 MP
    ['general_2x', 2000, 1500, 30], // exactly 12 MP: the next tier
    ['general_4x', 1000, 1000, 30], // 16 MP
    ['general_4x', 2000, 2000, 140], // 64 MP
    ['general_4x', 4000, 3000, 240], // 192 MP
    ['general_4x', 6000, 4000, 480], // 384 MP
    ['sharpen_denoise_1x', 4000, 3000, 30], // 12 MP at 1×
    ['generative_portrait_1x', 1000, 1000, 20],
    ['generative_1x', 3000, 3000, 60], // 9 MP
  ] as const)('%s on %i×%i: %i coins', (id, width, height, coins) => {
    const got = estimateCost(hitpaw, op(id), { width, height });
    const output = width * op(id).scale * height * op(id).scale;
    // The same table as the emulator, transcribed independently from HitPaw's docs.
    expect(got).toEqual({ kind: 'amount', unit: 'coins', amount: coins });
    expect(photoPrice(id, output)).toBe(coins);
  });

  it('an image of unknown size is the cheapest tier, said as "from"', () => {
    const e = estimateCost(hitpaw, op('general_2x'), null);
    expect(e).toEqual({ kind: 'amount', unit: 'coins', amount: 10, from: true });
    expect(describeEstimate(e)).toBe('from 10 coins');
  });
});

describe('other providers', () => {
  it('segmentation is flat, on-device free on this device, EnhanceCraft free only where its docs say so', () => {
    const seg = PROVIDERS['hitpaw-segmentation'];
    expect(estimateCost(seg, seg.operations[0]!, { width: 4000, height: 3000 })).toEqual({
      kind: 'amount',
      unit: 'coins',
      amount: 20,
    });
    const dev = PROVIDERS['on-device'];
    expect(estimateCost(dev, dev.operations[0]!, { width: 300, height: 200 })).toEqual({ kind: 'device' });
    const ec = PROVIDERS.enhancecraft;
    const convert = ec.operations.find((o) => o.id === 'convert-png')!;
    const enhance = ec.operations.find((o) => o.id === 'enhance-2x')!;
    expect(costRule(ec, convert)).toEqual({ kind: 'free' });
    expect(costRule(ec, enhance)).toEqual({ kind: 'unknown', unit: 'credits' });
  });
});

describe('the total line', () => {
  const coins = (amount: number, from = false) =>
    ({ kind: 'amount', unit: 'coins', amount, ...(from ? { from } : {}) }) as const;
  it('adds the coins of the ticked images', () => {
    expect(describeTotal([coins(10), coins(10), coins(20), coins(10)])).toBe('Total: 50 coins');
    expect(describeTotal([coins(10), coins(10, true)])).toBe('Total: from 20 coins');
  });
  it('says free on device, free, or what has no published price', () => {
    expect(describeTotal([{ kind: 'device' }, { kind: 'device' }])).toBe('Total: free, on device');
    expect(describeTotal([{ kind: 'free' }])).toBe('Total: free');
    expect(
      describeTotal([
        { kind: 'unknown', unit: 'credits' },
        { kind: 'unknown', unit: 'credits' },
      ]),
    ).toBe('Total: credits for 2 images (price not published)');
    expect(describeTotal([])).toBe('Total: nothing selected');
  });
  it('a flat rule ignores the size', () => {
    expect(estimate({ kind: 'flat', unit: 'coins', amount: 20 }, null)).toEqual(coins(20));
  });
});
