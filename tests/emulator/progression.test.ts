import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from './index';
import { hitpaw, poll, pollToEnd, SITE, submitPhoto } from './test-client';

let emu: Emulator;
beforeEach(async () => {
  emu = await startEmulator();
  emu.hitpaw.addKey('k');
  emu.hitpaw.configure({ rateLimit: null });
});
afterEach(() => emu.close());

const FULL = ['WAITING', 'INPUT_PREPARING', 'CONVERTING', 'CONVERT_COMPLETED', 'OUTPUT_SAVED'];

describe('HitPaw job progression (counted in polls)', () => {
  it('docs mode: CONVERTING → COMPLETED with an absolute CDN res_url; original_url echoes the input', async () => {
    const input = `${SITE}/images/logo.png#emu=none`;
    const id = await submitPhoto(emu, 'k', { img_url: input });
    const { seen, data } = await pollToEnd(emu, 'k', id);
    expect(seen).toEqual(['CONVERTING', 'COMPLETED']);
    expect(data.res_url).toMatch(/^https:\/\/cdn\.example\.net\/.+\.png$/);
    expect(data.original_url).toBe(input);
    expect((await poll(emu, 'k', id)).status).toBe('COMPLETED'); // terminal states stay
  });

  it('full mode walks every internal status; pollsPerStep stretches each step', async () => {
    emu.hitpaw.configure({ progression: 'full' });
    expect((await pollToEnd(emu, 'k', await submitPhoto(emu, 'k'))).seen).toEqual([...FULL, 'COMPLETED']);
    emu.hitpaw.configure({ pollsPerStep: 2 });
    const { seen } = await pollToEnd(emu, 'k', await submitPhoto(emu, 'k'));
    expect(seen).toEqual([...FULL.flatMap((s) => [s, s]), 'COMPLETED']);
  });

  it('forceNextOutcome ends the next job with that status instead of COMPLETED', async () => {
    emu.hitpaw.configure({ progression: 'full' });
    for (const outcome of ['NSFW', 'TIMEOUT', 'REJECT', 'CANCEL', 'ERROR'] as const) {
      emu.hitpaw.forceNextOutcome(outcome);
      const { seen, data } = await pollToEnd(emu, 'k', await submitPhoto(emu, 'k'));
      expect(seen).toEqual([...FULL, outcome]);
      expect(data.res_url).toBe('');
    }
    expect((await pollToEnd(emu, 'k', await submitPhoto(emu, 'k'))).data.status).toBe('COMPLETED');
  });

  it('magic fragments and X-Emu-Scenario force outcomes; #emu=slow takes 10× the polls', async () => {
    const fail = await submitPhoto(emu, 'k', { img_url: `${SITE}/images/logo.png#emu=fail` });
    expect((await pollToEnd(emu, 'k', fail)).seen).toEqual(['CONVERTING', 'ERROR']);
    const nsfw = await submitPhoto(emu, 'k', { img_url: `${SITE}/images/photo.jpg#emu=nsfw` });
    expect((await pollToEnd(emu, 'k', nsfw)).data.status).toBe('NSFW');
    const slow = await submitPhoto(emu, 'k', { img_url: `${SITE}/images/logo.png#emu=slow` });
    expect((await pollToEnd(emu, 'k', slow)).seen).toEqual([
      ...Array<string>(10).fill('CONVERTING'),
      'COMPLETED',
    ]);
    const body = { file_url: `${SITE}/images/logo.png` };
    const header = await hitpaw(emu, '/api/image-segmentation', body, 'k', { 'X-Emu-Scenario': 'reject' });
    expect((await pollToEnd(emu, 'k', header.json().data.job_id)).data.status).toBe('REJECT');
  });

  it('an unreachable input is accepted, sits in CONVERTING/INPUT_PREPARING, then goes ERROR', async () => {
    const outside = await submitPhoto(emu, 'k', { img_url: 'https://images.unsplash.com/photo-1.jpg' });
    expect((await pollToEnd(emu, 'k', outside)).seen).toEqual([
      'CONVERTING',
      'CONVERTING',
      'CONVERTING',
      'ERROR',
    ]);
    emu.hitpaw.configure({ progression: 'full', unreachableErrorAfterPolls: 2 });
    const lan = await submitPhoto(emu, 'k', { img_url: 'http://192.168.1.20/cat.jpg' });
    expect((await pollToEnd(emu, 'k', lan)).seen).toEqual([
      'WAITING',
      'INPUT_PREPARING',
      'INPUT_PREPARING',
      'ERROR',
    ]);
  });

  it('non-image bytes and a 404 input go ERROR asynchronously', async () => {
    const page = await submitPhoto(emu, 'k', { img_url: `${SITE}/index.html` });
    expect((await pollToEnd(emu, 'k', page)).seen).toEqual(['CONVERTING', 'ERROR']);
    const missing = await submitPhoto(emu, 'k', { img_url: `${SITE}/images/missing.png` });
    expect((await pollToEnd(emu, 'k', missing)).data.status).toBe('ERROR');
  });

  it('unknown job, another key’s job, and a job older than 8 days → 400 110400002', async () => {
    const unknown = await hitpaw(
      emu,
      '/api/task-status',
      { job_id: '00000000-0000-4000-8000-000000000000' },
      'k',
    );
    expect([unknown.status, unknown.json()]).toEqual([
      400,
      { error_code: 110400002, message: 'The task does not exist' },
    ]);
    const id = await submitPhoto(emu, 'k');
    emu.hitpaw.addKey('other');
    expect((await hitpaw(emu, '/api/task-status', { job_id: id }, 'other')).json().error_code).toBe(
      110400002,
    );
    emu.clock.advance(8 * 24 * 3600_000 - 1000);
    expect((await poll(emu, 'k', id)).job_id).toBe(id);
    emu.clock.advance(2000);
    expect((await hitpaw(emu, '/api/task-status', { job_id: id }, 'k')).json().error_code).toBe(110400002);
  });

  it('records jobs for tests to inspect', async () => {
    const id = await submitPhoto(emu, 'k', { model_name: 'face_2x' });
    await poll(emu, 'k', id);
    expect(emu.hitpaw.jobs()).toMatchObject([
      { id, key: 'k', kind: 'photo', model: 'face_2x', polls: 1, lastStatus: 'CONVERTING' },
    ]);
  });
});
