import { useLayoutEffect, useRef, useState } from 'react';
import type { Job } from '@/utils/jobs/schema';
import { ACTIVE_STATES } from '@/utils/jobs/schema';
import { elapsedText } from './job-list';

/**
 * A job's running time. While it runs, its own timer rewrites this span's text once a second and only
 * when the words change — no React render at all, of the row or of the span — so the clock costs the
 * popup next to nothing while jobs run.
 */
export function Elapsed({ job }: { job: Job }) {
  const running = ACTIVE_STATES.has(job.state) && job.finishedAt === undefined;
  const span = useRef<HTMLSpanElement>(null);
  // The time of the first render; later seconds are written by the timer, not rendered.
  const [renderedAt] = useState(Date.now);
  useLayoutEffect(() => {
    if (!running) return;
    const tick = () => {
      const text = elapsedText(job, Date.now());
      if (span.current && span.current.textContent !== text) span.current.textContent = text;
    };
    // Before the paint: the rendered text may be seconds old (a row rendered again for new progress).
    tick();
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, [running, job]);
  return (
    <span className="elapsed" ref={span}>
      {elapsedText(job, renderedAt)}
    </span>
  );
}
