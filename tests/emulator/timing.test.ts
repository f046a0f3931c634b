import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from './index';
import { poll, SITE, submitPhoto } from './test-client';

let emu: Emulator;
beforeEach(async () => {
  emu = await startEmulator();
  emu.hitpaw.addKey('k');
  emu.hitpaw.configure({ rateLimit: null });
});
afterEach(() => emu.close());

const snapshot = (id: string) => emu.hitpaw.jobs().find((j) => j.id === id)!;

describe('HitPaw timed jobs (benchmark knobs)', () => {
  it('forceNextDuration: working until doneAt on the emulator clock, done from then on', async () => {
    emu.hitpaw.forceNextDuration(9_000);
    const id = await submitPhoto(emu, 'k');
    const job = snapshot(id);
    expect(job.durationMs).toBe(9_000);
    expect(job.doneAt).toBe(job.createdAt + 9_000);
    expect((await poll(emu, 'k', id)).status).toBe('CONVERTING');
    emu.clock.advance(8_000);
    expect((await poll(emu, 'k', id)).status).toBe('CONVERTING');
    emu.clock.advance(1_000);
    expect((await poll(emu, 'k', id)).status).toBe('COMPLETED');
    // The next job is counted in polls again: one duration per call.
    expect(snapshot(await submitPhoto(emu, 'k')).doneAt).toBeNull();
  });

  it('every status call is in the journal with its job id and arrival time, so delay and calls can be counted', async () => {
    emu.hitpaw.forceNextDuration(2_000);
    const id = await submitPhoto(emu, 'k');
    await poll(emu, 'k', id);
    emu.clock.advance(2_500);
    await poll(emu, 'k', id);
    const calls = emu.journal
      .find({ path: '/api/task-status' })
      .filter((e) => (e.body as { job_id?: string }).job_id === id);
    expect(calls).toHaveLength(2);
    expect(calls[1]!.at - snapshot(id).doneAt!).toBeGreaterThanOrEqual(500);
  });

  it('timing: fixed part plus per-megapixel part of the fetched input, with seeded noise within ±noise', async () => {
    emu.hitpaw.configure({ timing: { fixedMs: 3_000, perMpMs: 8_000, noise: 0 } });
    const exact = snapshot(await submitPhoto(emu, 'k', { img_url: `${SITE}/images/demo-1.jpg` }));
    expect(exact.durationMs).toBe(Math.round(3_000 + 8_000 * ((480 * 320) / 1e6))); // 4 229 ms

    const draw = async () => {
      emu.hitpaw.configure({ timing: { fixedMs: 3_000, perMpMs: 8_000, noise: 0.15, seed: 7 } });
      const ids: string[] = [];
      for (let i = 0; i < 8; i++)
        ids.push(await submitPhoto(emu, 'k', { img_url: `${SITE}/images/demo-1.jpg` }));
      return ids.map((id) => snapshot(id).durationMs!);
    };
    const first = await draw();
    for (const ms of first) {
      expect(ms).toBeGreaterThanOrEqual(Math.floor(exact.durationMs! * 0.85));
      expect(ms).toBeLessThanOrEqual(Math.ceil(exact.durationMs! * 1.15));
    }
    expect(new Set(first).size).toBeGreaterThan(4);
    expect(await draw()).toEqual(first); // the same seed, the same durations
  });

  it('a timed job in full progression walks its working steps over its duration', async () => {
    emu.hitpaw.configure({ progression: 'full' });
    emu.hitpaw.forceNextDuration(10_000);
    const id = await submitPhoto(emu, 'k');
    const seen: string[] = [];
    for (let i = 0; i < 6; i++) {
      seen.push((await poll(emu, 'k', id)).status);
      emu.clock.advance(2_000);
    }
    expect(seen).toEqual([
      'WAITING',
      'INPUT_PREPARING',
      'CONVERTING',
      'CONVERT_COMPLETED',
      'OUTPUT_SAVED',
      'COMPLETED',
    ]);
  });

  it('refuses a bad timing or duration', () => {
    expect(() => emu.hitpaw.configure({ timing: { fixedMs: 1, perMpMs: 1, noise: 1 } })).toThrow(RangeError);
    expect(() => emu.hitpaw.forceNextDuration(-1)).toThrow(RangeError);
  });
});
