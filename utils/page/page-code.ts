import { createPageHandlers, WHOLE, type PageHandlerOptions } from './handlers';
import { startResultCode } from './result-code';

export interface PageCode {
  handlers: ReturnType<typeof createPageHandlers>;
  /**
   * Matches markers and re-applied results to the page now (the watcher does it by itself); returns how
   * many elements it started giving a result again.
   */
  refresh(): number;
  destroy(): void;
}

/**
 * One running instance of the whole page code in a document, as it is once every file has joined: its
 * memory (records), markers, the re-render memory and all the message handlers (see result-code.ts).
 */
export function startPageCode(
  doc: Document,
  options: PageHandlerOptions & { alive?: () => boolean } = {},
): PageCode {
  const result = startResultCode(doc, { ...WHOLE, ...options });
  return {
    handlers: { ...createPageHandlers(doc, options), ...result.handlers },
    refresh: result.refresh,
    destroy: result.destroy,
  };
}
