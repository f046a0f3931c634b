import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { joinResultParts } from '@/entrypoints/background/page-bridge';
import { makeJob } from '../jobs/job-factory';

const target = { tabId: 7, frameId: 2 };
const answer = (result: unknown) => [{ frameId: 2, documentId: 'd', result }] as never;

afterEach(() => {
  vi.restoreAllMocks();
  fakeBrowser.reset();
});

describe('files joining the page code before a result goes in', () => {
  it('asks the running page code, then injects only the known files it names, in that frame', async () => {
    const calls = vi.spyOn(fakeBrowser.scripting, 'executeScript');
    calls.mockResolvedValueOnce(answer(['result', 'video', '../../evil.js', 'constructor', 42]));
    calls.mockResolvedValueOnce([] as never);
    await joinResultParts(target, makeJob());
    expect(calls).toHaveBeenCalledTimes(2);
    expect(calls.mock.calls[0]![0]).not.toHaveProperty('files'); // the question injects nothing
    expect(calls.mock.calls[1]![0]).toEqual({
      target: { tabId: 7, frameIds: [2] },
      files: ['/page-result.js', '/page-video.js'],
    });
  });

  it('injects nothing where no live page code answers (navigated, closed, or nothing missing)', async () => {
    const calls = vi.spyOn(fakeBrowser.scripting, 'executeScript');
    for (const probe of [answer(null), answer([]), answer('result'), Promise.reject(new Error('No tab.'))]) {
      calls.mockReset();
      if (probe instanceof Promise) calls.mockReturnValueOnce(probe as never);
      else calls.mockResolvedValueOnce(probe);
      await joinResultParts(target, makeJob());
      expect(calls).toHaveBeenCalledTimes(1);
    }
  });
});
