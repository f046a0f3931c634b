import { startPicker } from './picker';
import type { PickDone } from '../../messages/pick';
import { pickStartRequest } from './start-request';

export interface PickReports {
  done(picked: PickDone): void;
  cancel(): void;
}

/**
 * At most one pick at a time in a document: a new start replaces the running one (the person chose
 * again), a stop ends it without a report (the pick happened, or was cancelled, in another frame).
 */
export function createPickSession(doc: Document, report: PickReports) {
  let current: { stop(): void } | undefined;
  const stop = () => {
    current?.stop();
    current = undefined;
  };
  return {
    start(data: unknown): void {
      const request = pickStartRequest(data);
      stop();
      current = startPicker(doc, {
        media: request.media,
        title: request.title,
        onPick: (picked) => {
          current = undefined;
          report.done({ menuItemId: request.menuItemId, ...picked });
        },
        onCancel: () => {
          current = undefined;
          report.cancel();
        },
      });
    },
    stop,
    get picking() {
      return current !== undefined;
    },
  };
}
