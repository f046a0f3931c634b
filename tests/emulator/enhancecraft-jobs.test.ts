import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from './index';
import { createJob, ec, getJob, pollJob, submit, uploadSite, type Op, warmUp } from './enhancecraft-client';

let emu: Emulator;
beforeAll(warmUp);
let input: string;
beforeEach(async () => {
  emu = await startEmulator();
  emu.enhancecraft.addKey('sk_live_k', { user: 'user-1', perMinute: 1000 });
  input = await uploadSite(emu, 'sk_live_k', 'placeholder.png');
});
afterEach(() => emu.close());

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The 422 errors of a create call, as [loc, type] pairs. */
async function errorsOf(
  operations: unknown,
  body: Record<string, unknown> = { input_key: input, operations },
) {
  const answer = await ec(emu, 'POST', '/api/v1/jobs/api', 'sk_live_k', { json: body });
  expect(answer.status).toBe(422);
  const { detail } = answer.json() as { detail: { loc: unknown[]; type: string; msg: string }[] };
  for (const e of detail) expect(Object.keys(e)).toEqual(['type', 'loc', 'msg', 'input']);
  return detail.map((e) => [e.loc.join('.'), e.type]);
}

describe('EnhanceCraft create job (POST /api/v1/jobs/api)', () => {
  it('201 with the job object: uuid id, queued, input_url = the key, output_url and error_message null, ISO times', async () => {
    const answer = await createJob(emu, 'sk_live_k', input, [{ type: 'enhance', params: { scale: 2 } }]);
    expect(answer.status).toBe(201);
    const job = answer.json();
    expect(job).toEqual({
      id: expect.stringMatching(UUID),
      status: 'queued',
      input_url: input,
      output_url: null,
      error_message: null,
      created_at: expect.stringMatching(ISO),
      updated_at: expect.stringMatching(ISO),
    });
    expect(Object.keys(job)).toEqual([
      'id',
      'status',
      'input_url',
      'output_url',
      'error_message',
      'created_at',
      'updated_at',
    ]);
  });

  it('422 FastAPI-style for out-of-range and wrongly typed params, with the operation index in loc', async () => {
    const ops: Op[] = [
      { type: 'enhance', params: { scale: 3 } },
      { type: 'enhance-face', params: { enhancement_level: 1.5 } },
      { type: 'deblur', params: { strength: 0.2 } },
      { type: 'blur-background', params: { blur_radius: 0, output_format: 'webp' } },
      { type: 'smart-crop', params: { aspect_ratio: '5:4', padding_percent: 31 } },
      { type: 'compress-optimize', params: { quality: 0 } },
      {
        type: 'restore-old-photo',
        params: { color_boost: 2.5, auto_repair_damage: 'yes', colorization_strength: -1 },
      },
      { type: 'denoise', params: { enhancement_level: '0.5' } },
      { type: 'convert', params: { output_format: 'webp', quality: 90.5 } },
    ];
    expect(await errorsOf(ops)).toEqual([
      ['body.operations.0.params.scale', 'literal_error'],
      ['body.operations.1.params.enhancement_level', 'less_than_equal'],
      ['body.operations.2.params.strength', 'greater_than_equal'],
      ['body.operations.3.params.blur_radius', 'greater_than_equal'],
      ['body.operations.3.params.output_format', 'literal_error'],
      ['body.operations.4.params.aspect_ratio', 'literal_error'],
      ['body.operations.4.params.padding_percent', 'less_than_equal'],
      ['body.operations.5.params.quality', 'greater_than_equal'],
      ['body.operations.6.params.auto_repair_damage', 'bool_type'],
      ['body.operations.6.params.color_boost', 'less_than_equal'],
      ['body.operations.6.params.colorization_strength', 'greater_than_equal'],
      ['body.operations.7.params.enhancement_level', 'float_type'],
      ['body.operations.8.params.quality', 'int_from_float'],
    ]);
    const answer = await createJob(emu, 'sk_live_k', input, [{ type: 'enhance', params: { scale: 3 } }]);
    expect(answer.json()).toEqual({
      detail: [
        {
          type: 'literal_error',
          loc: ['body', 'operations', 0, 'params', 'scale'],
          msg: 'Input should be 2, 4 or 8',
          input: 3,
        },
      ],
    });
  });

  it('422 for missing required params and the conditional rules of the table', async () => {
    expect(
      await errorsOf([
        { type: 'enhance', params: {} },
        { type: 'convert' },
        { type: 'remove-object', params: {} },
        { type: 'remove-object', params: { mask_data_url: 'https://example.com/mask.png' } },
        { type: 'remove-text', params: { auto_detect: false } },
        { type: 'replace-background', params: { background_type: 'color' } },
        { type: 'replace-background', params: { background_type: 'color', background_color: 'red' } },
        { type: 'replace-background', params: { background_type: 'image' } },
        { type: 'replace-background', params: {} },
        { type: 'crop-resize', params: {} },
        { type: 'crop-resize', params: { crop: { pixels: [0, 0, 10] } } },
        {
          type: 'crop-resize',
          params: { crop: { percentage: [50, 0, 60, 10] }, resize: { maintain_aspect: true } },
        },
      ]),
    ).toEqual([
      ['body.operations.0.params.scale', 'missing'],
      ['body.operations.1.params.output_format', 'missing'],
      ['body.operations.2.params.mask_data_url', 'missing'],
      ['body.operations.3.params.mask_data_url', 'value_error'],
      ['body.operations.4.params.mask_data_url', 'value_error'],
      ['body.operations.5.params.background_color', 'missing'],
      ['body.operations.6.params.background_color', 'string_pattern_mismatch'],
      ['body.operations.7.params.background_image_key', 'missing'],
      ['body.operations.8.params.background_type', 'missing'],
      ['body.operations.9.params', 'value_error'],
      ['body.operations.10.params.crop.pixels', 'too_short'],
      ['body.operations.11.params.crop.percentage', 'value_error'],
      ['body.operations.11.params.resize', 'value_error'],
    ]);
  });

  it('422 for the body itself: missing fields, empty or non-list operations, unknown types, bad JSON', async () => {
    expect(await errorsOf(undefined, {})).toEqual([
      ['body.input_key', 'missing'],
      ['body.operations', 'missing'],
    ]);
    expect(await errorsOf([])).toEqual([['body.operations', 'too_short']]);
    expect(await errorsOf({ type: 'enhance' })).toEqual([['body.operations', 'list_type']]);
    expect(await errorsOf([{ type: 'upscale' }, 'enhance', { type: 'enhance', params: [2] }])).toEqual([
      ['body.operations.0.type', 'literal_error'],
      ['body.operations.1', 'dict_type'],
      ['body.operations.2.params', 'dict_type'],
    ]);
    const bad = await ec(emu, 'POST', '/api/v1/jobs/api', 'sk_live_k', {
      body: '{"input_key":',
      headers: { 'content-type': 'application/json' },
    });
    expect([bad.status, bad.json().detail[0].type]).toEqual([422, 'json_invalid']);
    const text = await ec(emu, 'POST', '/api/v1/jobs/api', 'sk_live_k', {
      body: JSON.stringify({ input_key: input, operations: [{ type: 'denoise' }] }),
      headers: { 'content-type': 'text/plain' },
    });
    expect([text.status, text.json().detail[0].type]).toEqual([422, 'model_attributes_type']);
  });

  it('valid params pass, including nulls for optional ones and ignored extras; enhance-anime takes none', async () => {
    const ops: Op[] = [
      { type: 'enhance-anime', params: { scale: 99 } },
      { type: 'remove-text', params: { auto_detect: null } },
      { type: 'smart-crop' },
      { type: 'crop-resize', params: { resize: { width: 2, height: null } } },
      { type: 'convert', params: { output_format: 'jpeg', quality: 100 } },
    ];
    expect((await createJob(emu, 'sk_live_k', input, ops)).status).toBe(201);
  });

  it('an input key that is unknown or another user\'s is 404 {"detail":"Input not found"} (400 when configured)', async () => {
    emu.enhancecraft.addKey('sk_live_other');
    const op = [{ type: 'enhance', params: { scale: 2 } }];
    const unknown = await createJob(emu, 'sk_live_k', 'uploads/user-1/nope.png', op);
    expect([unknown.status, unknown.json()]).toEqual([404, { detail: 'Input not found' }]);
    expect((await createJob(emu, 'sk_live_other', input, op)).status).toBe(404);
    emu.enhancecraft.configure({ inputNotFoundStatus: 400 });
    expect((await createJob(emu, 'sk_live_k', 'x', op)).status).toBe(400);
    const background = await createJob(emu, 'sk_live_k', input, [
      {
        type: 'replace-background',
        params: { background_type: 'image', background_image_key: 'uploads/user-1/x.jpg' },
      },
    ]);
    expect([background.status, background.json()]).toEqual([404, { detail: 'Background image not found' }]);
    expect(emu.enhancecraft.credits('sk_live_k')).toBe(100);
  });

  it('credits: 1 per paid operation at create; free operations cost nothing; short → 402 and nothing charged', async () => {
    emu.enhancecraft.addKey('sk_live_poor', { credits: 2, user: 'user-1' });
    const paid: Op[] = [
      { type: 'enhance', params: { scale: 2 } },
      { type: 'denoise' },
      { type: 'remove-background' },
    ];
    const broke = await createJob(emu, 'sk_live_poor', input, paid);
    expect([broke.status, broke.json()]).toEqual([402, { detail: 'Insufficient credits' }]);
    expect(emu.enhancecraft.credits('sk_live_poor')).toBe(2);
    const free: Op[] = [
      { type: 'compress-optimize' },
      { type: 'crop-resize', params: { resize: { width: 2 } } },
      { type: 'convert', params: { output_format: 'png' } },
    ];
    expect((await createJob(emu, 'sk_live_poor', input, free)).status).toBe(201);
    expect(emu.enhancecraft.credits('sk_live_poor')).toBe(2);
    expect((await createJob(emu, 'sk_live_poor', input, [...paid.slice(0, 2), ...free])).status).toBe(201);
    expect(emu.enhancecraft.credits('sk_live_poor')).toBe(0);
    expect(emu.enhancecraft.jobs().map((j) => j.credits)).toEqual([0, 2]);
    emu.enhancecraft.configure({ costs: { enhance: 5 } });
    expect((await createJob(emu, 'sk_live_k', input, paid)).status).toBe(201);
    expect(emu.enhancecraft.credits('sk_live_k')).toBe(93);
  });
});

