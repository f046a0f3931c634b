/**
 * Points this process's own `fetch` (Node's, which ky and the adapters call unchanged) at the emulator,
 * the way Chromium's --host-resolver-rules do for the e2e tests: every connection goes to the emulator's
 * port on 127.0.0.1 while TLS still names the real host (SNI) and Host stays the URL's. Redirects,
 * bodies, aborts and `response.url` are then the real fetch implementation's, not a stub's.
 * Not a test file.
 */
import { isIP } from 'node:net';
import { Agent, buildConnector, getGlobalDispatcher, setGlobalDispatcher } from 'undici';
import type { Emulator } from './index';

export function routeFetchTo(emu: Emulator): () => Promise<void> {
  // The emulator's certificate is self-signed, as Chromium's --ignore-certificate-errors allows.
  const connect = buildConnector({ rejectUnauthorized: false });
  const agent = new Agent({
    connect: (options, callback) =>
      connect(
        {
          ...options,
          hostname: '127.0.0.1',
          port: String(emu.port),
          servername: isIP(options.hostname) ? undefined : options.hostname,
        },
        callback,
      ),
  });
  const previous = getGlobalDispatcher();
  setGlobalDispatcher(agent);
  return async () => {
    setGlobalDispatcher(previous);
    await agent.destroy();
  };
}
