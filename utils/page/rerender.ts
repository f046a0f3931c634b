import type { MediaVersion } from './common/protocol';
import { recordsOf, shownBy } from './common/records';
import { isSwapping, type ReplaceRequest } from './common/replace-request';
import type { Finders, MediaKindName } from './common/world';

/** Original URLs remembered per tab; the oldest is forgotten first. */
const MAX_REMEMBERED = 100;
/**
 * Times one element gets a result again: a page that keeps setting its own source back (a framework
 * fighting us) wins after this, rather than the two trading writes forever.
 */
const MAX_REAPPLY_PER_ELEMENT = 3;

export type { MediaKindName };
export type ReplaceElement = (el: HTMLElement, request: ReplaceRequest) => Promise<unknown>;

interface Remembered {
  request: ReplaceRequest;
  kind: MediaKindName;
}

/**
 * Pages that re-render (a list refreshed, hydration, a framework setting `src` back) replace the element we
 * enhanced with a new one that shows the same original. While the tab lives, this remembers which original
 * URLs have a finished result, and gives such new elements the result again, without a new job. Only
 * what the person last chose is re-applied: a job switched to "Show original" is left alone.
 */
export function createRerender(doc: Document, replace: ReplaceElement, finders: Finders) {
  const remembered = new Map<string, Remembered>();
  const hidden = new Set<string>();
  const reapplied = new WeakMap<HTMLElement, number>();

  const find = (kind: MediaKindName, srcUrl: string) => finders.ofKind(kind, doc, srcUrl);

  return {
    get size() {
      return remembered.size;
    },

    remember(request: ReplaceRequest, kind: MediaKindName): void {
      remembered.delete(request.srcUrl);
      remembered.set(request.srcUrl, { request, kind });
      if (remembered.size > MAX_REMEMBERED) remembered.delete(remembered.keys().next().value!);
      hidden.delete(request.jobId);
    },

    chosen(job: string, version: MediaVersion): void {
      if (version === 'original') hidden.add(job);
      else hidden.delete(job);
    },

    /** Gives every new element that shows a remembered original its result; returns how many it started. */
    scan(): number {
      const records = recordsOf(doc);
      let started = 0;
      for (const { request, kind } of remembered.values()) {
        if (hidden.has(request.jobId)) continue;
        for (const el of find(kind, request.srcUrl)) {
          if (isSwapping(el) || shownBy(el, records.get(el))) continue; // ours already
          const times = reapplied.get(el) ?? 0;
          if (times >= MAX_REAPPLY_PER_ELEMENT) continue;
          reapplied.set(el, times + 1);
          void replace(el, request);
          started++;
        }
      }
      return started;
    },
  };
}

export type Rerender = ReturnType<typeof createRerender>;
