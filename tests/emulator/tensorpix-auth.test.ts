import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from './index';
import { modelId, TINY, tpx, warmUp } from './tensorpix-client';
import { call } from './test-client';

let emu: Emulator;
beforeAll(warmUp);
beforeEach(async () => {
  emu = await startEmulator();
  emu.tensorpix.addKey('k');
});
afterEach(() => emu.close());

const ENDPOINTS = ['/api/ml-models/', '/api/jobs/', '/api/jobs/1001/', '/api/jobs/history/1001/'];
const withAuth = (path: string, authorization: string) =>
  tpx(emu, path, null, { headers: { authorization } });

describe('TensorPix auth (Authorization: Token <key>, DRF messages)', () => {
  it('no header → 401 "Authentication credentials were not provided." with WWW-Authenticate: Token', async () => {
    for (const path of ENDPOINTS) {
      const answer = await tpx(emu, path, null);
      expect([path, answer.status, answer.json()]).toEqual([
        path,
        401,
        { detail: 'Authentication credentials were not provided.' },
      ]);
      expect(answer.headers['www-authenticate']).toBe('Token');
      expect(answer.headers['content-type']).toBe('application/json');
    }
    const post = await tpx(emu, '/api/jobs/from-url/', null, { method: 'POST', body: {} });
    expect([post.status, post.json().detail]).toEqual([401, 'Authentication credentials were not provided.']);
  });

  it('an unknown key, or a valid key with the Bearer prefix → 401 "Invalid token."', async () => {
    for (const header of ['Token nope', 'Bearer k', 'k', 'Api-Key k']) {
      const answer = await withAuth('/api/ml-models/', header);
      expect([header, answer.status, answer.json()]).toEqual([header, 401, { detail: 'Invalid token.' }]);
    }
  });

  it('malformed Token headers get DRF’s own messages; the keyword is case-insensitive', async () => {
    const bare = await withAuth('/api/ml-models/', 'Token');
    expect(bare.json().detail).toBe('Invalid token header. No credentials provided.');
    const spaced = await withAuth('/api/ml-models/', 'Token k extra');
    expect(spaced.json().detail).toBe('Invalid token header. Token string should not contain spaces.');
    expect((await withAuth('/api/ml-models/', 'token k')).status).toBe(200);
    expect((await tpx(emu, '/api/ml-models/', 'k')).status).toBe(200);
  });
});

describe('TensorPix routing and request parsing', () => {
  it('unknown paths get Django’s HTML 404; a missing trailing slash a 301 to the slashed URL', async () => {
    const unknown = await tpx(emu, '/api/nothing/', 'k');
    expect([unknown.status, unknown.headers['content-type']]).toEqual([404, 'text/html; charset=utf-8']);
    const bare = await tpx(emu, '/api/jobs?limit=2', 'k');
    expect([bare.status, bare.headers.location]).toEqual([
      301,
      'https://backend.tensorpix.ai/api/jobs/?limit=2',
    ]);
    const post = await tpx(emu, '/api/jobs/from-url', 'k', { method: 'POST', body: {} });
    expect([post.status, post.headers.location]).toEqual([
      301,
      'https://backend.tensorpix.ai/api/jobs/from-url/',
    ]);
    expect((await call(emu, 'http://backend.tensorpix.ai/api/jobs/')).status).toBe(301); // plain http
  });

  it('a wrong method → 405 with Allow; non-numeric job ids → 404 "Not found."', async () => {
    const put = await tpx(emu, '/api/jobs/', 'k', { method: 'PUT', body: {} });
    expect([put.status, put.json(), put.headers.allow]).toEqual([
      405,
      { detail: 'Method "PUT" not allowed.' },
      'GET, HEAD, OPTIONS',
    ]);
    const get = await tpx(emu, '/api/jobs/from-url/', 'k');
    expect([get.status, get.json().detail]).toEqual([405, 'Method "GET" not allowed.']);
    const word = await tpx(emu, '/api/jobs/abc/', 'k');
    expect([word.status, word.json()]).toEqual([404, { detail: 'Not found.' }]);
  });

  it('bodies: JSON without its content type → 415, broken JSON → 400, a list → non_field_errors, forms parse', async () => {
    const noType = await call(emu, 'https://backend.tensorpix.ai/api/jobs/from-url/', {
      method: 'POST',
      headers: { authorization: 'Token k', 'content-type': 'text/plain;charset=UTF-8' },
      body: JSON.stringify({ url: TINY, ml_models: [modelId(emu, 1, 2)] }),
    });
    expect([noType.status, noType.json()]).toEqual([
      415,
      { detail: 'Unsupported media type "text/plain;charset=UTF-8" in request.' },
    ]);
    const broken = await tpx(emu, '/api/jobs/from-url/', 'k', { method: 'POST', body: '{"url":' });
    expect(broken.status).toBe(400);
    expect(broken.json().detail).toMatch(/^JSON parse error - /);
    const list = await tpx(emu, '/api/jobs/from-url/', 'k', { method: 'POST', body: '[1]' });
    expect(list.json()).toEqual({ non_field_errors: ['Invalid data. Expected a dictionary, but got list.'] });
    emu.tensorpix.forceNextOutcome(-2); // nothing to process
    const form = await call(emu, 'https://backend.tensorpix.ai/api/jobs/from-url/', {
      method: 'POST',
      headers: { authorization: 'Token k', 'content-type': 'application/x-www-form-urlencoded' },
      body: `url=${encodeURIComponent(TINY)}&ml_models=${modelId(emu, 3)}&ml_models=${modelId(emu, 4)}`,
    });
    expect([form.status, form.json().ml_models.map((m: { task: number }) => m.task)]).toEqual([201, [3, 4]]);
  });
});
