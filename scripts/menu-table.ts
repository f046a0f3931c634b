/**
 * Prints the README's menu-id table from the registry (`npx tsx scripts/menu-table.ts`), so the README
 * says exactly what the menus hold; tests/unit/registry.test.ts fails when they drift apart.
 */
import { MENU_CONTEXTS, menuItems } from '../utils/menu-items';
import { messageReader } from '../tests/unit/helpers/messages';

// Titles are read through chrome.i18n; outside the browser the English messages stand in (the README's).
(globalThis as { chrome?: unknown }).chrome = { i18n: { getMessage: messageReader('en') } };

for (const media of ['image', 'video'] as const) {
  const items = menuItems(media);
  const titles = new Map(items.map((item) => [item.id, item.title]));
  console.log(
    `\n**Enhance ${media}** (menu contexts: ${MENU_CONTEXTS[media].map((c) => `\`${c}\``).join(', ')})`,
  );
  console.log(`\n| Group | Menu label | Menu id |\n| --- | --- | --- |`);
  for (const item of items.filter((i) => i.id.includes(':'))) {
    console.log(`| ${titles.get(item.parentId ?? '')} | ${item.title} | \`${item.id}\` |`);
  }
}
