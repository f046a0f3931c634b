import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { OffscreenTask } from '@/utils/messages';

/**
 * The background's side of the offscreen document, against a stand-in for Chrome's offscreen and
 * runtime APIs whose "document" answers the typed protocol the way the real host does.
 */
function fakeChrome() {
  const state = { open: false, running: new Set<string>(), created: 0, closed: 0 };
  const runtime = {
    lastError: undefined as { message: string } | undefined,
    getContexts: vi.fn(async () => (state.open ? [{ contextType: 'OFFSCREEN_DOCUMENT' }] : [])),
    sendMessage: vi.fn((message: { type: string; data: unknown }, reply: (answer: unknown) => void) => {
      if (!state.open) {
        runtime.lastError = { message: 'Could not establish connection. Receiving end does not exist.' };
        reply(undefined);
        runtime.lastError = undefined;
        return;
      }
      let res: unknown;
      if (message.type === 'offscreenStatus')
        res = { backend: null, failures: [], running: [...state.running] };
      if (message.type === 'offscreenRun') state.running.add((message.data as OffscreenTask).jobId);
      setTimeout(() => reply({ res }), 0);
    }),
  };
  const chrome = {
    runtime,
    offscreen: {
      createDocument: vi.fn(async () => {
        await new Promise((resolve) => setTimeout(resolve, 5)); // creating takes a while
        state.open = true;
        state.created++;
      }),
      closeDocument: vi.fn(async () => {
        state.open = false;
        state.closed++;
      }),
    },
  };
  vi.stubGlobal('chrome', chrome);
  return state;
}

const png = () => new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' });

describe('offscreen client', () => {
  beforeEach(() => {
    vi.resetModules(); // the module keeps its turn chain: a fresh one per test
    vi.unstubAllGlobals();
  });

  it('closes an idle document, and leaves a busy one (or none) alone', async () => {
    const state = fakeChrome();
    const client = await import('@/utils/on-device/client');
    expect(await client.closeOffscreenIfIdle()).toBe(false); // nothing open
    await client.startOnDevice('a', { kind: 'upscale', scale: 2 }, png());
    expect(state.created).toBe(1);
    expect(await client.closeOffscreenIfIdle()).toBe(false); // job a runs
    state.running.clear();
    expect(await client.closeOffscreenIfIdle()).toBe(true);
    expect(state.open).toBe(false);
  });

  // Whichever comes first, the job ends up running in an open document.
  for (const order of ['job first', 'close first'] as const) {
    it(`never takes a job down with a close decided at the same moment (${order})`, async () => {
      const state = fakeChrome();
      const client = await import('@/utils/on-device/client');
      await client.startOnDevice('a', { kind: 'upscale', scale: 2 }, png());
      state.running.clear(); // a finished; the document offers to close while b is on its way
      const start = () => client.startOnDevice('b', { kind: 'remove-background' }, png());
      const close = () => client.closeOffscreenIfIdle();
      const closed =
        order === 'job first'
          ? (await Promise.all([start(), close()]))[1]
          : (await Promise.all([close(), start()]))[0];
      expect(state.open).toBe(true);
      expect([...state.running]).toEqual(['b']);
      expect([state.created, state.closed]).toEqual(closed ? [2, 1] : [1, 0]);
    });
  }
});
