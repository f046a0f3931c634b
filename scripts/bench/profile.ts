/**
 * Where a page's script time goes, from the DevTools protocol's sampling profiler: self time per
 * function (name, file, line), largest first. For reading in a benchmark's log, not for its table.
 */
import type { BrowserContext, Page } from '@playwright/test';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTime {
  where: string;
  ms: number;
}

/** Samples `act` in `page` at 100 µs and returns the self time of each function it ran. */
export async function profileOf(
  context: BrowserContext,
  page: Page,
  act: () => Promise<unknown>,
): Promise<SelfTime[]> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  // A navigation inside `act` keeps the session: the profile spans the new document too.
  await act();
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
  await cdp.detach();
  const byNode = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const frame = byNode.get(id)?.callFrame;
    if (!frame) return;
    const file = frame.url.split('/').pop() || '(native)';
    const where = `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}:${frame.columnNumber + 1}`;
    self.set(where, (self.get(where) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return [...self].map(([where, ms]) => ({ where, ms })).sort((a, b) => b.ms - a.ms);
}

export function printProfile(title: string, times: readonly SelfTime[], top = 25): void {
  const busy = times.filter((t) => !/^\((idle|program|garbage collector)\)/.test(t.where));
  const total = busy.reduce((sum, t) => sum + t.ms, 0);
  console.log(`\n  ${title}: ${total.toFixed(1)} ms sampled in script (self time, largest first)`);
  for (const t of times.slice(0, top)) console.log(`    ${t.ms.toFixed(1).padStart(7)} ms  ${t.where}`);
}
