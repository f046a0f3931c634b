import { describe, expect, it } from 'vitest';
import {
  canCancel,
  CREDENTIALS,
  drawnMaskTitle,
  isCutout,
  onDeviceInstead,
  onDeviceLabel,
  PROVIDER_CATALOGUE,
} from '@/utils/provider-catalogue';
import { CREDENTIAL_NAMES, parseMenuId, PROVIDERS } from '@/utils/providers';
import type { Provider } from '@/utils/providers/types';

describe('provider catalogue', () => {
  it('names every credential, with https pages for keys and prices and a way to see the balance', () => {
    expect(Object.keys(PROVIDER_CATALOGUE).sort()).toEqual(Object.keys(CREDENTIAL_NAMES).sort());
    for (const [credential, entry] of Object.entries(PROVIDER_CATALOGUE)) {
      expect(entry.name).toBe(CREDENTIAL_NAMES[credential as keyof typeof CREDENTIAL_NAMES]);
      for (const url of [entry.keyPage, entry.pricePage])
        expect(new URL(url).protocol, `${credential} ${url}`).toBe('https:');
      expect(entry.keySteps.length).toBeGreaterThan(10);
      if (entry.balance.kind === 'page') expect(new URL(entry.balance.url).protocol).toBe('https:');
    }
  });

  it('reads the balance through the API only where the provider documents a balance call (TensorPix)', () => {
    expect(PROVIDER_CATALOGUE.tensorpix.balance).toEqual({ kind: 'api' });
    expect(PROVIDER_CATALOGUE.hitpaw.balance.kind).toBe('page');
    expect(PROVIDER_CATALOGUE.enhancecraft.balance.kind).toBe('page');
  });
});

describe('On device instead', () => {
  const cloud = (Object.values(PROVIDERS) as Provider[]).filter((p) => p.credential !== null);

  it('offers the on-device upscale of the same factor for plain 2× and 4× upscales', () => {
    expect(onDeviceInstead('hitpaw-photo:general_2x')).toBe('on-device:upscale-2x');
    expect(onDeviceInstead('hitpaw-photo:general_4x')).toBe('on-device:upscale-4x');
    expect(onDeviceInstead('enhancecraft:enhance-2x')).toBe('on-device:upscale-2x');
    expect(onDeviceInstead('enhancecraft:enhance-4x')).toBe('on-device:upscale-4x');
  });

  it('offers on-device background removal for background removal', () => {
    expect(onDeviceInstead('hitpaw-segmentation:matting')).toBe('on-device:remove-background');
    expect(onDeviceInstead('enhancecraft:remove-background')).toBe('on-device:remove-background');
  });

  it('offers nothing it cannot do: faces, denoise, generative, 8×, anime, video, pipelines, garbage', () => {
    for (const id of [
      'hitpaw-photo:face_2x',
      'hitpaw-photo:detail_denoise_1x',
      'hitpaw-photo:generative_1x',
      'enhancecraft:enhance-8x',
      'enhancecraft:enhance-anime',
      'hitpaw-video:general_restore_2x',
      'tensorpix:upscale-2x',
      'enhancecraft:pipeline-x',
      'toString',
      '__proto__',
    ])
      expect(onDeviceInstead(id), id).toBeUndefined();
  });

  it('maps only real cloud image operations to real on-device operations with the same scale and kind', () => {
    let mapped = 0;
    for (const provider of cloud)
      for (const operation of provider.operations) {
        const target = onDeviceInstead(`${provider.id}:${operation.id}`);
        if (!target) continue;
        mapped += 1;
        const instead = parseMenuId(target);
        expect(instead?.provider.id).toBe('on-device');
        expect(instead?.operation.media).toBe(operation.media);
        expect(instead?.operation.scale).toBe(operation.scale);
        expect(instead?.operation.group).toBe(operation.group);
      }
    expect(mapped).toBe(8);
  });
});

describe('what the extension’s pages show without loading an adapter, held to the adapters', () => {
  const all = Object.values(PROVIDERS) as Provider[];
  const everyOperation = all.flatMap((provider) =>
    provider.operations.map((operation) => ({ provider, operation, id: `${provider.id}:${operation.id}` })),
  );

  it('every credential has an adapter whose "Test key" the background can call', () => {
    expect(CREDENTIALS.sort()).toEqual([...new Set(all.flatMap((p) => p.credential ?? []))].sort());
    for (const credential of CREDENTIALS)
      expect(
        all.some((p) => p.credential === credential && p.testKey),
        credential,
      ).toBe(true);
  });

  it('Cancel is offered for exactly the providers that can stop a job', () => {
    for (const provider of all) expect(canCancel(provider.id), provider.id).toBe(Boolean(provider.cancel));
    expect(canCancel('toString')).toBe(false);
  });

  it('cut-outs are exactly the operations whose result is transparent', () => {
    for (const { provider, operation, id } of everyOperation)
      expect(isCutout(provider.id, operation.id), id).toBe(operation.cutout === true);
  });

  it('the mask editor’s heading names exactly the drawn-mask operations, as the menu does', () => {
    for (const { provider, operation, id } of everyOperation)
      expect(drawnMaskTitle(id), id).toBe(
        operation.drawnMask ? `${provider.name} · ${operation.label}` : undefined,
      );
    expect(drawnMaskTitle('__proto__')).toBeUndefined();
  });

  it('names each on-device choice as its menu does, and nothing else', () => {
    for (const { provider, operation, id } of everyOperation)
      expect(onDeviceLabel(id), id).toBe(provider.id === 'on-device' ? operation.label : undefined);
  });
});
