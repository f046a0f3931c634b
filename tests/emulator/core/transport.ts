import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { TransportFault } from './faults';
import { send, type RequestContext } from './http';

/**
 * Applies a transport fault to one request. Returns true when the fault answered by itself (the host
 * must not), false when the host still answers, through a response whose writing the fault changes.
 * Host modules write through `send`/`sendFile` (writeHead, then end), which is what is wrapped here.
 */
export function applyTransportFault(ctx: RequestContext, fault: TransportFault): boolean {
  switch (fault.kind) {
    case 'redirect':
      ctx.res.writeHead(fault.status ?? 302, { Location: fault.location, 'Content-Length': '0' });
      ctx.res.end();
      return true;
    case 'replace':
      send(ctx, fault.status ?? 200, Buffer.from(fault.body), fault.type);
      return true;
    case 'stall':
      holdBody(ctx.res, { limit: fault.afterBytes });
      return false;
    case 'announce':
      holdBody(ctx.res, { length: fault.contentLength });
      return false;
    case 'flood':
      flood(ctx.res);
      return false;
  }
}

type Head = (status: number, headers?: OutgoingHttpHeaders) => ServerResponse;

function onHead(res: ServerResponse, change: (headers: OutgoingHttpHeaders) => OutgoingHttpHeaders) {
  const writeHead = res.writeHead.bind(res) as Head;
  res.writeHead = ((status: number, headers?: OutgoingHttpHeaders) =>
    writeHead(status, change(headers ?? {}))) as typeof res.writeHead;
}

/** Sends at most `limit` body bytes (and/or announces `length`), then never ends the answer. */
function holdBody(res: ServerResponse, options: { limit?: number; length?: number }) {
  const { length } = options;
  if (length !== undefined) onHead(res, (headers) => ({ ...headers, 'Content-Length': String(length) }));
  const write = res.write.bind(res) as (chunk: Buffer) => boolean;
  let room = options.limit ?? Infinity;
  res.write = ((chunk: Buffer | string) => {
    const part = Buffer.from(chunk).subarray(0, room);
    room -= part.length;
    if (part.length > 0) write(part);
    return true;
  }) as typeof res.write;
  res.end = ((chunk?: unknown) => {
    if (typeof chunk === 'string' || Buffer.isBuffer(chunk)) res.write(chunk);
    return res; // the connection stays open until the client gives up or the emulator closes
  }) as typeof res.end;
}

/** Drops the length and repeats the body for as long as the client keeps reading. */
function flood(res: ServerResponse) {
  onHead(res, (headers) => {
    const rest = { ...headers };
    delete rest['Content-Length'];
    return rest;
  });
  const write = res.write.bind(res) as (chunk: Buffer) => boolean;
  let open = true;
  res.once('close', () => (open = false));
  res.on('error', () => (open = false));
  res.end = ((chunk?: unknown) => {
    const bytes = typeof chunk === 'string' || Buffer.isBuffer(chunk) ? Buffer.from(chunk) : Buffer.alloc(0);
    const block = bytes.length > 0 ? bytes : Buffer.alloc(16 * 1024, 0x20);
    const pump = () => {
      while (open && write(block));
      if (open) res.once('drain', pump);
    };
    pump();
    return res;
  }) as typeof res.end;
}
