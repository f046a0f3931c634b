import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkKey } from '@/entrypoints/background/key-test';
import { formatBalance } from '@/utils/key-check';
import { PROVIDERS } from '@/utils/providers';
import type { ProviderContext } from '@/utils/providers/types';
import { fixture, stubFetch, type Recorded } from './helpers/fetch-stub';

const KEY = 'tpx-test-key-0123456789abcdef';
const ctx = (key = KEY): ProviderContext => ({
  key,
  settings: { tensorpixPreview: false },
  memory: { get: async () => undefined, set: async () => undefined },
});
const answering = (answer: Recorded) => stubFetch(() => answer);

afterEach(() => vi.unstubAllGlobals());

describe('Test key: TensorPix shows its documented balance', () => {
  it('asks GET /api/accounts/profile/balance/ once, with the Token header, and reads the credits', async () => {
    const seen = answering(fixture('tensorpix/balance.json'));
    expect(await checkKey('tensorpix', PROVIDERS.tensorpix, ctx())).toEqual({
      balance: { amount: 137.25, unit: 'credits' },
    });
    expect(seen.map((r) => [r.method, r.url, r.headers.get('authorization')])).toEqual([
      ['GET', 'https://backend.tensorpix.ai/api/accounts/profile/balance/', `Token ${KEY}`],
    ]);
  });

  it('takes a plain number too, and a negative balance as it is', async () => {
    answering({ status: 200, body: { balance_usd: 3 } });
    expect((await checkKey('tensorpix', PROVIDERS.tensorpix, ctx())).balance?.amount).toBe(3);
    answering({ status: 200, body: { balance_usd: '-0.5' } });
    expect((await checkKey('tensorpix', PROVIDERS.tensorpix, ctx())).balance?.amount).toBe(-0.5);
  });

  it('a rejected key is an auth error that never repeats the key', async () => {
    answering({ status: 401, body: { detail: 'Invalid token.' } });
    const failure = await checkKey('tensorpix', PROVIDERS.tensorpix, ctx()).catch((error: unknown) => error);
    expect(failure).toMatchObject({ kind: 'auth' });
    expect((failure as Error).message).toContain('TensorPix did not accept your API key');
    expect((failure as Error).message).not.toContain(KEY);
  });

  it('refuses an answer that is not the documented decimal, rather than showing a made-up balance', async () => {
    for (const balance_usd of ['lots', '1e9', '', null, '1.23456'] as unknown[]) {
      answering({ status: 200, body: { balance_usd } });
      await expect(checkKey('tensorpix', PROVIDERS.tensorpix, ctx()), String(balance_usd)).rejects.toThrow();
    }
  });
});

describe('Test key: HitPaw and EnhanceCraft document no balance call', () => {
  it('HitPaw: its usual free call, then the page where the balance is shown', async () => {
    const seen = answering(fixture('hitpaw/status-error.json'));
    expect(await checkKey('hitpaw', PROVIDERS['hitpaw-photo'], ctx('hp-key'))).toEqual({
      balancePage: 'https://platform.hitpaw.com/',
    });
    expect(seen.map((r) => new URL(r.url).pathname)).toEqual(['/api/task-status']);
  });
});

describe('formatBalance', () => {
  it('shows at most two decimals in the given locale', () => {
    expect(formatBalance({ amount: 1234.5, unit: 'credits' }, 'en-US')).toBe('1,234.5 credits');
    expect(formatBalance({ amount: 0.12345, unit: 'credits' }, 'en-US')).toBe('0.12 credits');
  });
});
