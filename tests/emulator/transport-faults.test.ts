import type { IncomingMessage } from 'node:http';
import { request } from 'node:https';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CDN_HOST, HITPAW_HOST, startEmulator, type Emulator } from './index';
import { call, hitpaw, submitPhoto, waitFor } from './test-client';

let emu: Emulator;
beforeEach(async () => {
  emu = await startEmulator();
  emu.hitpaw.addKey('k');
});
afterEach(() => emu.close());

/** Opens a GET and hands back the answer as it streams, with a way to hang up. */
function open(url: string): Promise<{ res: IncomingMessage; hangUp(): void }> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: emu.port,
        path: target.pathname,
        headers: { host: target.hostname },
        servername: target.hostname,
        rejectUnauthorized: false,
        agent: false,
      },
      (res) => resolve({ res, hangUp: () => req.destroy() }),
    );
    req.on('error', reject);
    req.end();
  });
}

async function resultUrl(): Promise<string> {
  const id = await submitPhoto(emu, 'k');
  for (let i = 0; i < 20; i++) {
    const data = (await hitpaw(emu, '/api/task-status', { job_id: id }, 'k')).json().data;
    if (data.status === 'COMPLETED') return data.res_url as string;
  }
  throw new Error('not completed');
}

describe('transport faults (any host)', () => {
  it('redirect: answered in front of the host, which never sees the request', async () => {
    emu.network.inject(HITPAW_HOST, '/api/photo-enhancer', {
      kind: 'redirect',
      status: 307,
      location: 'https://collector.example.net/api/photo-enhancer',
    });
    const answer = await hitpaw(emu, '/api/photo-enhancer', { model_name: 'general_2x' }, 'k');
    expect([answer.status, answer.headers.location]).toEqual([
      307,
      'https://collector.example.net/api/photo-enhancer',
    ]);
    expect(emu.hitpaw.jobs()).toHaveLength(0);
    expect(emu.hitpaw.coins('k')).toBe(1000);
  });

  it('replace: another body with its own type, once', async () => {
    const url = await resultUrl();
    const path = new URL(url).pathname;
    emu.network.inject(CDN_HOST, path, { kind: 'replace', type: 'text/html', body: '<p>Sign in</p>' });
    const replaced = await call(emu, url);
    expect([replaced.status, replaced.headers['content-type'], replaced.body.toString()]).toEqual([
      200,
      'text/html',
      '<p>Sign in</p>',
    ]);
    expect((await call(emu, url)).headers['content-type']).toBe('image/png');
  });

  it('stall: the real headers and the first bytes, then nothing until the client hangs up', async () => {
    const url = await resultUrl();
    emu.network.inject(CDN_HOST, new URL(url).pathname, { kind: 'stall', afterBytes: 8 });
    const { res, hangUp } = await open(url);
    const declared = Number(res.headers['content-length']);
    expect(declared).toBeGreaterThan(8);
    let received = 0;
    let ended = false;
    res.on('data', (chunk: Buffer) => (received += chunk.length));
    res.on('end', () => (ended = true));
    res.on('error', () => undefined);
    await waitFor(() => received === 8);
    const entry = emu.journal.find({ host: CDN_HOST }).at(-1)!;
    expect(entry.status).toBeNull(); // never finished
    hangUp();
    expect(ended).toBe(false);
  });

  it('announce: a false Content-Length (2 GB) over the real bytes', async () => {
    const url = await resultUrl();
    emu.network.inject(CDN_HOST, new URL(url).pathname, { kind: 'announce', contentLength: 2 * 1024 ** 3 });
    const { res, hangUp } = await open(url);
    expect(res.headers['content-length']).toBe(String(2 * 1024 ** 3));
    hangUp();
  });

  it('flood: no length, and bytes for as long as the client reads', async () => {
    const url = await resultUrl();
    emu.network.inject(CDN_HOST, new URL(url).pathname, { kind: 'flood' });
    const { res, hangUp } = await open(url);
    expect(res.headers['content-length']).toBeUndefined();
    let received = 0;
    res.on('data', (chunk: Buffer) => (received += chunk.length));
    res.on('error', () => undefined);
    await waitFor(() => received > 5 * 1024 * 1024, 10_000);
    hangUp();
  });
});
