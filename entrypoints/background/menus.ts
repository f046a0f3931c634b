import { browser } from 'wxt/browser';
import { menuId, PROVIDERS } from '@/utils/providers';
import type { Operation, ProviderId } from '@/utils/providers/types';

/**
 * The context menu: "Enhance image" → groups a person thinks in (Upscale, Faces, Denoise, Generative)
 * → one item per operation, labelled with its scale and provider. Leaf ids are `<provider>:<operation>`.
 */
export const IMAGE_ROOT = 'enhance-image';
const GROUP_ORDER: Operation['group'][] = ['Upscale', 'Faces', 'Denoise', 'Generative'];

export interface MenuItem {
  id: string;
  title: string;
  parentId?: string;
  contexts: ['image'];
}

export function imageMenuItems(): MenuItem[] {
  const items: MenuItem[] = [{ id: IMAGE_ROOT, title: 'Enhance image', contexts: ['image'] }];
  for (const group of GROUP_ORDER) {
    const groupId = `${IMAGE_ROOT}/${group.toLowerCase()}`;
    const leaves: MenuItem[] = [];
    for (const [providerId, provider] of Object.entries(PROVIDERS)) {
      for (const operation of provider.operations) {
        if (operation.media !== 'image' || operation.group !== group) continue;
        leaves.push({
          id: menuId(providerId as ProviderId, operation.id),
          title: `${operation.label} · ${provider.name}`,
          parentId: groupId,
          contexts: ['image'],
        });
      }
    }
    if (leaves.length)
      items.push({ id: groupId, title: group, parentId: IMAGE_ROOT, contexts: ['image'] }, ...leaves);
  }
  return items;
}

function create(item: MenuItem): Promise<void> {
  return new Promise((resolve) => {
    browser.contextMenus.create(item, () => resolve());
  });
}

/** Rebuilds the menu when it is missing (first install, or a browser that dropped it). */
export async function ensureMenus(): Promise<void> {
  const present = await browser.contextMenus.update(IMAGE_ROOT, {}).then(
    () => true,
    () => false,
  );
  if (!present) await rebuildMenus();
}

/** On install and update (new items may exist), build the menu from scratch. */
export async function rebuildMenus(): Promise<void> {
  await browser.contextMenus.removeAll();
  for (const item of imageMenuItems()) await create(item);
}
