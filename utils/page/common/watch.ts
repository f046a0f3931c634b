/** Mutations are handled at most this often: a re-rendering page changes many nodes in one go. */
export const WATCH_DEBOUNCE_MS = 100;

export interface Watch {
  /** Observes `roots` (the document and shadow roots holding our elements), or nothing when empty. */
  observe(roots: (Document | ShadowRoot)[]): void;
  disconnect(): void;
}

/**
 * The page code's one MutationObserver: markers and re-applied results both follow it. It only runs
 * while something of ours is in the page or remembered; `changed` runs once per burst of mutations.
 */
export function createWatch(doc: Document, changed: () => void): Watch {
  const view = doc.defaultView!;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const observer = new view.MutationObserver(() => {
    timer ??= setTimeout(() => {
      timer = undefined;
      changed();
    }, WATCH_DEBOUNCE_MS);
  });
  let watched: (Document | ShadowRoot)[] = [];
  const same = (roots: (Document | ShadowRoot)[]) =>
    roots.length === watched.length && roots.every((root, i) => root === watched[i]);

  return {
    observe(roots) {
      if (same(roots)) return;
      observer.disconnect();
      watched = roots;
      for (const root of roots) {
        observer.observe(root, {
          subtree: true,
          childList: true,
          attributes: true,
          // What can make an element show another picture, or stop showing ours.
          attributeFilter: ['src', 'srcset', 'style', 'class'],
        });
      }
    },
    disconnect() {
      observer.disconnect();
      watched = [];
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
