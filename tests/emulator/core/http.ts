import type { IncomingMessage, ServerResponse } from 'node:http';
import type { JournalEntry } from './journal';

/** What a host module gets for each request: the body is already read (and journalled). */
export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  host: string;
  method: string;
  path: string;
  query: URLSearchParams;
  body: Buffer;
  entry: JournalEntry;
}

/** A virtual host: one module per provider or site, plugged into the server's host table. */
export interface HostModule {
  readonly hosts: readonly string[];
  handle(ctx: RequestContext): void | Promise<void>;
}

/** Bytes with a type, as stored by the site and the CDN. */
export interface StoredFile {
  bytes: Buffer;
  type: string;
}

export function sendJson(ctx: RequestContext, status: number, body: unknown): void {
  send(ctx, status, Buffer.from(JSON.stringify(body)), 'application/json; charset=utf-8');
}

export function sendText(ctx: RequestContext, status: number, text: string, extra: Headers = {}): void {
  send(ctx, status, Buffer.from(text), 'text/plain; charset=utf-8', extra);
}

type Headers = Record<string, string>;

export function send(ctx: RequestContext, status: number, bytes: Buffer, type: string, extra: Headers = {}) {
  ctx.res.writeHead(status, { 'Content-Type': type, 'Content-Length': String(bytes.length), ...extra });
  ctx.res.end(ctx.method === 'HEAD' ? undefined : bytes);
}

/** An answer before it is written: handlers return these so an injected fault can replace them. */
export interface Reply {
  status: number;
  /** JSON-serialised unless it is a string, which is sent as is (for malformed-body faults). */
  body: unknown;
}

/** Writes a Reply. A verbatim body keeps a plausible type: truncated JSON still claims JSON, a gateway page HTML. */
export function sendReply(ctx: RequestContext, reply: Reply, extra: Headers = {}): void {
  if (typeof reply.body !== 'string') {
    return send(
      ctx,
      reply.status,
      Buffer.from(JSON.stringify(reply.body)),
      'application/json; charset=utf-8',
      extra,
    );
  }
  const first = reply.body.trimStart()[0];
  const type =
    first === '<' ? 'text/html' : first === '{' || first === '[' ? 'application/json' : 'text/plain';
  send(ctx, reply.status, Buffer.from(reply.body), `${type}; charset=utf-8`, extra);
}

/**
 * Serves a file with `Accept-Ranges` and single-range `Range` support (206/416), which `<video>`
 * needs to seek. Multi-range requests get the whole file, as many servers do.
 */
export function sendFile(ctx: RequestContext, file: StoredFile, extra: Headers = {}): void {
  const total = file.bytes.length;
  const headers = { 'Accept-Ranges': 'bytes', ...extra };
  const range = parseRange(ctx.req.headers.range, total);
  if (range === 'unsatisfiable') {
    send(ctx, 416, Buffer.alloc(0), file.type, { ...headers, 'Content-Range': `bytes */${total}` });
  } else if (range) {
    const [start, end] = range;
    send(ctx, 206, file.bytes.subarray(start, end + 1), file.type, {
      ...headers,
      'Content-Range': `bytes ${start}-${end}/${total}`,
    });
  } else {
    send(ctx, 200, file.bytes, file.type, headers);
  }
}

function parseRange(header: string | undefined, total: number): [number, number] | 'unsatisfiable' | null {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header?.trim() ?? '');
  if (!match) return null;
  const [, from = '', to = ''] = match;
  if (from === '' && to === '') return null;
  let start: number;
  let end: number;
  if (from === '') {
    start = Math.max(0, total - Number(to)); // suffix range: the last N bytes
    end = total - 1;
  } else {
    start = Number(from);
    end = to === '' ? total - 1 : Math.min(Number(to), total - 1);
  }
  return start > end || start >= total ? 'unsatisfiable' : [start, end];
}

/** Content types by file extension, for the site and the CDN. */
export const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.bmp': 'image/bmp',
  '.tif': 'image/tiff',
  '.tiff': 'image/tiff',
  '.mp4': 'video/mp4',
  '.m4v': 'video/x-m4v',
  '.mov': 'video/quicktime',
  '.mkv': 'video/x-matroska',
  '.avi': 'video/x-msvideo',
};

export function contentTypeFor(path: string): string {
  const dot = path.lastIndexOf('.');
  return (dot >= 0 && CONTENT_TYPES[path.slice(dot).toLowerCase()]) || 'application/octet-stream';
}
