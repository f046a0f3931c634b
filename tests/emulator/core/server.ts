import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { KeyPair } from './cert';
import type { Clock } from './clock';
import type { TransportFaults } from './faults';
import type { HostModule, RequestContext } from './http';
import { sendText } from './http';
import { describeBody, type Journal } from './journal';
import { applyTransportFault } from './transport';

export interface VirtualServer {
  port: number;
  close(): Promise<void>;
}

interface Options {
  port: number;
  tls: KeyPair;
  modules: readonly HostModule[];
  journal: Journal;
  clock: Clock;
  /** Network-path faults for any host (a redirect, a stalled or endless body…). */
  transport?: TransportFaults;
}

const TLS_HANDSHAKE = 0x16;
const MAX_BODY = 64 * 1024 * 1024;

/**
 * One loopback port that speaks HTTPS to every virtual host (dispatch on Host, cross-checked with
 * SNI) and answers plain HTTP with a 301 to https, as api-base.hitpaw.com does. Every raw socket is
 * tracked so close() can destroy hung and keep-alive connections instead of waiting on them.
 */
export async function startVirtualServer(options: Options): Promise<VirtualServer> {
  const table = new Map<string, HostModule>();
  for (const module of options.modules) for (const host of module.hosts) table.set(host, module);

  const onRequest = (secure: boolean) => (req: IncomingMessage, res: ServerResponse) => {
    void dispatch(req, res, secure, table, options).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end(`emulator error: ${String(error)}`);
    });
  };
  const https = createHttpsServer({ ...options.tls }, onRequest(true));
  const plain = createHttpServer(onRequest(false));
  const sockets = new Set<Socket>();

  // Peek at the first byte: a TLS ClientHello starts with 0x16, anything else is plain HTTP.
  const front = createNetServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.once('data', (chunk: Buffer) => {
      socket.pause();
      socket.unshift(chunk);
      (chunk[0] === TLS_HANDSHAKE ? https : plain).emit('connection', socket);
      process.nextTick(() => socket.resume());
    });
  });
  https.on('tlsClientError', (_error, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    front.once('error', reject);
    front.listen(options.port, '127.0.0.1', () => resolve());
  });
  let closing: Promise<void> | undefined;
  return {
    port: (front.address() as AddressInfo).port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        front.close(() => resolve());
        for (const socket of sockets) socket.destroy();
        https.closeAllConnections();
        plain.closeAllConnections();
      });
      return closing;
    },
  };
}

async function dispatch(
  req: IncomingMessage,
  res: ServerResponse,
  secure: boolean,
  table: Map<string, HostModule>,
  { journal, clock, transport }: Options,
): Promise<void> {
  const sni = secure ? (req.socket as TLSSocket).servername || undefined : undefined;
  const host = (req.headers.host ?? sni ?? '').replace(/:\d+$/, '').toLowerCase();
  const url = new URL(req.url ?? '/', 'https://emulator.invalid');
  const body = await readBody(req);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  const entry = journal.record({
    at: clock.now(),
    host,
    method: req.method ?? 'GET',
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers,
    body: describeBody(body, req.headers['content-type']),
  });
  res.on('finish', () => (entry.status = res.statusCode));
  const ctx: RequestContext = {
    req,
    res,
    host,
    method: entry.method,
    path: url.pathname,
    query: url.searchParams,
    body,
    entry,
  };

  const module = table.get(host);
  // 421 Misdirected Request: the host is not ours, or SNI named a different host than Host.
  if (!module || (sni && sni.toLowerCase() !== host)) return sendText(ctx, 421, `No such host: ${host}\n`);
  if (!secure) {
    res.writeHead(301, { Location: `https://${host}${req.url ?? '/'}`, 'Content-Length': '0' });
    res.end();
    return;
  }
  const fault = transport?.take(host, url.pathname);
  if (fault && applyTransportFault(ctx, fault)) return;
  await module.handle(ctx);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) req.destroy(new Error('request body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
