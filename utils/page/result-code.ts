import { createRerender } from './rerender';
import { createMarkerLayer } from './common/marker';
import type { MediaVersion } from './common/protocol';
import { recordsOf } from './common/records';
import { showVersion } from './common/show-version';
import { createWatch } from './common/watch';
import {
  createResultHandlers,
  replaceElement,
  type ResultHandlerOptions,
  type ResultWiring,
} from './result-handlers';

export interface ResultCode {
  handlers: ReturnType<typeof createResultHandlers>;
  /**
   * Matches markers and re-applied results to the page now (the watcher does it by itself); returns how
   * many elements it started giving a result again.
   */
  refresh(): number;
  destroy(): void;
}

/**
 * What a document needs once results go into it: the result handlers, markers, the re-render memory, and
 * the one MutationObserver they share, observing only while something of ours is in the page or
 * remembered. `alive` says whether the extension is still there: once it is not (updated, disabled,
 * removed), the instance takes its UI away at the next change it sees.
 */
export function startResultCode(
  doc: Document,
  options: ResultHandlerOptions & ResultWiring & { alive?: () => boolean },
): ResultCode {
  const records = recordsOf(doc);
  const show = (job: string, version: MediaVersion) => {
    rerender.chosen(job, version);
    return showVersion(doc, job, version);
  };
  const markers = createMarkerLayer(doc, records, show);
  const handlerOptions: ResultHandlerOptions & ResultWiring = {
    ...options,
    onReplaced: (request, kind) => {
      rerender.remember(request, kind);
      follow();
    },
    onShown: (job, version) => rerender.chosen(job, version),
  };
  const rerender = createRerender(
    doc,
    (el, request) => replaceElement(el, request, handlerOptions),
    options.finders,
  );
  const refresh = (): number => {
    if (options.alive && !options.alive()) {
      destroy();
      return 0;
    }
    markers.sync();
    const started = rerender.scan();
    follow();
    return started;
  };
  const watch = createWatch(doc, refresh);

  /** Observes the document and every shadow root one of our elements is in; nothing when idle. */
  function follow(): void {
    const entries = records.all();
    if (entries.length === 0 && rerender.size === 0) return watch.disconnect();
    const roots = new Set<Document | ShadowRoot>([doc]);
    for (const [el] of entries) {
      const root = el.getRootNode();
      if (root instanceof doc.defaultView!.ShadowRoot) roots.add(root);
    }
    watch.observe([...roots]);
  }

  const onChange = () => {
    markers.schedule();
    follow();
  };
  records.onChange = onChange;
  function destroy(): void {
    if (records.onChange === onChange) records.onChange = () => undefined;
    watch.disconnect();
    markers.destroy();
  }
  follow();
  return { handlers: createResultHandlers(doc, handlerOptions), refresh, destroy };
}
