import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { inspectClicked } from '@/entrypoints/background/intake-inspect';

const target = { tabId: 7, frameId: 2 };
const SRC = 'https://gallery.example.org/images/photo.jpg';
const reply = { count: 1, bestUrl: SRC, naturalWidth: 480, naturalHeight: 320, hasAlpha: false };

/**
 * The clicked frame as Chrome shows it to the background: `running` says whether page code answers
 * there; injecting it makes it run (once the injection has settled), unless the page cannot be reached.
 */
function frame({ running, reachable = true }: { running: boolean; reachable?: boolean }) {
  const log: string[] = [];
  let live = running;
  vi.spyOn(fakeBrowser.scripting, 'executeScript').mockImplementation((async (details: {
    files: string[];
  }) => {
    log.push(`inject ${details.files.join(',')}`);
    await new Promise((settled) => setTimeout(settled, 5)); // the page's own time to run it
    if (!reachable) throw new Error('Cannot access contents of the page.');
    live = true;
    log.push('injected');
    return [];
  }) as never);
  vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation(((
    _tab: number,
    message: { type: string },
    _options: unknown,
    answer: (r: unknown) => void,
  ) => {
    log.push(`ask ${message.type} ${live ? 'answered' : 'no receiver'}`);
    answer(live ? { res: reply } : undefined); // no receiver: Chrome calls back with nothing
  }) as never);
  return log;
}

afterEach(() => {
  vi.restoreAllMocks();
  fakeBrowser.reset();
});

describe('the look at the clicked media', () => {
  it('where page code runs (a later click in the page), its answer to the question sent with the injection is the one', async () => {
    const log = frame({ running: true });
    await expect(inspectClicked(target, 'j1', SRC)).resolves.toEqual(reply);
    expect(log.filter((entry) => entry.startsWith('ask'))).toEqual(['ask pageInspect answered']);
  });

  it('a first click in the page asks again once the injection has settled', async () => {
    const log = frame({ running: false });
    await expect(inspectClicked(target, 'j1', SRC)).resolves.toEqual(reply);
    expect(log).toEqual([
      'inject /page.js',
      'ask pageInspect no receiver',
      'injected',
      'ask pageInspect answered',
    ]);
  });

  it('a page the extension cannot reach is asked once and described by nothing', async () => {
    const log = frame({ running: false, reachable: false });
    await expect(inspectClicked(target, 'j1', SRC)).resolves.toBeUndefined();
    expect(log).toEqual(['inject /page.js', 'ask pageInspect no receiver']);
  });
});
