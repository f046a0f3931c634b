import { menuId, PROVIDERS } from './providers';
import type { CredentialId, MediaKind, Operation, OperationGroup, Provider } from './providers/types';

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

/** What the menus are built from besides the registry. */
export interface MenuInputs {
  /** Operations that come from settings (the person's EnhanceCraft pipelines). */
  extra?: { provider: Provider; operations: Operation[] }[];
  /** The credentials that have a key saved. */
  keyed?: ReadonlySet<CredentialId>;
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
export function menuItems(media: MediaKind, { extra = [], keyed = new Set() }: MenuInputs = {}): MenuItem[] {
  const root = ROOTS[media];
  const sources = [
    ...Object.values(PROVIDERS).map((provider) => ({
      provider: provider as Provider,
      operations: provider.operations,
    })),
    ...extra,
  ].sort((a, b) => rank(a.provider, keyed) - rank(b.provider, keyed)); // stable: registry order within a rank
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
