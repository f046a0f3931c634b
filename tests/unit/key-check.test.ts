import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { checkKey, registerKeyTest } from '@/entrypoints/background/key-test';
import { appMessaging } from '@/utils/messages';
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

/** Delivers a message to the background as Chrome would; resolves with the handler's answer. */
async function deliver(data: unknown, sender: object): Promise<unknown> {
  let respond!: (res: unknown) => void;
  const answered = new Promise((resolve) => (respond = resolve));
  const handled = await fakeBrowser.runtime.onMessage.trigger(
    { id: 1, type: 'keyTest', data, timestamp: Date.now() },
    sender,
    respond,
  );
  return handled.length > 0 ? ((await answered) as { res?: unknown })?.res : undefined;
}

describe('Test key as a background message (Options loads no adapter)', () => {
  const fromOptions = () => ({
    id: fakeBrowser.runtime.id,
    url: fakeBrowser.runtime.getURL('/options.html'),
  });
  const fromPage = () => ({ ...fromOptions(), url: 'https://evil.example/', tab: { id: 3 } });
  const register = () => {
    // This file's afterEach unstubs every global (fetch), the fake `chrome` the messaging library uses too.
    vi.stubGlobal('chrome', fakeBrowser);
    fakeBrowser.reset();
    registerKeyTest();
  };
  afterEach(() => appMessaging.removeAllListeners());

  it('answers what the key’s adapter found, the balance where the API tells it', async () => {
    register();
    const seen = answering(fixture('tensorpix/balance.json'));
    expect(await deliver({ credential: 'tensorpix', key: ` ${KEY} ` }, fromOptions())).toEqual({
      ok: true,
      found: { balance: { amount: 137.25, unit: 'credits' } },
    });
    expect(seen.map((r) => r.headers.get('authorization'))).toEqual([`Token ${KEY}`]);
  });

  it('a rejected key comes back as the provider’s sentence, never repeating the key', async () => {
    register();
    answering({ status: 401, body: { detail: 'Invalid token.' } });
    const reply = (await deliver({ credential: 'tensorpix', key: KEY }, fromOptions())) as {
      message: string;
    };
    expect(reply).toMatchObject({ ok: false });
    expect(reply.message).toContain('TensorPix did not accept your API key');
    expect(reply.message).not.toContain(KEY);
  });

  it('sends nothing for a web page, an unknown credential or an empty key', async () => {
    register();
    const seen = answering(fixture('tensorpix/balance.json'));
    for (const [data, sender] of [
      [{ credential: 'tensorpix', key: KEY }, fromPage()],
      [{ credential: 'openai', key: KEY }, fromOptions()],
      [{ credential: 'tensorpix', key: '   ' }, fromOptions()],
      [{ credential: 'tensorpix' }, fromOptions()],
    ] as const)
      expect(await deliver(data, sender)).toMatchObject({ ok: false });
    expect(seen).toHaveLength(0);
  });
});

describe('formatBalance', () => {
  it('shows at most two decimals in the given locale', () => {
    expect(formatBalance({ amount: 1234.5, unit: 'credits' }, 'en-US')).toBe('1,234.5 credits');
    expect(formatBalance({ amount: 0.12345, unit: 'credits' }, 'en-US')).toBe('0.12 credits');
  });
});
