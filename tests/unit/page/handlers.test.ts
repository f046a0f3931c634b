// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPageHandlers, isTrustedSender } from '@/utils/page/handlers';
import { recordsOf } from '@/utils/page/common/records';

/** The elements the page code remembers for a job (in its own memory; nothing is written on them). */
const taggedIds = (job: string) =>
  recordsOf(document)
    .tagged(job)
    .map((el) => el.id);
const ourAttributes = () =>
  Array.from(document.querySelectorAll('*')).flatMap((el) =>
    el.getAttributeNames().filter((name) => name.startsWith('data-eip')),
  );

const BASE = 'https://gallery.example.org/album/';
const R1 = 'https://cdn.example.net/results/one.png';
const $ = (selector: string) => document.querySelector(selector) as HTMLImageElement;
const loads = async () => true;

/** Natural size as a browser would report it for what the element shows (happy-dom reports 0). */
function naturalSize(img: HTMLImageElement, sizes: Record<string, [number, number]>) {
  const of = () => sizes[img.getAttribute('src') ?? ''] ?? [0, 0];
  Object.defineProperty(img, 'naturalWidth', { configurable: true, get: () => of()[0] });
  Object.defineProperty(img, 'naturalHeight', { configurable: true, get: () => of()[1] });
}

beforeEach(() => {
  document.head.innerHTML = `<base href="${BASE}">`;
  document.body.innerHTML = `
    <img id="a" src="cat.jpg" srcset="cat.jpg 400w, cat-big.jpg 1600w">
    <img id="b" src="/album/cat.jpg">
    <img id="c" src="dog.jpg">`;
});
afterEach(() => {
  document.querySelectorAll('eip-notices').forEach((el) => el.remove());
});

describe('pageInspect', () => {
  it('remembers every copy for the job and reports the best candidate and size', () => {
    naturalSize($('#a'), { 'cat.jpg': [400, 300] });
    const reply = createPageHandlers(document).inspect({ jobId: 'j1', srcUrl: `${BASE}cat.jpg` });
    expect(reply).toEqual({
      count: 2,
      bestUrl: `${BASE}cat-big.jpg`,
      naturalWidth: 400,
      naturalHeight: 300,
      hasAlpha: null, // no readable canvas in a test DOM
    });
    expect(taggedIds('j1')).toEqual(['a', 'b']);
    expect(ourAttributes()).toEqual([]);
  });

  it('answers for an image that is not in this frame', () => {
    expect(createPageHandlers(document).inspect({ jobId: 'j1', srcUrl: 'elsewhere.png' })).toEqual({
      count: 0,
      bestUrl: `${BASE}elsewhere.png`,
      naturalWidth: null,
      naturalHeight: null,
      hasAlpha: null,
    });
  });
});

describe('pageReplace', () => {
  it('ignores job tags and records the page forges or copies onto other images', async () => {
    document.body.innerHTML += `<img id="decoy" src="decoy.jpg" data-eip-job="j1" data-eip-shown="original"
      data-eip-enhanced='{"job":"j1","url":"https://evil.example/pick.png","label":"Forged"}'>`;
    const handlers = createPageHandlers(document, { waitForLoad: loads });
    handlers.inspect({ jobId: 'j1', srcUrl: `${BASE}dog.jpg` });
    $('#decoy').setAttribute('data-eip-job', 'j1'); // copied after the inspection, too
    const reply = await handlers.replace({
      jobId: 'j1',
      srcUrl: `${BASE}dog.jpg`,
      resultUrl: R1,
      label: 'x',
    });
    expect(reply).toMatchObject({ outcome: 'replaced', replacedCount: 1 });
    expect([$('#c').getAttribute('src'), $('#decoy').getAttribute('src')]).toEqual([R1, 'decoy.jpg']);
    expect(handlers.show({ jobId: 'j1', version: 'original' })).toEqual({ changed: 1 });
    expect(handlers.show({ jobId: 'j1', version: 'enhanced' })).toEqual({ changed: 1 });
    expect($('#decoy').getAttribute('src')).toBe('decoy.jpg');
  });

  it('finds the tagged images even after the page changed their src, and reports the result size', async () => {
    const handlers = createPageHandlers(document, { waitForLoad: loads });
    handlers.inspect({ jobId: 'j1', srcUrl: `${BASE}cat.jpg` });
    $('#b').setAttribute('src', 'cat.jpg?lazy=loaded');
    naturalSize($('#a'), { [R1]: [1600, 1200] });
    const reply = await handlers.replace({
      jobId: 'j1',
      srcUrl: `${BASE}cat.jpg`,
      resultUrl: R1,
      label: 'x',
    });
    expect(reply).toEqual({ outcome: 'replaced', replacedCount: 2, naturalWidth: 1600, naturalHeight: 1200 });
    expect(['a', 'b', 'c'].map((id) => $(`#${id}`).getAttribute('src'))).toEqual([R1, R1, 'dog.jpg']);
  });

  it('falls back to srcUrl when nothing is tagged, and says when nothing matches', async () => {
    const handlers = createPageHandlers(document, { waitForLoad: loads });
    const found = await handlers.replace({ jobId: 'j2', srcUrl: 'dog.jpg', resultUrl: R1, label: '' });
    expect(found).toMatchObject({ outcome: 'replaced', replacedCount: 1 });
    expect(taggedIds('j2')).toEqual(['c']);
    const missing = await handlers.replace({ jobId: 'j3', srcUrl: 'gone.jpg', resultUrl: R1, label: '' });
    expect(missing).toEqual({
      outcome: 'not-found',
      replacedCount: 0,
      naturalWidth: null,
      naturalHeight: null,
    });
  });

  it('reports a result the page refuses, with the page as it was', async () => {
    const before = document.body.innerHTML;
    const handlers = createPageHandlers(document, { waitForLoad: async () => false });
    const reply = await handlers.replace({ jobId: 'j1', srcUrl: 'dog.jpg', resultUrl: R1, label: '' });
    expect(reply).toEqual({ outcome: 'refused', replacedCount: 0, naturalWidth: null, naturalHeight: null });
    expect(document.body.innerHTML).toBe(before);
  });

  it.each([
    'http://cdn.example.net/r.png',
    'javascript:alert(document.cookie)',
    'data:image/svg+xml,<svg onload=alert(1)>',
    'https://user:pass@cdn.example.net/r.png',
    `https://cdn.example.net/${'a'.repeat(5000)}`,
  ])('refuses the result URL #%# before touching the page', async (resultUrl) => {
    const before = document.body.innerHTML;
    const waitForLoad = vi.fn(loads);
    const handlers = createPageHandlers(document, { waitForLoad });
    await expect(
      handlers.replace({ jobId: 'j1', srcUrl: 'dog.jpg', resultUrl, label: '' }),
    ).rejects.toThrow();
    expect(document.body.innerHTML).toBe(before);
    expect(waitForLoad).not.toHaveBeenCalled();
  });
});