describe('EnhanceCraft job status (GET /api/v1/jobs/api/{id})', () => {
  const op: Op[] = [{ type: 'enhance', params: { scale: 2 } }];

  it('queued → processing → completed, one poll per step; output_url is a storage key; then it stays', async () => {
    const job = await submit(emu, 'sk_live_k', input, op);
    const { seen, job: done } = await pollJob(emu, 'sk_live_k', job.id);
    expect(seen).toEqual(['queued', 'processing', 'completed']);
    expect(done).toMatchObject({
      id: job.id,
      input_url: input,
      output_url: `outputs/user-1/${job.id}.png`,
      error_message: null,
      created_at: job.created_at,
    });
    expect(await getJob(emu, 'sk_live_k', job.id)).toEqual(done);
  });

  it('pollsPerStep stretches each step; updated_at moves when the status changes (emulator clock)', async () => {
    emu.enhancecraft.configure({ pollsPerStep: 2 });
    const job = await submit(emu, 'sk_live_k', input, op);
    const times: string[] = [];
    const seen: string[] = [];
    for (let i = 0; i < 5; i++) {
      emu.clock.advance(10_000);
      const body = await getJob(emu, 'sk_live_k', job.id);
      seen.push(body.status);
      times.push(body.updated_at);
    }
    expect(seen).toEqual(['queued', 'queued', 'processing', 'processing', 'completed']);
    expect(times[0]).toBe(job.updated_at);
    expect(new Set(times).size).toBe(3);
  });

  it('forceNextOutcome("failed"): failed with error_message after processing; nothing to download', async () => {
    emu.enhancecraft.forceNextOutcome('failed', 'GPU worker crashed');
    const job = await submit(emu, 'sk_live_k', input, op);
    const { seen, job: done } = await pollJob(emu, 'sk_live_k', job.id);
    expect(seen).toEqual(['queued', 'processing', 'failed']);
    expect(done).toMatchObject({ output_url: null, error_message: 'GPU worker crashed' });
    const next = await submit(emu, 'sk_live_k', input, op); // one-shot
    expect((await pollJob(emu, 'sk_live_k', next.id)).job.status).toBe('completed');
  });

  it('scenario hooks: `emu-fail` in the uploaded filename, `X-Emu-Scenario: fail`', async () => {
    const marked = await uploadSite(emu, 'sk_live_k', 'logo.png', 'logo.emu-fail.png');
    const byName = await submit(emu, 'sk_live_k', marked, op);
    expect((await pollJob(emu, 'sk_live_k', byName.id)).job).toMatchObject({
      status: 'failed',
      error_message: 'Image processing failed',
    });
    const byHeader = (await createJob(emu, 'sk_live_k', input, op, { 'X-Emu-Scenario': 'fail' })).json();
    expect((await pollJob(emu, 'sk_live_k', byHeader.id)).job.status).toBe('failed');
  });

  it('scenario hook `X-Emu-Scenario: slow` stretches each step ×10', async () => {
    const slow = (await createJob(emu, 'sk_live_k', input, op, { 'X-Emu-Scenario': 'slow' })).json();
    const { seen } = await pollJob(emu, 'sk_live_k', slow.id, 30);
    expect([seen.length, seen.filter((s) => s === 'processing').length, seen.at(-1)]).toEqual([
      21,
      10,
      'completed',
    ]);
  });

  it('a processing error fails the job with its reason (crop box outside the image)', async () => {
    const job = await submit(emu, 'sk_live_k', input, [
      { type: 'crop-resize', params: { crop: { pixels: [2, 2, 4, 4] } } },
    ]);
    const { job: done } = await pollJob(emu, 'sk_live_k', job.id);
    expect(done).toMatchObject({
      status: 'failed',
      error_message: 'Crop box [2, 2, 4, 4] lies outside the 4x4 image',
    });
  });

  it('an unknown id, or another user\'s job, is 404 {"detail":"Job not found"}', async () => {
    emu.enhancecraft.addKey('sk_live_other');
    const job = await submit(emu, 'sk_live_k', input, op);
    for (const [key, id] of [
      ['sk_live_k', '00000000-0000-4000-8000-000000000000'],
      ['sk_live_k', 'not-a-uuid'],
      ['sk_live_other', job.id],
    ] as const) {
      const answer = await ec(emu, 'GET', `/api/v1/jobs/api/${id}`, key);
      expect([answer.status, answer.json()]).toEqual([404, { detail: 'Job not found' }]);
    }
    expect(emu.enhancecraft.jobs()[0]!.polls).toBe(0);
  });

  it('faults on a route template; commit creates the job and charges, but the answer is lost', async () => {
    emu.enhancecraft.inject('/api/v1/jobs/api', { status: 500, commit: true });
    const lost = await createJob(emu, 'sk_live_k', input, op);
    expect([lost.status, lost.json()]).toEqual([500, { detail: 'Internal Server Error' }]);
    expect(emu.enhancecraft.jobs()).toHaveLength(1);
    expect(emu.enhancecraft.credits('sk_live_k')).toBe(99);
    const id = emu.enhancecraft.jobs()[0]!.id;
    emu.enhancecraft.inject(`/api/v1/jobs/api/${id}`, { status: 200, body: '{"id":"' });
    expect((await ec(emu, 'GET', `/api/v1/jobs/api/${id}`, 'sk_live_k')).body.toString()).toBe('{"id":"');
    expect((await getJob(emu, 'sk_live_k', id)).status).toBe('queued'); // the fault was not a poll
  });
});
