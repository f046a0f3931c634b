import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createIntake, type BytesResult, type IntakeDeps } from '@/utils/jobs/intake';
import { createRunner } from '@/utils/jobs/runner';
import { deleteJob, listJobs } from '@/utils/jobs/store';
import type { PageInspectReply } from '@/utils/messages';
import { menuId, parseMenuId } from '@/utils/providers';
import { fixture, stubFetch, type Recorded, type SeenRequest } from '../helpers/fetch-stub';

/**
 * A HitPaw image job from the click to its submit, through the real intake and runner with HitPaw's
 * documented answers: images HitPaw cannot download go through its upload storage instead of being
 * refused, and an "Invalid URL" answer switches the job to an upload.
 */
const BOOT = 'boot-hitpaw-upload';
const NOW = 7_000_000;
const TAB = { id: 3 } as const;
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);
const PRESIGN = 'https://api-base.hitpaw.com/api/oss/presign-put';
const presignOk = fixture('hitpaw/oss-presign-ok.json');
const ACCESS_URL = (presignOk.body as { data: { access_url: string } }).data.access_url;
const invalidUrl = (
  fixture('hitpaw/errors.json') as unknown as { errors: (Recorded & { code: number })[] }
).errors.find((e) => e.code === 100400001)!;

/** HitPaw as documented; `submits` answers each job submit in turn (then submit-ok). */
function hitpaw(submits: Recorded[] = []) {
  let submitted = 0;
  return stubFetch((request: SeenRequest) => {
    if (request.url === PRESIGN)
      return {
        status: 200,
        body: { code: 0, data: { ...(presignOk.body as { data: object }).data, content_type: 'image/png' } },
      };
    if (request.method === 'PUT') return fixture('hitpaw/oss-put-ok.json');
    return submits[submitted++] ?? fixture('hitpaw/submit-ok.json');
  });
}

function world(readBytes: () => Promise<BytesResult>, seen: Partial<PageInspectReply> = {}) {
  const runner = createRunner({
    bootId: BOOT,
    clock: () => ({ now: NOW, random: () => 0.5 }),
    getKey: async () => 'hp-key-intake-0001',
    memory: () => ({ get: async () => undefined, set: async () => undefined }),
    settings: async () => ({ tensorpixPreview: false }),
    operation: async (provider, id) => provider.operations.find((o) => o.id === id),
    armWatchdog: async () => undefined,
    swap: async () => ({ page: { status: 'replaced', shown: 'enhanced' } }),
  });
  const calls = { readBytes: vi.fn(readBytes), notify: vi.fn(async () => undefined) };
  const deps: IntakeDeps = {
    bootId: BOOT,
    now: () => NOW,
    resolve: async (id) => parseMenuId(id, []),
    hasKey: async () => true,
    askForKey: async () => undefined,
    inspect: async (_target, _job, srcUrl) => ({
      count: 1,
      bestUrl: srcUrl,
      naturalWidth: 160,
      naturalHeight: 100,
      hasAlpha: false,
      ...seen,
    }),
    start: (id) => runner.start(id),
    ...calls,
  };
  return { click: createIntake(deps), calls };
}

const readable = async (): Promise<BytesResult> => ({
  ok: true,
  blob: new Blob([PNG], { type: 'image/png' }),
});
const click = (op: string, srcUrl: string) => ({
  menuItemId: op,
  srcUrl,
  frameId: 0,
  editable: false,
  pageUrl: 'https://gallery.example.org/',
});
const photo = menuId('hitpaw-photo', 'general_2x');
const submitsOf = (seen: SeenRequest[]) =>
  seen.filter((r) => /\/api\/(photo-enhancer|image-segmentation)$/.test(r.url));

beforeEach(async () => {
  for (const job of await listJobs()) await deleteJob(job.id);
});
afterEach(() => vi.unstubAllGlobals());

