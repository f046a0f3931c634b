/**
 * Calls `run` once the frame being prepared has been painted: a requestAnimationFrame callback runs just
 * before the paint, a task queued from it just after. Where no frame is drawn (a hidden page) it runs
 * soon anyway.
 */
export function afterNextPaint(run: () => void, latestMs = 200): () => void {
  let ran = false;
  const once = () => {
    if (ran) return;
    ran = true;
    run();
  };
  const frame = requestAnimationFrame(() => setTimeout(once, 0));
  const fallback = setTimeout(once, latestMs);
  return () => {
    ran = true;
    cancelAnimationFrame(frame);
    clearTimeout(fallback);
  };
}
