import { useEffect, useState } from 'react';
import type { Job } from '@/utils/jobs/schema';
import { ACTIVE_STATES } from '@/utils/jobs/schema';
import { elapsedText } from './job-list';

/**
 * A job's running time. While it runs this span alone ticks every second (its own timer), so the clock
 * never re-renders the row around it, let alone the list.
 */
export function Elapsed({ job }: { job: Job }) {
  const running = ACTIVE_STATES.has(job.state) && job.finishedAt === undefined;
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [running]);
  return <span className="elapsed">{elapsedText(job, now)}</span>;
}
