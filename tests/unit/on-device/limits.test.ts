import { describe, expect, it } from 'vitest';
import { ON_DEVICE_LIMITS, sizeRefusal } from '@/utils/on-device/limits';

describe('sizeRefusal', () => {
  it('takes a 4000×3000 photo at 2×', () => {
    expect(sizeRefusal(4000, 3000, 2)).toBeUndefined();
    expect(sizeRefusal(2000, 2000, 4)).toBeUndefined();
  });

  it('refuses an input above 16 MP with a sentence that says what to do', () => {
    expect(ON_DEVICE_LIMITS.maxInputPixels).toBe(16_000_000);
    expect(sizeRefusal(5000, 4000, 2)).toBe(
      'This image is 5000×4000 (20.0 MP); on-device enhancement takes images up to 16.0 MP. ' +
        'Use a cloud provider, or a smaller copy of the image.',
    );
  });

  it('refuses an output above 64 MP or 16384 px on a side', () => {
    expect(sizeRefusal(4000, 3000, 4)).toMatch(/16000×12000 \(192\.0 MP\).*Choose a smaller scale/);
    expect(sizeRefusal(9000, 100, 2)).toMatch(/18000×200/);
    expect(sizeRefusal(0, 10, 2)).toMatch(/no pixels/);
  });
});
