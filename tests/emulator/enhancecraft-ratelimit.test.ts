import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from './index';
import { createJob, ec, RATE_HEADERS, upload, uploadSite, warmUp } from './enhancecraft-client';
import type { Answer } from './test-client';

let emu: Emulator;
beforeAll(warmUp);
beforeEach(async () => {
  emu = await startEmulator();
});
afterEach(() => emu.close());

const rate = (answer: Answer) => Object.fromEntries(RATE_HEADERS.map((h) => [h, Number(answer.headers[h])]));
const poll = (key: string, id = 'unknown') => ec(emu, 'GET', `/api/v1/jobs/api/${id}`, key);

describe('EnhanceCraft rate-limit headers', () => {
  it('every answer carries all five headers: 200, 201, 401, 402, 404, 413, 400, 422', async () => {
    emu.enhancecraft.addKey('sk_live_k', { credits: 0 });
    emu.enhancecraft.configure({ maxUploadBytes: 1000 });
    const key = await uploadSite(emu, 'sk_live_k', 'placeholder.png');
    const answers: [number, Answer][] = [];
    answers.push([200, await ec(emu, 'GET', `/${key}`, 'sk_live_k')]);
    answers.push([
      201,
      await createJob(emu, 'sk_live_k', key, [{ type: 'convert', params: { output_format: 'webp' } }]),
    ]);
    answers.push([401, await poll('sk_live_nope')]);
    answers.push([402, await createJob(emu, 'sk_live_k', key, [{ type: 'enhance', params: { scale: 2 } }])]);
    answers.push([404, await poll('sk_live_k')]);
    answers.push([413, await upload(emu, 'sk_live_k', Buffer.alloc(2000, 1))]);
    answers.push([400, await upload(emu, 'sk_live_k', Buffer.from('not an image'))]);
    answers.push([422, await createJob(emu, 'sk_live_k', key, [])]);
    for (const [status, answer] of answers) {
      expect(answer.status).toBe(status);
      for (const header of RATE_HEADERS)
        expect([status, header, answer.headers[header]]).toEqual([
          status,
          header,
          expect.stringMatching(/^\d+$/),
        ]);
    }
  });

  it('Pro by default: 50/min and 50,000/month, counting down per request; Reset is a Unix second one minute ahead', async () => {
    emu.enhancecraft.addKey('sk_live_pro');
    const before = Math.floor(emu.clock.now() / 1000);
    const first = rate(await poll('sk_live_pro'));
    expect(first).toMatchObject({
      'x-ratelimit-limit': 50,
      'x-ratelimit-remaining': 49,
      'x-ratelimit-limit-month': 50_000,
      'x-ratelimit-remaining-month': 49_999,
    });
    expect(first['x-ratelimit-reset']).toBeGreaterThanOrEqual(before + 60);
    expect(first['x-ratelimit-reset']).toBeLessThanOrEqual(before + 61);
    const second = rate(await poll('sk_live_pro'));
    expect([second['x-ratelimit-remaining'], second['x-ratelimit-remaining-month']]).toEqual([48, 49_998]);
    expect(second['x-ratelimit-reset']).toBe(first['x-ratelimit-reset']);
  });

  it('Business preset: 200/min and 200,000/month', async () => {
    emu.enhancecraft.addKey('sk_live_biz', { tier: 'business' });
    expect(rate(await poll('sk_live_biz'))).toMatchObject({
      'x-ratelimit-limit': 200,
      'x-ratelimit-remaining': 199,
      'x-ratelimit-limit-month': 200_000,
    });
  });

  it('429 {"detail":"Rate limit exceeded"} at the per-minute limit, per key, with headers; recovers after Reset', async () => {
    emu.enhancecraft.addKey('sk_live_k', { perMinute: 8 });
    emu.enhancecraft.addKey('sk_live_other', { perMinute: 8 });
    for (let i = 0; i < 8; i++) expect((await poll('sk_live_k')).status).toBe(404);
    const limited = await poll('sk_live_k');
    expect([limited.status, limited.json()]).toEqual([429, { detail: 'Rate limit exceeded' }]);
    const headers = rate(limited);
    expect(headers).toMatchObject({ 'x-ratelimit-limit': 8, 'x-ratelimit-remaining': 0 });
    expect(headers['x-ratelimit-remaining-month']).toBe(50_000 - 8); // refused requests are not counted
    expect((await upload(emu, 'sk_live_k', 'x')).status).toBe(429); // every route, before the body is read
    expect((await poll('sk_live_other')).status).toBe(404); // another key has its own window

    emu.clock.advance(headers['x-ratelimit-reset']! * 1000 - emu.clock.now() - 1500); // still inside the minute
    expect((await poll('sk_live_k')).status).toBe(429);
    emu.clock.advance(2000); // past X-RateLimit-Reset
    const after = await poll('sk_live_k');
    expect(after.status).toBe(404);
    expect(rate(after)['x-ratelimit-remaining']).toBe(7);
    expect(rate(after)['x-ratelimit-reset']).toBeGreaterThan(headers['x-ratelimit-reset']!);
  });

  it('windowMs (a test knob) shortens the window: Reset is that far ahead, and the count refills after it', async () => {
    emu.enhancecraft.addKey('sk_live_k', { perMinute: 2, windowMs: 10_000 });
    // The emulator's clock runs in real time: the window opens somewhere between these two readings.
    const opened = emu.clock.now();
    const first = rate(await poll('sk_live_k'));
    const answered = emu.clock.now();
    expect(first).toMatchObject({ 'x-ratelimit-limit': 2, 'x-ratelimit-remaining': 1 });
    expect(first['x-ratelimit-reset']).toBeGreaterThanOrEqual(Math.ceil((opened + 10_000) / 1000));
    expect(first['x-ratelimit-reset']).toBeLessThanOrEqual(Math.ceil((answered + 10_000) / 1000));
    expect((await poll('sk_live_k')).status).toBe(404);
    expect((await poll('sk_live_k')).status).toBe(429);
    emu.clock.advance(opened + 9_000 - emu.clock.now()); // not yet: the window is 10 s from its first request
    expect((await poll('sk_live_k')).status).toBe(429);
    emu.clock.advance(Math.max(0, answered + 10_000 - emu.clock.now()));
    const after = await poll('sk_live_k');
    expect([after.status, rate(after)['x-ratelimit-remaining']]).toEqual([404, 1]);
    expect(() => emu.enhancecraft.addKey('sk_live_bad', { windowMs: 10 })).toThrow(RangeError);
  });

  it('the monthly quota also ends in 429, whatever the minute window says', async () => {
    emu.enhancecraft.addKey('sk_live_k', { perMonth: 100, usedThisMonth: 99 });
    const last = await poll('sk_live_k');
    expect([last.status, rate(last)['x-ratelimit-remaining-month']]).toEqual([404, 0]);
    const limited = await poll('sk_live_k');
    expect([limited.status, limited.json()]).toEqual([429, { detail: 'Monthly rate limit exceeded' }]);
    expect(rate(limited)['x-ratelimit-remaining']).toBe(49);
  });

  it('injected faults count and carry the headers, except gateway pages from the proxy', async () => {
    emu.enhancecraft.addKey('sk_live_k');
    emu.enhancecraft.inject('/api/v1/jobs/api/{job_id}', { status: 500 });
    emu.enhancecraft.inject('/api/v1/jobs/api/{job_id}', { status: 503, body: { detail: 'Busy' } });
    emu.enhancecraft.inject('/api/v1/jobs/api/{job_id}', { status: 502 });
    const server = await poll('sk_live_k');
    expect([server.status, server.json(), rate(server)['x-ratelimit-remaining']]).toEqual([
      500,
      { detail: 'Internal Server Error' },
      49,
    ]);
    expect((await poll('sk_live_k')).json()).toEqual({ detail: 'Busy' });
    const gateway = await poll('sk_live_k');
    expect([gateway.status, gateway.headers['content-type'], gateway.headers['x-ratelimit-limit']]).toEqual([
      502,
      'text/html; charset=utf-8',
      undefined,
    ]);
    expect((await poll('sk_live_k')).status).toBe(404);
  });
});
