import { menuId, PROVIDERS } from './providers';
import type { CredentialId, MediaKind, Operation, OperationGroup, Provider } from './providers/types';
import { t, type MessageKey } from './i18n';
import { costHintText, operationLabel, providerLabel } from './operation-text';

/**
 * The context menus: "Enhance image" and "Enhance video" → groups a person thinks in → one item per
 * operation, labelled with its scale, provider and expected cost. Leaf ids are `<provider>:<operation>`.
 *
 * Chrome gives the `image`/`video` context only when the pointer hits the media itself; an image under a
 * transparent overlay or drawn as a CSS background gets none. So each menu is also offered on the page, on
 * links and in frames, where choosing an operation starts a pick mode (the click carries no `srcUrl`).
 * Chrome allows an item id once, so there is one tree per media with every item in all four contexts
 * (https://developer.chrome.com/docs/extensions/reference/api/contextMenus#type-ContextType): the ids
 * stay `<provider>:<operation>` wherever the menu was opened.
 */
export const ROOTS: Record<MediaKind, { id: string; readonly title: string }> = {
  // Titles are read when the menus are built, in the browser's language.
  image: {
    id: 'enhance-image',
    get title() {
      return t('menu_enhance_image');
    },
  },
  video: {
    id: 'enhance-video',
    get title() {
      return t('menu_enhance_video');
    },
  },
};

export type MenuContext = MediaKind | 'page' | 'link' | 'frame';
/** Where each menu shows: on its media, and where Chrome gives no media context (then: pick mode). */
export const MENU_CONTEXTS: Record<MediaKind, MenuContext[]> = {
  image: ['image', 'page', 'link', 'frame'],
  video: ['video', 'page', 'link', 'frame'],
};

/**
 * "Enhance all images on this page…": one item where Chrome saw no single image (the page, a frame). It
 * opens a dialog listing the page's images with the operation and the total cost; nothing runs until the
 * person confirms there.
 */
export const BATCH_ITEM: MenuItem = {
  id: 'enhance-all',
  get title() {
    return t('batch_button');
  },
  contexts: ['page', 'frame'],
};

/** "Repeat: <last operation>", first in the menu of the last operation's media; one id, whichever it is. */
export const REPEAT_ID = 'repeat-last';
export const repeatTitle = (leafTitle: string) => t('menu_repeat', leafTitle);
/** The same item when the person fixed the default action in Settings (it may never have run yet). */
export const defaultTitle = (leafTitle: string) => t('menu_default', leafTitle);
const GROUP_ORDER: OperationGroup[] = [
  'Upscale',
  'Faces',
  'Denoise',
  'Restore',
  'Background',
  'Crop & convert',
  'Motion',
  'Generative',
  'My pipelines',
];

export interface MenuItem {
  id: string;
  title: string;
  parentId?: string;
  contexts: MenuContext[];
}

/** What needs adding before an item can run, said in its title (Chrome menus have no other hint). */
export const addKeyText = () => t('menu_add_key');

const GROUP_KEYS: Record<OperationGroup, MessageKey> = {
  Upscale: 'group_upscale',
  Faces: 'group_faces',
  Denoise: 'group_denoise',
  Restore: 'group_restore',
  Background: 'group_background',
  'Crop & convert': 'group_crop_convert',
  Motion: 'group_motion',
  Generative: 'group_generative',
  'My pipelines': 'group_my_pipelines',
};

/**
 * "General 2× · HitPaw (from 10 coins)"; with `needsKey`, "… (add key)": choosing it opens Options at
 * that provider's key instead of sending anything.
 */
export function leafTitle(provider: Provider, operation: Operation, needsKey = false): string {
  const parts = [operationLabel(operation.label), providerLabel(provider.name)];
  const title = operation.costHint
    ? t('menu_leaf_cost', [...parts, costHintText(operation.costHint)])
    : t('menu_leaf', parts);
  return needsKey ? `${title} ${addKeyText()}` : title;
}

/** A provider that needs a key the person has not saved yet. */
export const needsKey = (provider: Provider, keyed: ReadonlySet<CredentialId>) =>
  provider.credential !== null && !keyed.has(provider.credential);

