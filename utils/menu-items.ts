import { menuId, PROVIDERS } from './providers';
import type { MediaKind, Operation, OperationGroup, Provider } from './providers/types';

/**
 * The context menus: "Enhance image" (on images) and "Enhance video" (on videos) → groups a person
 * thinks in → one item per operation, labelled with its scale, provider and expected cost.
 * Leaf ids are `<provider>:<operation>`.
 */
export const ROOTS: Record<MediaKind, { id: string; title: string }> = {
  image: { id: 'enhance-image', title: 'Enhance image' },
  video: { id: 'enhance-video', title: 'Enhance video' },
};
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
  contexts: [MediaKind];
}

export function leafTitle(provider: Provider, operation: Operation): string {
  const cost = operation.costHint ? ` (${operation.costHint})` : '';
  return `${operation.label} · ${provider.name}${cost}`;
}

/** Every item for one media kind; `extra` holds operations that come from settings (pipelines). */
export function menuItems(
  media: MediaKind,
  extra: { provider: Provider; operations: Operation[] }[] = [],
): MenuItem[] {
  const root = ROOTS[media];
  const sources = [
    ...Object.values(PROVIDERS).map((provider) => ({
      provider: provider as Provider,
      operations: provider.operations,
    })),
    ...extra,
  ];
  const items: MenuItem[] = [{ id: root.id, title: root.title, contexts: [media] }];
  for (const group of GROUP_ORDER) {
    const groupId = `${root.id}/${group.toLowerCase().replace(/\W+/g, '-')}`;
    const leaves: MenuItem[] = sources.flatMap(({ provider, operations }) =>
      operations
        .filter((operation) => operation.media === media && operation.group === group)
        .map((operation) => ({
          id: menuId(provider.id, operation.id),
          title: leafTitle(provider, operation),
          parentId: groupId,
          contexts: [media] as [MediaKind],
        })),
    );
    if (leaves.length)
      items.push({ id: groupId, title: group, parentId: root.id, contexts: [media] }, ...leaves);
  }
  return items;
}
