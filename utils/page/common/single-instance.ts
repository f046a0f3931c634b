import { extensionAlive, pageRuntime, type MessageSender, type PageRuntime } from './extension-api';

type Instance = { alive(): boolean; stop(): void };
type GuardedWindow = Window & { [key: symbol]: Instance | undefined };

/**
 * Runs an on-demand page script once per document: the first live instance keeps listening and later
 * injections stand down, unless it belongs to an extension version that is gone (updated or reloaded),
 * which is stopped and replaced. The key is a `Symbol.for` on this extension's isolated world, which the
 * page cannot see. `start` returns how to stop what it set up.
 */
export function startOnce(name: string, start: (runtime: PageRuntime) => () => void): void {
  const key = Symbol.for(`enhance-in-place.${name}`);
  const win = window as unknown as GuardedWindow;
  if (win[key]?.alive()) return;
  win[key]?.stop();
  const runtime = pageRuntime();
  if (!runtime) return;
  win[key] = { alive: extensionAlive, stop: start(runtime) };
}

/** Messages from this extension's background come with no tab; a page or another extension cannot send those. */
export const fromBackground = (runtime: PageRuntime, sender: MessageSender): boolean =>
  sender.id === runtime.id && sender.tab == null;