/** What the menus are built from besides the registry. */
export interface MenuInputs {
  /** Operations that come from settings (the person's EnhanceCraft pipelines). */
  extra?: { provider: Provider; operations: Operation[] }[];
  /** The credentials that have a key saved. */
  keyed?: ReadonlySet<CredentialId>;
  /** The menu id of the operation last run, offered again as "Repeat: …" when it is in this menu. */
  last?: string;
  /** `last` is the default action fixed in Settings rather than the last one run: "Default: …". */
  lastFixed?: boolean;
  /** List the items of providers without a saved key, marked "(add key)" (default); false leaves them out. */
  showKeyless?: boolean;
  /**
   * Offer the menus on the page, links and frames too, and the batch item on the page (default); false
   * offers them on the media only.
   */
  outsideMedia?: boolean;
}

/**
 * Within a group, the first entry is the default choice. Until a key is saved, that is the on-device
 * engine (it needs none); a provider whose key the person has added goes before it, and providers still
 * waiting for a key come last. Chrome shows items in the order they were created.
 */
function rank(provider: Provider, keyed: ReadonlySet<CredentialId>): number {
  if (provider.credential === null) return 1;
  return keyed.has(provider.credential) ? 0 : 2;
}

/** Every item for one media kind, in the order Chrome will show them. */
export function menuItems(
  media: MediaKind,
  {
    extra = [],
    keyed = new Set(),
    last,
    lastFixed = false,
    showKeyless = true,
    outsideMedia = true,
  }: MenuInputs = {},
): MenuItem[] {
  const root = ROOTS[media];
  const contexts: MenuContext[] = outsideMedia ? MENU_CONTEXTS[media] : [media];
  const sources = [
    ...Object.values(PROVIDERS).map((provider) => ({
      provider: provider as Provider,
      operations: provider.operations,
    })),
    ...extra,
  ]
    .filter(({ provider }) => showKeyless || !needsKey(provider, keyed))
    .sort((a, b) => rank(a.provider, keyed) - rank(b.provider, keyed)); // stable: registry order within a rank
  const items: MenuItem[] = [{ id: root.id, title: root.title, contexts }];
  for (const group of GROUP_ORDER) {
    const groupId = `${root.id}/${group.toLowerCase().replace(/\W+/g, '-')}`;
    const leaves: MenuItem[] = sources.flatMap(({ provider, operations }) =>
      operations
        .filter((operation) => operation.media === media && operation.group === group)
        .map((operation) => ({
          id: menuId(provider.id, operation.id),
          title: leafTitle(provider, operation, needsKey(provider, keyed)),
          parentId: groupId,
          contexts,
        })),
    );
    if (leaves.length)
      items.push({ id: groupId, title: t(GROUP_KEYS[group]), parentId: root.id, contexts }, ...leaves);
  }
  if (items.length === 1) return []; // every provider of this media hidden: no empty "Enhance video"
  const repeated =
    last === undefined ? undefined : items.find((item) => item.id === last && item.id.includes(':'));
  if (repeated) {
    const title = (lastFixed ? defaultTitle : repeatTitle)(repeated.title);
    items.splice(1, 0, { id: REPEAT_ID, title, parentId: root.id, contexts });
  }
  return items;
}

/** Everything the background creates, in order: both media menus, then the page's batch item. */
export function allMenuItems(inputs: MenuInputs = {}): MenuItem[] {
  const batch = (inputs.outsideMedia ?? true) ? [BATCH_ITEM] : [];
  return [...menuItems('image', inputs), ...menuItems('video', inputs), ...batch];
}

/** One operation a person can make the default action, under its menu's path ("Enhance image › Upscale"). */
export interface OperationChoice {
  id: string;
  label: string;
  group: string;
}

/**
 * Every operation of both menus, keyless providers included (their labels say "(add key)"), for the
 * Settings' default action: the same ids and labels the menus show.
 */
export function operationChoices(inputs: MenuInputs = {}): OperationChoice[] {
  const all = allMenuItems({ ...inputs, last: undefined, showKeyless: true });
  const titles = new Map(all.map((item) => [item.id, item.title]));
  return all.flatMap((item) => {
    if (!item.id.includes(':') || !item.parentId) return [];
    const group = all.find((g) => g.id === item.parentId);
    const root = group?.parentId ? titles.get(group.parentId) : undefined;
    return [{ id: item.id, label: item.title, group: root ? `${root} › ${group!.title}` : item.parentId }];
  });
}
