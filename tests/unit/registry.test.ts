import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { imageMenuItems, IMAGE_ROOT } from '@/entrypoints/background/menus';
import { menuId, parseMenuId, PROVIDERS } from '@/utils/providers';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const providerFiles = readdirSync(new URL('../../utils/providers/', import.meta.url));

describe('provider registry', () => {
  const entries = Object.entries(PROVIDERS);

  it('every adapter is registered under its own id', () => {
    for (const [id, provider] of entries) expect(provider.id).toBe(id);
    for (const id of Object.keys(PROVIDERS)) expect(providerFiles).toContain(`${id}.ts`);
  });

  it('every operation has a menu item whose id round-trips, and the README lists it', () => {
    const items = new Map(imageMenuItems().map((item) => [item.id, item]));
    for (const [id, provider] of entries) {
      for (const operation of provider.operations) {
        const mid = menuId(provider.id, operation.id);
        expect(items.get(mid)?.title, mid).toBe(`${operation.label} · ${provider.name}`);
        expect(parseMenuId(mid)?.operation).toBe(operation);
        expect(readme, `README lists ${mid}`).toContain(`\`${mid}\``);
      }
      expect(readme, `README has a row for ${id}`).toMatch(new RegExp(`\\| ${provider.name}`));
    }
  });

  it('groups the image menu as Upscale, Faces, Denoise, Generative, each label showing its scale', () => {
    const items = imageMenuItems();
    const groups = items.filter((item) => item.parentId === IMAGE_ROOT).map((item) => item.title);
    expect(groups).toEqual(['Upscale', 'Faces', 'Denoise', 'Generative']);
    const leaves = items.filter((item) => item.id.includes(':'));
    for (const leaf of leaves) expect(leaf.title).toMatch(/\d×/);
    expect(leaves).toHaveLength(12);
  });

  it('rejects ids that are not ours', () => {
    expect(parseMenuId('hitpaw-photo:rm -rf')).toBeUndefined();
    expect(parseMenuId('toString:general_2x')).toBeUndefined();
    expect(parseMenuId(42)).toBeUndefined();
  });
});
