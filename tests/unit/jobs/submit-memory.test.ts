import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
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
