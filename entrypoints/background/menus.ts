import { browser } from 'wxt/browser';
import { allMenuItems, ROOTS, type MenuInputs, type MenuItem } from '@/utils/menu-items';
import { oneAtATime } from '@/utils/one-at-a-time';

export { menuItems, leafTitle, ROOTS } from '@/utils/menu-items';

function create(item: MenuItem): Promise<void> {
  return new Promise((resolve) => {
    // contexts: our MenuContext names are a subset of Chrome's ContextType strings.
    browser.contextMenus.create(item as Parameters<typeof browser.contextMenus.create>[0], () => resolve());
  });
}

/** Rebuilds the menus when they are missing (first install, or a browser that dropped them). */
export async function ensureMenus(inputs: () => Promise<MenuInputs>): Promise<void> {
  const present = await browser.contextMenus.update(ROOTS.image.id, {}).then(
    () => true,
    () => false,
  );
  if (!present) await rebuildMenus(inputs);
}

const inTurn = oneAtATime();

/**
 * On install, update and settings changes (new pipelines, a key added or removed, a new last operation
 * or default action for "Repeat", keyless providers shown or hidden, the menus offered outside the media
 * or not), build the menus from scratch. Builds run one after another: two interleaved removeAll/create
 * runs would collide on ids.
 */
export function rebuildMenus(inputs: () => Promise<MenuInputs>): Promise<void> {
  return inTurn(async () => {
    const current = await inputs();
    await browser.contextMenus.removeAll();
    for (const item of allMenuItems(current)) await create(item);
  });
}
