import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../core/clock';
import type { FileStore } from '../core/files';
import { send, type RequestContext } from '../core/http';
import { OSS_BUCKET, OSS_HOST, type OssSigner } from './oss';

/**
 * The OSS bucket the presigned PUT goes to, answering as Alibaba Cloud OSS does
 * (https://help.aliyun.com/en/oss/user-guide/upload-files-using-presigned-urls): the V1 query
 * signature is recomputed from the request itself — verb, Content-MD5, Content-Type, Expires, x-oss-*
 * headers, `/<bucket>/<key>` — so a tampered URL and a Content-Type other than the presigned one both
 * get 403 SignatureDoesNotMatch; a past `Expires` (emulator clock) gets 403 AccessDenied. Errors are OSS's
 * XML. HitPaw's docs show browsers PUTting straight to it, so its CORS rules admit any origin.
 */

export interface OssObject {
  key: string;
  type: string;
  size: number;
  /** Emulator clock at upload. */
  at: number;
}

export interface BucketEnv {
  clock: Clock;
  signer: OssSigner;
  /** The public read side: the CDN that serves `access_url`. */
  store: FileStore;
  /** How long staged uploads stay readable (HitPaw: deleted after 7 days). */
  retentionMs: () => number;
}

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'ETag, x-oss-request-id',
};

function ossError(ctx: RequestContext, status: number, code: string, message: string, extra = '') {
  const requestId = randomBytes(12).toString('hex').toUpperCase();
  const xml =
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error>\n  <Code>${code}</Code>\n  <Message>${message}</Message>\n` +
    `  <RequestId>${requestId}</RequestId>\n  <HostId>${OSS_HOST}</HostId>\n${extra}</Error>\n`;
  send(ctx, status, Buffer.from(xml), 'application/xml', { ...CORS, 'x-oss-request-id': requestId });
}

const header = (ctx: RequestContext, name: string) => {
  const value = ctx.req.headers[name];
  return Array.isArray(value) ? value.join(',') : (value ?? '');
};

function ossHeaders(ctx: RequestContext): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(ctx.req.headers))
    if (name.startsWith('x-oss-') && value !== undefined) out[name] = String(value);
  return out;
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A PUT under a query signature: expiry, then the signature over what this request really carries. */
function put(env: BucketEnv, ctx: RequestContext, uploads: OssObject[]): void {
  const key = ctx.path.slice(1); // our object keys are plain ASCII: encoded and decoded forms agree
  const expires = ctx.query.get('Expires');
  const signature = ctx.query.get('Signature');
  if (!ctx.query.get('OSSAccessKeyId') || !expires || !signature || key === '')
    return ossError(
      ctx,
      403,
      'AccessDenied',
      'You have no right to access this object because of bucket acl.',
    );
  if (!/^\d+$/.test(expires) || env.clock.now() >= Number(expires) * 1000)
    return ossError(ctx, 403, 'AccessDenied', 'Request has expired.', `  <Expires>${expires}</Expires>\n`);
  const expected = env.signer.sign({
    verb: 'PUT',
    contentMd5: header(ctx, 'content-md5'),
    contentType: header(ctx, 'content-type'),
    expires,
    ossHeaders: ossHeaders(ctx),
    resource: `/${OSS_BUCKET}/${key}`,
  });
  if (!sameText(expected, signature))
    return ossError(
      ctx,
      403,
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    );
  const type = header(ctx, 'content-type') || 'application/octet-stream';
  const now = env.clock.now();
  env.store.put(`/${key}`, { bytes: ctx.body, type }, now + env.retentionMs());
  uploads.push({ key, type, size: ctx.body.length, at: now });
  const etag = `"${createHash('md5').update(ctx.body).digest('hex').toUpperCase()}"`;
  send(ctx, 200, Buffer.alloc(0), 'application/octet-stream', {
    ...CORS,
    ETag: etag,
    'x-oss-request-id': randomBytes(12).toString('hex').toUpperCase(),
  });
}

/** Handles a request on OSS_HOST; `uploads` records every stored object for the tests' control API. */
export function handleBucket(env: BucketEnv, ctx: RequestContext, uploads: OssObject[]): void {
  if (ctx.method === 'OPTIONS') {
    ctx.res.writeHead(200, {
      ...CORS,
      'Access-Control-Allow-Methods': 'PUT, GET, HEAD',
      'Access-Control-Allow-Headers': header(ctx, 'access-control-request-headers') || '*',
      'Access-Control-Max-Age': '600',
      'Content-Length': '0',
    });
    return void ctx.res.end();
  }
  if (ctx.method === 'PUT') return put(env, ctx, uploads);
  // The bucket is private: reads go through access_url; anything else is refused as OSS refuses it.
  if (ctx.method === 'GET' || ctx.method === 'HEAD')
    return ossError(
      ctx,
      403,
      'AccessDenied',
      'You have no right to access this object because of bucket acl.',
    );
  return ossError(ctx, 405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
}
