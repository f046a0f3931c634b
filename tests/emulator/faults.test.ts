import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from './index';
import { call, hitpaw, poll, submitPhoto, waitFor } from './test-client';

let emu: Emulator;
beforeEach(async () => {
  emu = await startEmulator();
  emu.hitpaw.addKey('k');
});
afterEach(() => emu.close());

const status = (id = 'none') => hitpaw(emu, '/api/task-status', { job_id: id }, 'k');

describe('HitPaw rate limit', () => {
  it('drains a per-key token bucket into a bare 429 and refills on the emulator clock', async () => {
    emu.hitpaw.configure({ rateLimit: { capacity: 3, refillMs: 3000 } });
    emu.hitpaw.addKey('other');
    for (let i = 0; i < 3; i++) expect((await status()).status).toBe(400);
    const limited = await status();
    expect(limited.status).toBe(429);
    expect(limited.json()).toEqual({
      error_code: 100429000,
      message: 'Too many requests, please try again later',
    });
    const extra = Object.keys(limited.headers).filter(
      (h) => !['content-type', 'content-length', 'date', 'connection', 'keep-alive'].includes(h),
    );
    expect(extra).toEqual([]); // no Retry-After, no X-RateLimit-*
    expect((await hitpaw(emu, '/api/task-status', { job_id: 'x' }, 'other')).status).toBe(400); // per key
    emu.clock.advance(1000); // one token back
    expect((await status()).status).toBe(400);
    expect((await status()).status).toBe(429);
  });

  it('the default bucket is 10 per 10 s, and null disables it', async () => {
    const answers = [];
    for (let i = 0; i < 11; i++) answers.push((await status()).status);
    expect(answers.filter((s) => s === 429)).toHaveLength(1);
    emu.hitpaw.configure({ rateLimit: null });
    for (let i = 0; i < 15; i++) expect((await status()).status).toBe(400);
  });
});

describe('HitPaw fault injection', () => {
  it('one-shot faults: 429 then success; 500 with the default and a given body; verbatim strings', async () => {
    emu.hitpaw.inject('/api/photo-enhancer', { status: 429 });
    const first = await hitpaw(emu, '/api/photo-enhancer', {}, 'k');
    expect([first.status, first.json().error_code]).toEqual([429, 100429000]);
    const id = await submitPhoto(emu, 'k');

    emu.hitpaw.inject('/api/task-status', { status: 500 }, 2);
    emu.hitpaw.inject('/api/task-status', {
      status: 500,
      body: { error_code: 100500007, message: 'Operation timeout' },
    });
    emu.hitpaw.inject('/api/task-status', { status: 200, body: '{"code":200,"message":"OK","da' });
    expect((await status(id)).json()).toEqual({ error_code: 100500000, message: 'Internal error' });
    expect((await status(id)).status).toBe(500);
    expect((await status(id)).json().error_code).toBe(100500007);
    const truncated = await status(id);
    expect([truncated.status, truncated.body.toString()]).toEqual([200, '{"code":200,"message":"OK","da']);
    expect((await poll(emu, 'k', id)).status).toBe('CONVERTING'); // faults did not count as polls
  });

  it('commit: the submit takes effect (job, coins) but its answer is replaced', async () => {
    emu.hitpaw.inject('/api/photo-enhancer', { status: 502, commit: true });
    const answer = await hitpaw(
      emu,
      '/api/photo-enhancer',
      { model_name: 'general_2x', img_url: 'https://gallery.example.org/images/logo.png', extension: '.png' },
      'k',
    );
    expect([answer.status, answer.headers['content-type']]).toEqual([502, 'text/html; charset=utf-8']);
    expect(emu.hitpaw.jobs()).toHaveLength(1);
    expect(emu.hitpaw.coins('k')).toBe(990);
  });

  it('hang: the request never answers, the client can abort it, and close() does not wait for it', async () => {
    emu.hitpaw.inject('/api/task-status', { hang: true }, 2);
    const left = status().catch((error: Error) => error); // never aborted: close() must end it
    const controller = new AbortController();
    const init = { headers: { Apikey: 'k' }, body: { job_id: 'x' }, signal: controller.signal };
    const aborted = call(emu, 'https://api-base.hitpaw.com/api/task-status', init);
    await waitFor(() => emu.journal.find({ path: '/api/task-status' }).length === 2);
    controller.abort();
    await expect(aborted).rejects.toThrow(/abort/i);
    expect(emu.journal.find({ path: '/api/task-status' }).map((e) => e.status)).toEqual([null, null]);
    const started = Date.now();
    await emu.close();
    expect(Date.now() - started).toBeLessThan(500);
    expect(await left).toBeInstanceOf(Error); // socket hang up
  });
});
