import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from './index';
import { call, hitpaw, SITE } from './test-client';

let emu: Emulator;
beforeEach(async () => {
  emu = await startEmulator();
  emu.hitpaw.addKey('valid-key');
  emu.hitpaw.addKey('expired-key', { kind: 'expired' });
});
afterEach(() => emu.close());

const photo = { model_name: 'general_2x', img_url: `${SITE}/images/logo.png`, extension: '.png' };

describe('HitPaw auth', () => {
  it('rejects a missing key with 400 110400000', async () => {
    const answer = await hitpaw(emu, '/api/photo-enhancer', photo, null);
    expect(answer.status).toBe(400);
    expect(answer.json()).toEqual({ error_code: 110400000, message: 'api_key is not valid' });
  });

  it('rejects an unknown key with 400 110400000, on task-status too', async () => {
    for (const path of [
      '/api/photo-enhancer',
      '/api/task-status',
      '/api/image-segmentation',
      '/api/video-enhancer',
    ]) {
      const answer = await hitpaw(emu, path, {}, 'nope');
      expect([path, answer.status, answer.json().error_code]).toEqual([path, 400, 110400000]);
    }
  });

  it('rejects an expired key with 401 100401000', async () => {
    const answer = await hitpaw(emu, '/api/photo-enhancer', photo, 'expired-key');
    expect(answer.status).toBe(401);
    expect(answer.json()).toEqual({ error_code: 100401000, message: 'Token is expired' });
  });

  it('matches the Apikey header name case-insensitively', async () => {
    for (const name of ['Apikey', 'APIKEY', 'ApiKey', 'apikey']) {
      const answer = await call(emu, 'https://api-base.hitpaw.com/api/photo-enhancer', {
        headers: { [name]: 'valid-key', 'content-type': 'application/json' },
        body: photo,
      });
      expect([name, answer.status]).toEqual([name, 200]);
    }
  });

  it('does not take the key from the query string or body', async () => {
    const answer = await call(emu, 'https://api-base.hitpaw.com/api/photo-enhancer?api_key=valid-key', {
      body: { ...photo, api_key: 'valid-key' },
    });
    expect(answer.json().error_code).toBe(110400000);
  });

  it('answers plain HTTP with a 301 to https', async () => {
    const answer = await call(emu, 'http://api-base.hitpaw.com/api/task-status', {
      method: 'POST',
      body: '{}',
    });
    expect(answer.status).toBe(301);
    expect(answer.headers.location).toBe('https://api-base.hitpaw.com/api/task-status');
  });

  it('answers unknown paths and non-POST methods with 404', async () => {
    expect((await call(emu, 'https://api-base.hitpaw.com/api/nothing', { body: {} })).status).toBe(404);
    expect((await call(emu, 'https://api-base.hitpaw.com/api/task-status')).status).toBe(404);
  });
});
