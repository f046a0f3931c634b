import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { providerMemoryFor } from '@/entrypoints/background/provider-memory';
import { memoryReadAhead } from '@/entrypoints/background/submit-memory';
import { providerMemory } from '@/utils/storage';

beforeEach(() => fakeBrowser.reset());

describe('a provider’s notes read ahead for one request', () => {
  it('answers from what was stored when the request was prepared, for its own provider only', async () => {
    await providerMemory.setValue({ 'hitpaw-photo/model:face_2x': 'face_soft_2x', 'other/model:x': 'y' });
    const memory = memoryReadAhead('hitpaw-photo');
    expect(await memory.get('model:face_2x')).toBe('face_soft_2x');
    expect(await memory.get('model:x')).toBeUndefined();
  });

  it('a note it writes is stored and read back', async () => {
    const memory = memoryReadAhead('hitpaw-photo');
    expect(await memory.get('model:general_2x')).toBeUndefined();
    await memory.set('model:general_2x', 'general');
    expect(await memory.get('model:general_2x')).toBe('general');
    expect(await providerMemory.getValue()).toEqual({ 'hitpaw-photo/model:general_2x': 'general' });
  });
});

describe('notes shared by concurrent requests', () => {
  it('a note written by another request since the early read is the one read', async () => {
    await providerMemory.setValue({ 'enhancecraft/rate:ab': '{"remaining":6}' });
    const first = memoryReadAhead('enhancecraft');
    const second = memoryReadAhead('enhancecraft');
    expect(await first.get('rate:ab')).toBe('{"remaining":6}');
    await second.set('rate:ab', '{"remaining":4}');
    expect(await first.get('rate:ab')).toBe('{"remaining":4}');
  });

  it('notes written at once by two providers are both kept', async () => {
    await Promise.all([
      providerMemoryFor('enhancecraft').set('rate:ab', '1'),
      providerMemoryFor('tensorpix').set('model:2x', 'm'),
      memoryReadAhead('hitpaw-photo').set('model:face', 'f'),
    ]);
    expect(await providerMemory.getValue()).toEqual({
      'enhancecraft/rate:ab': '1',
      'tensorpix/model:2x': 'm',
      'hitpaw-photo/model:face': 'f',
    });
  });
});
