import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { leafTitle, menuItems, ROOTS } from '@/entrypoints/background/menus';
import { dynamicOperations, menuId, parseMenuId, PROVIDERS } from '@/utils/providers';
import { PROVIDER_HOSTS } from '@/utils/providers/hosts';
import type { Provider } from '@/utils/providers/types';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const providerFiles = readdirSync(new URL('../../utils/providers/', import.meta.url));
const emulatorDirs = readdirSync(new URL('../emulator/', import.meta.url));
const entries = Object.entries(PROVIDERS) as [string, Provider][];

describe('provider registry', () => {
  it('every adapter is registered under its own id, in its own file', () => {
    for (const [id, provider] of entries) {
      expect(provider.id).toBe(id);
      expect(providerFiles).toContain(`${id}.ts`);
    }
  });

  it('every provider host has an emulator module', () => {
    const modules: Record<string, string> = {
      hitpaw: 'hitpaw',
      enhancecraft: 'enhancecraft',
      tensorpix: 'tensorpix',
    };
    for (const credential of Object.keys(PROVIDER_HOSTS)) expect(emulatorDirs).toContain(modules[credential]);
  });

  it('every operation has a menu item whose id round-trips, and the README lists it', () => {
    const items = new Map([...menuItems('image'), ...menuItems('video')].map((item) => [item.id, item]));
    for (const [, provider] of entries) {
      for (const operation of provider.operations) {
        const mid = menuId(provider.id, operation.id);
        // Built with no key saved: every provider that needs one says so.
        expect(items.get(mid)?.title, mid).toBe(leafTitle(provider, operation, provider.credential !== null));
        expect(items.get(mid)?.contexts, mid).toEqual([operation.media, 'page', 'link', 'frame']);
        expect(parseMenuId(mid)?.operation).toBe(operation);
        expect(readme, `README lists ${mid}`).toContain(`\`${mid}\``);
      }
    }
  });

  it('groups the image menu the way a person thinks, each HitPaw photo label showing its scale and cost', () => {
    const items = menuItems('image');
    const groups = items.filter((item) => item.parentId === ROOTS.image.id).map((item) => item.title);
    expect(groups.slice(0, 3)).toEqual(['Upscale', 'Faces', 'Denoise']);
    expect(groups).toContain('Background');
    const hitpaw = items.filter((item) => item.id.startsWith('hitpaw-photo:'));
    expect(hitpaw).toHaveLength(12);
    for (const leaf of hitpaw) expect(leaf.title).toMatch(/\d× · HitPaw \(from \d+ coins\) \(add key\)$/);
    expect(items.find((i) => i.id === 'hitpaw-segmentation:matting')?.title).toBe(
      'Remove background · HitPaw (20 coins) (add key)',
    );
  });

  it('leads each group with On device until a key is saved, then with the keyed provider', () => {
    const leaves = (keyed: ('hitpaw' | 'enhancecraft')[]) => {
      const items = menuItems('image', { keyed: new Set(keyed) });
      return (group: string) =>
        items.filter((item) => item.parentId === `${ROOTS.image.id}/${group}`).map((item) => item.id);
    };
    const none = leaves([]);
    expect(none('upscale').slice(0, 3)).toEqual([
      'on-device:upscale-2x',
      'on-device:upscale-4x',
      'hitpaw-photo:general_2x',
    ]);
    expect(none('background')[0]).toBe('on-device:remove-background');

    const enhancecraft = leaves(['enhancecraft']);
    expect(enhancecraft('upscale')[0]).toBe('enhancecraft:enhance-2x');
    const upscale = enhancecraft('upscale');
    // On device stays right behind the keyed provider, ahead of those still waiting for a key.
    expect(upscale.indexOf('on-device:upscale-2x')).toBeLessThan(upscale.indexOf('hitpaw-photo:general_2x'));
    expect(upscale.indexOf('on-device:upscale-2x')).toBeGreaterThan(
      upscale.indexOf('enhancecraft:enhance-8x'),
    );
    expect(leaves(['hitpaw'])('background')[0]).toBe('hitpaw-segmentation:matting');
    // Every item is still there whatever the keys: only the order moves.
    expect(new Set(enhancecraft('upscale'))).toEqual(new Set(none('upscale')));
  });

  it("puts the person's pipelines in the menu and resolves their ids", () => {
    const pipeline = {
      id: 'crisp',
      name: 'Crisp & small',
      operations: [{ type: 'enhance', params: { scale: 2 } }],
    };
    const items = menuItems('image', { extra: dynamicOperations([pipeline as never]) });
    expect(items.find((i) => i.id === 'enhancecraft:pipeline-crisp')?.title).toContain('Crisp & small');
    expect(parseMenuId('enhancecraft:pipeline-crisp', [pipeline as never])?.operation.label).toBe(
      'Crisp & small',
    );
    expect(parseMenuId('enhancecraft:pipeline-crisp')).toBeUndefined();
  });

  it('rejects ids that are not ours', () => {
    expect(parseMenuId('hitpaw-photo:rm -rf')).toBeUndefined();
    expect(parseMenuId('toString:general_2x')).toBeUndefined();
    expect(parseMenuId('hitpaw-photo:general_2x:extra')).toBeUndefined();
    expect(parseMenuId(42)).toBeUndefined();
  });
});
