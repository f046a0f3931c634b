import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from './index';
import { tpx, warmUp } from './tensorpix-client';

let emu: Emulator;
beforeAll(warmUp);
beforeEach(async () => {
  emu = await startEmulator();
  emu.tensorpix.addKey('k');
});
afterEach(() => emu.close());

describe('TensorPix GET /api/ml-models/', () => {
  it('is a DRF page of 5 whose `next` links lead through every model', async () => {
    const pages = [];
    let url: string | null = '/api/ml-models/';
    while (url) {
      const answer = await tpx(emu, url, 'k');
      expect(answer.status).toBe(200);
      const page: { count: number; next: string | null; previous: string | null; results: unknown[] } =
        answer.json();
      pages.push(page);
      url = page.next;
    }
    expect(pages.map((p) => [p.count, p.results.length])).toEqual([
      [11, 5],
      [11, 5],
      [11, 1],
    ]);
    expect(pages.map((p) => [p.next, p.previous])).toEqual([
      ['https://backend.tensorpix.ai/api/ml-models/?limit=5&offset=5', null],
      [
        'https://backend.tensorpix.ai/api/ml-models/?limit=5&offset=10',
        'https://backend.tensorpix.ai/api/ml-models/?limit=5',
      ],
      [null, 'https://backend.tensorpix.ai/api/ml-models/?limit=5&offset=5'],
    ]);
    const models = pages.flatMap((p) => p.results);
    expect(models).toEqual(emu.tensorpix.models());
  });

  it('covers the tasks with stable ids and the documented MLModel fields', () => {
    const models = emu.tensorpix.models();
    expect(new Set(models.map((m) => m.task))).toEqual(new Set([1, 2, 3, 4, 9, 10, 11, 12, 13, 15]));
    for (const m of models) {
      expect(Object.keys(m)).toEqual([
        'id',
        'name',
        'task',
        'cost_weight',
        'upscale_factor',
        'fps_boost_factor',
        'priority',
        'max_resolution',
      ]);
      expect(m.fps_boost_factor).toBeNull(); // deprecated
      expect(m.upscale_factor === null).toBe(m.task !== 1);
      expect(m.id).not.toBe(m.task);
    }
    const sr = models.filter((m) => m.task === 1).map((m) => [m.upscale_factor, m.max_resolution]);
    expect(sr).toEqual([
      [2, 2073600],
      [4, 921600],
    ]);
  });

  it('honours limit/offset like LimitOffsetPagination; bad values fall back to the defaults', async () => {
    const tail = (await tpx(emu, '/api/ml-models/?offset=9&limit=3', 'k')).json();
    expect([tail.results.length, tail.next, tail.previous]).toEqual([
      2,
      null,
      'https://backend.tensorpix.ai/api/ml-models/?limit=3&offset=6',
    ]);
    const bad = (await tpx(emu, '/api/ml-models/?limit=0&offset=-4', 'k')).json();
    expect([bad.results.length, bad.previous]).toEqual([5, null]);
    const all = (await tpx(emu, '/api/ml-models/?limit=100', 'k')).json();
    expect([all.results.length, all.next]).toEqual([11, null]);
  });

  it('a switch answers a bare array instead; pageSize changes the default limit', async () => {
    emu.tensorpix.configure({ pageSize: 4 });
    expect((await tpx(emu, '/api/ml-models/', 'k')).json().results).toHaveLength(4);
    emu.tensorpix.configure({ modelsAsArray: true });
    const bare = (await tpx(emu, '/api/ml-models/', 'k')).json();
    expect(Array.isArray(bare)).toBe(true);
    expect(bare).toEqual(emu.tensorpix.models());
  });
});
