import type { PageProtocol } from '../../messages/page-protocol';
import type { Handlers } from './channel';
import type { ReplaceOutcome, ReplaceRequest } from './replace-request';
import type { WaitForLoad, WaitForMetadata } from './load-wait';

/**
 * The page code is several small files (see entrypoints/page/index.ts): the click injects the finding and
 * inspecting core, the rest joins it when needed. Each file is its own bundle with its own copy of the
 * modules it uses, so what they share lives here, on this extension's isolated world (a `Symbol.for` key on
 * its global, which the page's own scripts never see): the memory of what was changed, the swaps in
 * flight, the message handlers, the media kinds and the finders. A fresh core (the first in a document, or
 * after an extension version that is gone) starts a fresh world, as a fresh script had fresh modules.
 */

export type MediaKindName = 'image' | 'video' | 'background';

/** What shows a URL in this frame, of one kind only (see find-media.ts). */
export type MediaMatch =
  | { kind: 'image'; elements: HTMLImageElement[] }
  | { kind: 'video'; elements: HTMLVideoElement[] }
  | { kind: 'background'; elements: HTMLElement[] };

export interface Finders {
  media(doc: Document, srcUrl: string): MediaMatch;
  ofKind(kind: MediaKindName, doc: Document, srcUrl: string): HTMLElement[];
  /** Whether any CSS background layer shows `srcUrl`, a `::before` / `::after` one included. */
  anyBackground(doc: Document, srcUrl: string): boolean;
}

export interface SwapOptions {
  loadTimeoutMs: number;
  waitForLoad?: WaitForLoad;
  waitForMetadata?: WaitForMetadata;
}

/** How results are put into one kind of element (image, video, CSS background). */
export interface KindPart {
  replace(el: HTMLElement, request: ReplaceRequest, options: SwapOptions): Promise<ReplaceOutcome>;
  /** The pixel size of the result the element shows now. */
  size(el: HTMLElement): [number, number];
}
export type Kinds = ReadonlyMap<MediaKindName, KindPart>;

export interface PageWorld {
  /** Message type → handler; the core's one runtime listener answers from it. */
  handlers: Handlers<PageProtocol>;
  kinds: Map<MediaKindName, KindPart>;
  finders?: Finders;
  /** Names of the files that joined. */
  parts: Set<string>;
  /** Run when the page code stops. */
  stops: (() => void)[];
  state: Map<string, unknown>;
}

const KEY = Symbol.for('enhance-in-place.page-world');
type Scope = { [KEY]?: PageWorld };

const blank = (): PageWorld => ({
  handlers: Object.create(null) as Handlers<PageProtocol>,
  kinds: new Map(),
  parts: new Set(),
  stops: [],
  state: new Map(),
});

export const pageWorld = (): PageWorld => ((globalThis as Scope)[KEY] ??= blank());

export const freshWorld = (): PageWorld => ((globalThis as Scope)[KEY] = blank());

/** One value per world under `name`, made by `create` the first time any file asks for it. */
export function shared<T>(name: string, create: () => T): T {
  const { state } = pageWorld();
  if (!state.has(name)) state.set(name, create());
  return state.get(name) as T;
}

export const kindOf = (el: HTMLElement): MediaKindName =>
  el.localName === 'img' ? 'image' : el.localName === 'video' ? 'video' : 'background';
