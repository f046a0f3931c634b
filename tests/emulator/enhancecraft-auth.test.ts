import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from './index';
import { call } from './test-client';
import { createJob, ec, EC_API, RATE_HEADERS, upload, uploadSite, warmUp } from './enhancecraft-client';

let emu: Emulator;
beforeAll(warmUp);
beforeEach(async () => {
  emu = await startEmulator();
  emu.enhancecraft.addKey('sk_live_valid');
});
afterEach(() => emu.close());

const hasRateHeaders = (headers: Record<string, unknown>) =>
  RATE_HEADERS.every((h) => /^\d+$/.test(String(headers[h])));

describe('EnhanceCraft auth (Authorization: Bearer)', () => {
  it('a missing key gets 401 {"detail":"Invalid API key"} on every documented route, with rate headers', async () => {
    const answers = [
      await upload(emu, null, 'x'),
      await createJob(emu, null, 'uploads/u/x.png', [{ type: 'enhance', params: { scale: 2 } }]),
      await ec(emu, 'GET', '/api/v1/jobs/api/00000000-0000-4000-8000-000000000000', null),
      await ec(emu, 'GET', '/outputs/u/x.png', null),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(401);
      expect(answer.json()).toEqual({ detail: 'Invalid API key' });
      expect(answer.headers['www-authenticate']).toBe('Bearer');
      expect(hasRateHeaders(answer.headers)).toBe(true);
    }
  });

  it('an unknown key, another scheme, or the key outside the header are 401; the scheme is case-insensitive', async () => {
    const path = '/api/v1/jobs/api/nope';
    expect((await ec(emu, 'GET', path, 'sk_live_unknown')).status).toBe(401);
    for (const header of ['Token sk_live_valid', 'sk_live_valid', 'Basic c2tfbGl2ZV92YWxpZDo=', 'Bearer']) {
      const answer = await call(emu, EC_API + path, { headers: { Authorization: header } });
      expect([header, answer.status]).toEqual([header, 401]);
    }
    expect((await call(emu, `${EC_API}${path}?api_key=sk_live_valid`)).status).toBe(401);
    const lower = await call(emu, EC_API + path, { headers: { authorization: 'bearer sk_live_valid' } });
    expect([lower.status, lower.json()]).toEqual([404, { detail: 'Job not found' }]); // authenticated
  });

  it('the 401 body is configurable', async () => {
    emu.enhancecraft.configure({ authErrorBody: { detail: 'Not authenticated' } });
    const answer = await ec(emu, 'GET', '/api/v1/jobs/api/x', 'wrong');
    expect([answer.status, answer.json()]).toEqual([401, { detail: 'Not authenticated' }]);
  });

  it('routing comes first, as in FastAPI: unknown path 404, wrong method 405 with Allow, trailing slash 307', async () => {
    const missing = await ec(emu, 'GET', '/api/v1/nothing', null);
    expect([missing.status, missing.json()]).toEqual([404, { detail: 'Not Found' }]);
    const method = await ec(emu, 'GET', '/api/v1/upload/api', 'sk_live_valid');
    expect([method.status, method.json(), method.headers.allow]).toEqual([
      405,
      { detail: 'Method Not Allowed' },
      'POST',
    ]);
    const slash = await ec(emu, 'POST', '/api/v1/jobs/api/', 'sk_live_valid', { json: {} });
    expect([slash.status, slash.headers.location]).toEqual([
      307,
      'https://api.enhancecraft.com/api/v1/jobs/api',
    ]);
    for (const answer of [missing, method, slash]) expect(hasRateHeaders(answer.headers)).toBe(true);
  });

  it('plain HTTP is redirected to https', async () => {
    const answer = await call(emu, 'http://api.enhancecraft.com/api/v1/upload/api', {
      method: 'POST',
      body: '',
    });
    expect([answer.status, answer.headers.location]).toEqual([
      301,
      'https://api.enhancecraft.com/api/v1/upload/api',
    ]);
  });

  it("keys of one user see each other's files; another user's key does not", async () => {
    emu.enhancecraft.addKey('sk_live_a1', { user: 'user-a' });
    emu.enhancecraft.addKey('sk_live_a2', { user: 'user-a' });
    const key = await uploadSite(emu, 'sk_live_a1');
    expect(key).toMatch(/^uploads\/user-a\//);
    expect((await ec(emu, 'GET', `/${key}`, 'sk_live_a2')).status).toBe(200);
    const other = await ec(emu, 'GET', `/${key}`, 'sk_live_valid');
    expect([other.status, other.json()]).toEqual([404, { detail: 'Not Found' }]);
  });
});
