import { browser } from 'wxt/browser';
import { menuItems, ROOTS, type MenuItem } from '@/utils/menu-items';

export { menuItems, leafTitle, ROOTS } from '@/utils/menu-items';

function create(item: MenuItem): Promise<void> {
  return new Promise((resolve) => {
    browser.contextMenus.create(item, () => resolve());
  });
}

/** Rebuilds the menus when they are missing (first install, or a browser that dropped them). */
export async function ensureMenus(extra: () => Promise<Parameters<typeof menuItems>[1]>): Promise<void> {
  const present = await browser.contextMenus.update(ROOTS.image.id, {}).then(
    () => true,
    () => false,
  );
  if (!present) await rebuildMenus(extra);
}

let building: Promise<void> = Promise.resolve();

/**
 * On install, update and settings changes (new pipelines), build the menus from scratch. Builds run
 * one after another: two interleaved removeAll/create runs would collide on ids.
 */
export function rebuildMenus(extra: () => Promise<Parameters<typeof menuItems>[1]>): Promise<void> {
  building = building.then(async () => {
    const dynamic = await extra();
    await browser.contextMenus.removeAll();
    for (const item of [...menuItems('image', dynamic), ...menuItems('video', dynamic)]) await create(item);
  });
  return building;
}