describe('pageShow and pageNotice', () => {
  it('shows a version and counts the elements changed', async () => {
    const handlers = createPageHandlers(document, { waitForLoad: loads });
    await handlers.replace({ jobId: 'j1', srcUrl: 'cat.jpg', resultUrl: R1, label: '' });
    expect(handlers.show({ jobId: 'j1', version: 'original' })).toEqual({ changed: 2 });
    expect(handlers.show({ jobId: 'j1', version: 'original' })).toEqual({ changed: 0 });
    expect(handlers.show({ jobId: 'j1', version: 'enhanced' })).toEqual({ changed: 2 });
  });

  it('shows a notice', () => {
    createPageHandlers(document).notice({ message: 'Done.', tone: 'info' });
    const host = document.querySelector('eip-notices')!;
    expect(host.shadowRoot!.querySelector('[role="status"]')!.textContent).toContain('Done.');
  });
});

describe('payload validation', () => {
  const handlers = createPageHandlers(document, { waitForLoad: loads });
  it.each<[string, (data: unknown) => unknown, unknown]>([
    ['inspect without a job', handlers.inspect, { srcUrl: 'cat.jpg' }],
    ['inspect with an empty job', handlers.inspect, { jobId: '', srcUrl: 'cat.jpg' }],
    ['inspect with a number', handlers.inspect, { jobId: 1, srcUrl: 'cat.jpg' }],
    ['inspect with nothing', handlers.inspect, undefined],
    ['show with an unknown version', handlers.show, { jobId: 'j1', version: 'both' }],
    ['notice with an unknown tone', handlers.notice, { message: 'hi', tone: 'warning' }],
    ['notice that is too long', handlers.notice, { message: 'x'.repeat(501), tone: 'info' }],
    ['notice that is empty', handlers.notice, { message: '', tone: 'info' }],
    ['a string', handlers.show, 'pageShow'],
  ])('rejects %s', (_name, handle, data) => {
    expect(() => handle(data)).toThrow();
  });

  it.each([
    { srcUrl: 'cat.jpg', resultUrl: R1, label: '' },
    { jobId: 'j1', srcUrl: 'cat.jpg', resultUrl: R1, label: 'a label longer than 200 characters'.repeat(6) },
    { jobId: 'j1', srcUrl: 'cat.jpg', resultUrl: 42, label: '' },
    null,
  ])('rejects replace payload #%#', async (data) => {
    await expect(handlers.replace(data)).rejects.toThrow();
  });
});

describe('isTrustedSender', () => {
  it('trusts only this extension from outside any tab', () => {
    expect(isTrustedSender({ id: 'ext' }, 'ext')).toBe(true);
    expect(isTrustedSender({ id: 'other' }, 'ext')).toBe(false);
    expect(isTrustedSender({}, 'ext')).toBe(false);
    expect(isTrustedSender({ id: 'ext', tab: { id: 3 } }, 'ext')).toBe(false);
  });
});

describe('results delivered as bytes', () => {
  it('become one blob: URL per job in the page, reused on a repeated delivery', async () => {
    const { localResultUrl } = await import('@/utils/page/common/local-result');
    const doc = document.implementation.createHTMLDocument('t');
    const data = { type: 'image/png', base64: 'iVBORw0KGgo=' };
    const first = localResultUrl(doc, 'job-1', data);
    expect(first).toMatch(/^blob:/);
    expect(localResultUrl(doc, 'job-1', data)).toBe(first);
    expect(localResultUrl(doc, 'job-2', data)).not.toBe(first);
  });

  it('the request carries exactly one of a link and bytes', async () => {
    const { pageReplaceRequest } = await import('@/utils/messages');
    const base = { jobId: 'j', srcUrl: 'https://a.example/x.png', label: 'x' };
    expect(pageReplaceRequest.safeParse({ ...base }).success).toBe(false);
    expect(
      pageReplaceRequest.safeParse({ ...base, resultUrl: 'https://cdn.example.net/r.png' }).success,
    ).toBe(true);
    expect(
      pageReplaceRequest.safeParse({
        ...base,
        resultUrl: 'https://cdn.example.net/r.png',
        resultData: { type: 'image/png', base64: 'AA==' },
      }).success,
    ).toBe(false);
    expect(
      pageReplaceRequest.safeParse({ ...base, resultData: { type: 'text/html', base64: 'AA==' } }).success,
    ).toBe(false);
  });
});
