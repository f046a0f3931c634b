import { progressRequest } from '../common/guards';
import type { MediaVersion } from '../common/protocol';
import { recordsOf, shownBy } from '../common/records';
import { kindOf } from '../common/world';
import { showDoneNotice } from './done-notice';
import { createRingLayer } from './rings';

export interface ProgressOptions {
  /** Shows a version of a job's elements (the result code's pageShow where it runs, so re-renders follow). */
  show(jobId: string, version: MediaVersion): void;
  /** Opens the compare overlay on the job's picture. */
  compare(jobId: string): void;
}

/**
 * pageProgress: the ring on the job's media while it runs, "!" when it fails, and the "Enhanced" notice
 * once its result is in. Which elements belong to the job, and whether its result is in, come from our
 * own records only (the background's word picks the phase, never the elements).
 */
export function createProgressHandler(doc: Document, options: ProgressOptions) {
  const rings = createRingLayer(doc);
  const records = recordsOf(doc);
  const elementsOf = (jobId: string) => [
    ...new Set([...records.tagged(jobId), ...records.ofJob(jobId).map(([el]) => el)]),
  ];

  function done(jobId: string): void {
    const ours = records.ofJob(jobId).filter(([el, entry]) => shownBy(el, entry) !== null);
    if (ours.length === 0) return; // not in this page (or the page took it over): nothing to offer
    const shown = () => {
      const live = records.ofJob(jobId).map(([el, entry]) => shownBy(el, entry));
      return live.find((version) => version !== null) ?? null;
    };
    const images = ours.every(([el]) => kindOf(el) === 'image');
    showDoneNotice(doc, {
      shown,
      show: (version) => options.show(jobId, version),
      ...(images ? { compare: () => options.compare(jobId) } : {}),
    });
  }

  return {
    handle(data: unknown): void {
      const { jobId, phase, percent } = progressRequest(data);
      if (phase === 'running') return rings.running(jobId, elementsOf(jobId), percent);
      if (phase === 'failed') return rings.failed(jobId);
      rings.end(jobId);
      if (phase === 'done') done(jobId);
    },
    rings,
    destroy: () => rings.destroy(),
  };
}
