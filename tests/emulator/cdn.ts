import type { Clock } from './core/clock';
import type { FileStore } from './core/files';
import { sendFile, sendText, type HostModule } from './core/http';

/** The host that result files are served from, as real providers use a separate CDN name. */
export const CDN_HOST = 'cdn.example.net';

const FORBIDDEN = {
  missing: 'Forbidden: this file needs a signed URL (sig, exp)\n',
  invalid: 'Forbidden: the signature does not match\n',
  expired: 'Forbidden: the signed URL has expired\n',
} as const;

/**
 * Serves result files with real bytes, Content-Type/Length, Range, and `Access-Control-Allow-Origin: *`
 * (result files are public, unauthenticated URLs). Expired files answer 404. Files stored as signed
 * (TensorPix) need a valid, unexpired `?sig=…&exp=…` (emulator clock), else 403.
 */
export function createCdn(store: FileStore, clock: Clock): HostModule {
  const cors = { 'Access-Control-Allow-Origin': '*' };
  return {
    hosts: [CDN_HOST],
    handle(ctx) {
      if (ctx.method === 'OPTIONS') {
        ctx.res.writeHead(204, {
          ...cors,
          'Access-Control-Allow-Headers': '*',
          'Access-Control-Allow-Methods': 'GET, HEAD',
        });
        return void ctx.res.end();
      }
      if (ctx.method !== 'GET' && ctx.method !== 'HEAD')
        return sendText(ctx, 405, 'Method not allowed\n', cors);
      const opened = store.open(ctx.path, ctx.query, clock.now());
      if (opened.status === 404) return sendText(ctx, 404, 'Not found\n', cors);
      if (opened.status === 403) return sendText(ctx, 403, FORBIDDEN[opened.reason], cors);
      sendFile(ctx, opened.file, cors);
    },
  };
}
