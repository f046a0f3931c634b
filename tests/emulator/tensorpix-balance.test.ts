import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from './index';
import { createJob, tpx, warmUp } from './tensorpix-client';

let emu: Emulator;
beforeAll(warmUp);
beforeEach(async () => {
  emu = await startEmulator();
});
afterEach(() => emu.close());

const BALANCE = '/api/accounts/profile/balance/';

describe('TensorPix GET /api/accounts/profile/balance/', () => {
  it("answers the key's credits as `balance_usd`, a decimal string with four places", async () => {
    emu.tensorpix.addKey('k', { credits: 12.5 });
    const answer = await tpx(emu, BALANCE, 'k');
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/json');
    expect(answer.json()).toEqual({ balance_usd: '12.5000' });
    expect(answer.json().balance_usd).toMatch(/^-?\d{0,10}(?:\.\d{0,4})?$/); // the documented pattern
  });

  it('goes down by what a job costs, and a free balance call changes nothing', async () => {
    emu.tensorpix.addKey('k', { credits: 1000 });
    await tpx(emu, BALANCE, 'k');
    expect(emu.tensorpix.credits('k')).toBe(1000);
    const job = await createJob(emu, 'k');
    const left = (await tpx(emu, BALANCE, 'k')).json().balance_usd;
    expect(Number(left)).toBeCloseTo(1000 - Number(job.cost_usd), 4);
    expect(Number(left)).toBe(emu.tensorpix.credits('k'));
  });

  it('is per key and needs one: no header or an unknown key → 401, as every other view', async () => {
    emu.tensorpix.addKey('a', { credits: 5 });
    emu.tensorpix.addKey('b', { credits: 7 });
    expect((await tpx(emu, BALANCE, 'b')).json()).toEqual({ balance_usd: '7.0000' });
    const none = await tpx(emu, BALANCE, null);
    expect([none.status, none.json()]).toEqual([
      401,
      { detail: 'Authentication credentials were not provided.' },
    ]);
    const wrong = await tpx(emu, BALANCE, 'nope');
    expect([wrong.status, wrong.json()]).toEqual([401, { detail: 'Invalid token.' }]);
  });

  it('is GET only (405 with Allow) and redirects the path without its slash (301), as Django does', async () => {
    emu.tensorpix.addKey('k');
    const post = await tpx(emu, BALANCE, 'k', { method: 'POST', body: {} });
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD, OPTIONS');
    const bare = await tpx(emu, BALANCE.slice(0, -1), 'k');
    expect(bare.status).toBe(301);
    expect(bare.headers.location).toBe(`https://backend.tensorpix.ai${BALANCE}`);
  });
});
