import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { silentPage } from '@/entrypoints/background/page-bridge';
import { pageNote } from '@/components/job-state';
import { makeJob } from '../jobs/job-factory';

const target = { tabId: 7, frameId: 0 };

afterEach(() => {
  vi.restoreAllMocks();
  fakeBrowser.reset();
});

describe('a page that does not answer', () => {
  it('is gone when the tab is closed', async () => {
    vi.spyOn(fakeBrowser.tabs, 'get').mockRejectedValue(new Error('No tab with id: 7.'));
    const probe = vi.spyOn(fakeBrowser.scripting, 'executeScript');
    expect(await silentPage(target)).toBe('gone');
    expect(probe).not.toHaveBeenCalled();
  });

  it('is gone when the frame is gone or moved on (no access, or no page code of ours there)', async () => {
    vi.spyOn(fakeBrowser.tabs, 'get').mockResolvedValue({ id: 7 } as never);
    const probe = vi.spyOn(fakeBrowser.scripting, 'executeScript');
    probe.mockRejectedValueOnce(new Error('No frame with id 0 in tab 7.'));
    expect(await silentPage(target)).toBe('gone');
    probe.mockResolvedValueOnce([{ frameId: 0, documentId: 'd', result: false }] as never);
    expect(await silentPage(target)).toBe('gone');
  });

  it('has no page code listening when ours is there but did not answer, and the popup says so apart', async () => {
    vi.spyOn(fakeBrowser.tabs, 'get').mockResolvedValue({ id: 7 } as never);
    const probe = vi.spyOn(fakeBrowser.scripting, 'executeScript');
    probe.mockResolvedValueOnce([{ frameId: 0, documentId: 'd', result: true }] as never);
    expect(await silentPage(target)).toBe('no-listener');
    expect(probe).toHaveBeenCalledWith(expect.objectContaining({ target: { tabId: 7, frameIds: [0] } }));
    expect(probe.mock.calls[0]![0]).not.toHaveProperty('files'); // looks, injects nothing

    const note = (status: 'gone' | 'no-listener') => pageNote({ ...makeJob(), page: { status } });
    expect(note('no-listener')).toMatch(/page stopped answering/);
    expect(note('gone')).toMatch(/tab was closed/);
  });
});
