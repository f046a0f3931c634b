import { pageWorld, type PageWorld } from './world';

/** The running page code's handle; the key is only visible to this extension's isolated world. */
export const ACTIVE = Symbol.for('enhance-in-place.page');

export interface RunningPage {
  alive(): boolean;
  stop(): void;
  /** Names of the files this document still needs before a result of `jobId` goes in (see page-bridge). */
  partsFor(jobId: string, srcUrl: string): string[];
}
export type GuardedWindow = Window & { [ACTIVE]?: RunningPage };

/**
 * How a file joins the page code: only where the click's core runs and is alive (else it stands down: the
 * tab moved on, or the extension was updated), and once per file and document.
 */
export function joinPage(name: string, setup: (world: PageWorld) => void): void {
  if (!(window as GuardedWindow)[ACTIVE]?.alive()) return;
  const world = pageWorld();
  if (world.parts.has(name)) return;
  world.parts.add(name);
  setup(world);
}