describe('HitPaw images HitPaw cannot download itself', () => {
  it.each([
    ['a data: image', photo, 'data:image/png;base64,iVBORw0KGgo='],
    ['a blob: image', photo, 'blob:https://gallery.example.org/0b6c7a8e-1111-4222-8333-944455556666'],
    ['an intranet image', photo, 'http://192.168.1.20/cat.png'],
    [
      'a data: image for background removal',
      menuId('hitpaw-segmentation', 'matting'),
      'data:image/png;base64,iVBORw0KGgo=',
    ],
  ])('%s is read, uploaded once and submitted by its access URL', async (_, op, srcUrl) => {
    const seen = hitpaw();
    const { click: onClick, calls } = world(readable);
    await onClick(click(op, srcUrl), TAB);
    expect(calls.readBytes).toHaveBeenCalledWith({ tabId: 3, frameId: 0 }, expect.any(String), srcUrl);
    expect(seen.map((r) => r.method)).toEqual(['POST', 'PUT', 'POST']);
    const [submit] = submitsOf(seen);
    expect(Object.values(submit!.body as object)).toContain(ACCESS_URL);
    expect((await listJobs())[0]).toMatchObject({ state: 'queued', error: undefined });
  });

  it('an image whose bytes cannot be read is refused with the reason, nothing sent', async () => {
    const seen = hitpaw();
    const { click: onClick } = world(async () => ({ ok: false, reason: 'The site does not share it.' }));
    await onClick(click(photo, 'data:image/png;base64,iVBORw0KGgo='), TAB);
    expect((await listJobs())[0]).toMatchObject({
      state: 'failed',
      error: { message: 'The site does not share it.' },
    });
    expect(seen).toHaveLength(0);
  });

  it('a video on a data: or blob: address is still refused as before: no upload for video', async () => {
    const seen = hitpaw();
    const { click: onClick, calls } = world(readable);
    await onClick(
      click(menuId('hitpaw-video', 'general_restore_2x'), 'blob:https://gallery.example.org/1'),
      TAB,
    );
    expect((await listJobs())[0]?.error?.message).toMatch(
      /streamed into the page \(a blob: MediaSource address\)/,
    );
    expect(calls.readBytes).not.toHaveBeenCalled();
    expect(seen).toHaveLength(0);
  });
});

describe('HitPaw answers "Invalid URL" to a public image', () => {
  const PUBLIC = 'https://gallery.example.org/images/logo.png';

  it('the public URL goes first; on 100400001 the bytes are read and the job goes once more, uploaded', async () => {
    const seen = hitpaw([invalidUrl]);
    const { click: onClick, calls } = world(readable);
    await onClick(click(photo, PUBLIC), TAB);
    const submits = submitsOf(seen);
    expect(submits.map((r) => (r.body as { img_url: string }).img_url)).toEqual([PUBLIC, ACCESS_URL]);
    expect(seen.filter((r) => r.url === PRESIGN)).toHaveLength(1);
    expect(seen.filter((r) => r.method === 'PUT')).toHaveLength(1);
    expect(calls.readBytes).toHaveBeenCalledTimes(1);
    expect((await listJobs())[0]).toMatchObject({ state: 'queued', error: undefined });
  });

  it('a public URL HitPaw takes is never read or uploaded', async () => {
    const seen = hitpaw();
    const { click: onClick, calls } = world(readable);
    await onClick(click(photo, PUBLIC), TAB);
    expect(seen.map((r) => r.url)).toEqual(['https://api-base.hitpaw.com/api/photo-enhancer']);
    expect(calls.readBytes).not.toHaveBeenCalled();
  });

  it('when the bytes cannot be had either, the job fails with HitPaw’s reason, sent once', async () => {
    const seen = hitpaw([invalidUrl]);
    const { click: onClick } = world(async () => ({ ok: false, reason: 'unreadable' }));
    await onClick(click(photo, PUBLIC), TAB);
    expect(submitsOf(seen)).toHaveLength(1);
    const [job] = await listJobs();
    expect(job?.state).toBe('failed');
    expect(job?.error?.message).toMatch(/public link HitPaw's servers can download\. \(code 100400001\)/);
  });
});
