import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from './index';
import { createJob, getJob, modelId, pollJob, TINY, tpx, warmUp } from './tensorpix-client';

let emu: Emulator;
beforeAll(warmUp);
beforeEach(async () => {
  emu = await startEmulator();
  emu.tensorpix.addKey('k');
});
afterEach(() => emu.close());

const statuses = (jobs: { status: unknown }[]) => jobs.map((j) => j.status);

describe('TensorPix job object and progression (counted in polls)', () => {
  it('from-url answers 201 with the full Job object: status 0, no output, external_url = the input', async () => {
    const url = `${TINY}#emu=none`;
    const job = await createJob(emu, 'k', {
      url,
      ml_models: [modelId(emu, 1, 2), modelId(emu, 3)],
      grain: 0.2,
    });
    expect(Object.keys(job)).toEqual([
      'id',
      'started',
      'preview',
      'description',
      'cost_usd',
      'status',
      'eta_s',
      'finished',
      'processing_progress',
      'input_video',
      'output_video',
      'ml_models',
      'grain',
      'codec',
      'output_resolution',
      'comparison',
      'stabilization_smoothing',
      'fps_interpolation_factor',
      'playback_speed',
      'sharpen_strength',
      'start_frame',
      'end_frame',
    ]);
    expect(job).toMatchObject({
      status: 0,
      processing_progress: 0,
      output_video: null,
      finished: null,
      preview: false,
      grain: 0.2,
      codec: 'libx264',
      output_resolution: -1,
      comparison: false,
    });
    expect(Number.isInteger(job.id) && Number.isInteger(job.eta_s) && job.eta_s > 0).toBe(true);
    expect(job.started).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(job.cost_usd).toMatch(/^\d+\.\d\d$/);
    expect(job.input_video).toMatchObject({
      name: 'tiny.mp4',
      width: 160,
      height: 90,
      framerate: 15,
      n_frames: 45,
      external_url: url,
      file: null,
      thumbnail: null,
      codec_id: 'h264',
    });
    expect(job.ml_models).toEqual([
      emu.tensorpix.models().find((m) => m.id === modelId(emu, 1, 2)),
      emu.tensorpix.models().find((m) => m.id === modelId(emu, 3)),
    ]);
  });

  it('0 (spin-up) → 1 with progress rising and eta_s falling → 2 with output_video; terminal stays', async () => {
    const job = await createJob(emu, 'k');
    const seen = await pollJob(emu, 'k', job.id);
    expect(statuses(seen)).toEqual([0, 1, 1, 1, 2]);
    expect(seen.map((j) => j.processing_progress)).toEqual([0, 0, 0.3333, 0.6667, 1]);
    const etas = seen.map((j) => j.eta_s as number);
    expect(etas.slice(1, 4).every((e, i, all) => e > 0 && (i === 0 || e < all[i - 1]!))).toBe(true);
    expect(etas[4]).toBe(0);
    expect(seen.slice(0, 4).every((j) => j.output_video === null && j.finished === null)).toBe(true);
    const done = seen[4];
    expect(done.output_video.file).toMatch(/^https:\/\/cdn\.example\.net\/.+\.mp4\?sig=\w+&exp=\d+$/);
    expect(done.finished).toMatch(/Z$/);
    expect((await getJob(emu, 'k', job.id)).status).toBe(2);
    expect(emu.tensorpix.jobs()).toMatchObject([{ id: job.id, key: 'k', status: 2, polls: 6 }]);
  });

  it('spinUpPolls/processingPolls shape the course; #emu=slow multiplies it by 10', async () => {
    emu.tensorpix.configure({ spinUpPolls: 3, processingPolls: 2 });
    emu.tensorpix.forceNextOutcome(-1);
    expect(statuses(await pollJob(emu, 'k', (await createJob(emu, 'k')).id))).toEqual([0, 0, 0, 1, 1, -1]);
    emu.tensorpix.configure({ spinUpPolls: 1, processingPolls: 1 });
    const slow = await createJob(emu, 'k', { url: `${TINY}#emu=slow,cancel` });
    const seen = statuses(await pollJob(emu, 'k', slow.id, 30));
    expect(seen).toEqual([...Array<number>(10).fill(0), ...Array<number>(10).fill(1), -2]);
  });

  it('forced outcomes: −1 Failed and −2 Canceled via control, #emu= fragments and X-Emu-Scenario', async () => {
    for (const outcome of [-1, -2] as const) {
      emu.tensorpix.forceNextOutcome(outcome);
      const seen = await pollJob(emu, 'k', (await createJob(emu, 'k')).id);
      expect(statuses(seen)).toEqual([0, 1, 1, 1, outcome]);
      expect(seen.at(-1)).toMatchObject({ output_video: null, processing_progress: 0.6667, eta_s: 0 });
      expect(seen.at(-1).finished).toMatch(/Z$/);
    }
    const fail = await createJob(emu, 'k', { url: `${TINY}#emu=fail` });
    expect(statuses(await pollJob(emu, 'k', fail.id)).at(-1)).toBe(-1);
    const cancel = await createJob(emu, 'k', { url: `${TINY}#emu=cancel` });
    expect(statuses(await pollJob(emu, 'k', cancel.id)).at(-1)).toBe(-2);
    const headers = { 'x-emu-scenario': 'fail' };
    const body = { url: TINY, ml_models: [modelId(emu, 3)] };
    const viaHeader = (await tpx(emu, '/api/jobs/from-url/', 'k', { method: 'POST', body, headers })).json();
    expect(statuses(await pollJob(emu, 'k', viaHeader.id)).at(-1)).toBe(-1);
  });

  it('history/{id}/ gives status as a string and adds container, crf, qscale, prores_profile', async () => {
    emu.tensorpix.forceNextOutcome(-2);
    const job = await createJob(emu, 'k');
    const seen = [];
    for (let i = 0; i < 5; i++) seen.push(await getJob(emu, 'k', job.id, true)); // history polls count too
    expect(statuses(seen)).toEqual(['IN_QUEUE', 'PROCESSING', 'PROCESSING', 'PROCESSING', 'CANCELED']);
    expect(seen[0]).toMatchObject({ container: 'mp4', crf: 18, qscale: null, prores_profile: null });
    expect((await getJob(emu, 'k', job.id)).status).toBe(-2);
    emu.tensorpix.forceNextOutcome(-1);
    emu.tensorpix.configure({ historyStatus: 'label', spinUpPolls: 0, processingPolls: 0 });
    const prores = await createJob(emu, 'k', { codec: 'prores_ks' });
    expect(await getJob(emu, 'k', prores.id, true)).toMatchObject({
      status: 'Failed',
      container: 'mov',
      crf: null,
      prores_profile: 3,
    });
  });

  it('unknown ids and another key’s jobs → 404 {"detail":"Not found."}', async () => {
    emu.tensorpix.addKey('other');
    emu.tensorpix.forceNextOutcome(-2);
    const job = await createJob(emu, 'k');
    for (const [path, key] of [
      ['/api/jobs/999999/', 'k'],
      ['/api/jobs/history/999999/', 'k'],
      [`/api/jobs/${job.id}/`, 'other'],
      [`/api/jobs/history/${job.id}/`, 'other'],
    ] as const) {
      const answer = await tpx(emu, path, key);
      expect([path, key, answer.status, answer.json()]).toEqual([path, key, 404, { detail: 'Not found.' }]);
    }
  });

  it('GET /api/jobs/ pages the key’s jobs newest first, without counting polls', async () => {
    emu.tensorpix.addKey('other');
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) {
      emu.tensorpix.forceNextOutcome(-2);
      ids.push((await createJob(emu, 'k')).id);
    }
    emu.tensorpix.forceNextOutcome(-2);
    await createJob(emu, 'other');
    await getJob(emu, 'k', ids[0]!); // status 0 → 1 on the next poll
    await getJob(emu, 'k', ids[0]!);
    const first = (await tpx(emu, '/api/jobs/?limit=2', 'k')).json();
    expect([first.count, first.results.map((j: { id: number }) => j.id), first.previous]).toEqual([
      3,
      [ids[2], ids[1]],
      null,
    ]);
    const second = (await tpx(emu, first.next, 'k')).json();
    expect([
      second.results.map((j: { id: number; status: number }) => [j.id, j.status]),
      second.next,
    ]).toEqual([[[ids[0], 1]], null]);
    expect(emu.tensorpix.jobs().find((j) => j.id === ids[0])?.polls).toBe(2);
  });

  it('optional throttling: 429 "Request was throttled. Expected available in N seconds." with Retry-After', async () => {
    expect(emu.tensorpix.config().throttle).toBeNull();
    emu.tensorpix.configure({ throttle: { perMinute: 3 } });
    emu.tensorpix.addKey('other');
    for (let i = 0; i < 3; i++) expect((await tpx(emu, '/api/ml-models/', 'k')).status).toBe(200);
    const limited = await tpx(emu, '/api/jobs/', 'k');
    expect([limited.status, limited.json(), limited.headers['retry-after']]).toEqual([
      429,
      { detail: 'Request was throttled. Expected available in 60 seconds.' },
      '60',
    ]);
    expect((await tpx(emu, '/api/ml-models/', 'other')).status).toBe(200); // per key
    expect((await tpx(emu, '/api/ml-models/', null)).status).toBe(401); // auth comes first
    emu.clock.advance(59_500);
    const soon = await tpx(emu, '/api/ml-models/', 'k');
    expect([soon.status, soon.json().detail, soon.headers['retry-after']]).toEqual([
      429,
      'Request was throttled. Expected available in 1 second.',
      '1',
    ]);
    emu.clock.advance(500);
    expect((await tpx(emu, '/api/ml-models/', 'k')).status).toBe(200);
  });

  it('fault injection by exact path or pattern: Django 500 page, default 429 with Retry-After, commit', async () => {
    emu.tensorpix.forceNextOutcome(-2);
    const job = await createJob(emu, 'k');
    emu.tensorpix.inject(/^\/api\/jobs\/\d+\/$/, { status: 500 });
    emu.tensorpix.inject(`/api/jobs/${job.id}/`, { status: 429 });
    const throttled = await tpx(emu, `/api/jobs/${job.id}/`, 'k');
    expect([throttled.status, throttled.headers['retry-after']]).toEqual([429, '60']);
    const broken = await tpx(emu, `/api/jobs/${job.id}/`, 'k');
    expect([broken.status, broken.headers['content-type']]).toEqual([500, 'text/html; charset=utf-8']);
    expect((await getJob(emu, 'k', job.id)).status).toBe(0); // faults were not polls
    emu.tensorpix.inject('/api/jobs/from-url/', { status: 502, commit: true });
    emu.tensorpix.forceNextOutcome(-2);
    const lost = await tpx(emu, '/api/jobs/from-url/', 'k', {
      method: 'POST',
      body: { url: TINY, ml_models: [modelId(emu, 3)] },
    });
    expect(lost.status).toBe(502);
    expect(emu.tensorpix.jobs()).toHaveLength(2); // the job exists anyway
  });
});
