import { createHmac, randomBytes } from 'node:crypto';
import type { Clock } from '../core/clock';
import type { Reply } from '../core/http';

/**
 * HitPaw's OSS pre-sign upload (https://developer.hitpaw.com/common/oss-presign-put-api):
 * `POST /api/oss/presign-put` {filename, content_type, expire_seconds?} → `{"code":0,"data":{upload_url,
 * access_url, object_key, content_type, expire_at}}`, and the batch form `/api/oss/presign-put/batch`.
 * The upload URL is an Alibaba Cloud OSS V1 query-signed PUT (OSSAccessKeyId, Expires, Signature), which
 * the bucket host (./oss-bucket.ts) verifies.
 */

/** The documented whitelist: extension → Content-Type ("Supported File Types"). */
export const OSS_TYPES: Readonly<Record<string, string>> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  bmp: 'image/bmp',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  avi: 'video/x-msvideo',
  mkv: 'video/x-matroska',
  webm: 'video/webm',
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  aac: 'audio/aac',
  m4a: 'audio/mp4',
  pdf: 'application/pdf',
};
const WHITELISTED_TYPES = new Set(Object.values(OSS_TYPES));

export const OSS_BUCKET = 'hitpaw-api';
/** Where the signed PUT goes: a bucket host in OSS's own naming (`<bucket>.oss-<region>.aliyuncs.com`). */
export const OSS_HOST = `${OSS_BUCKET}.oss-us-west-1.aliyuncs.com`;
const ACCESS_KEY_ID = 'LTAI5tEmuHitPawOssKey';

const EXPIRE = { min: 60, max: 7200, default: 3600 };
const BATCH_MAX = 20;

/** The docs give only "plain HTTP 400/401/500"; the body's shape is our assumption. */
export const ossFail = (status: 400 | 401 | 500, message: string): Reply => ({
  status,
  body: { code: status, message },
});

export interface OssSigner {
  /** The OSS V1 signature of a request (verb, Content-MD5, Content-Type, Expires, x-oss-* headers, resource). */
  sign(parts: SignedParts): string;
}

export interface SignedParts {
  verb: string;
  contentMd5: string;
  contentType: string;
  expires: string;
  /** `x-oss-*` headers, lower-cased names. */
  ossHeaders: Record<string, string>;
  /** `/<bucket>/<object key>` */
  resource: string;
}

/** One secret per emulator start, known only to "HitPaw's server" (this module) and the bucket. */
export function createSigner(): OssSigner {
  const secret = randomBytes(24).toString('base64');
  return {
    sign({ verb, contentMd5, contentType, expires, ossHeaders, resource }) {
      const headers = Object.keys(ossHeaders)
        .sort()
        .map((name) => `${name}:${ossHeaders[name]!.trim()}\n`)
        .join('');
      const text = `${verb}\n${contentMd5}\n${contentType}\n${expires}\n${headers}${resource}`;
      return createHmac('sha1', secret).update(text).digest('base64');
    },
  };
}

export interface PresignEnv {
  clock: Clock;
  signer: OssSigner;
  /** Origin of the public address the object is read from after upload (the CDN). */
  accessOrigin: string;
  /** `request`: echo the request's content_type; `filename`: infer it from the extension (older docs). */
  contentTypeFrom: 'request' | 'filename';
}

type Presigned = Record<'upload_url' | 'access_url' | 'object_key' | 'content_type', string> & {
  expire_at: number;
};
type Checked<T> = { ok: true; value: T } | { ok: false; reply: Reply };

const isText = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

/** `expire_seconds`: optional integer in 60–7200, default 3600. */
function expireSeconds(raw: unknown): Checked<number> {
  if (raw === undefined || raw === null) return { ok: true, value: EXPIRE.default };
  if (!Number.isInteger(raw) || (raw as number) < EXPIRE.min || (raw as number) > EXPIRE.max)
    return { ok: false, reply: ossFail(400, 'expire_seconds must be an integer between 60 and 7200') };
  return { ok: true, value: raw as number };
}

/** One file's checks: a filename with a whitelisted extension, a whitelisted content_type. */
function checkFile(file: unknown): Checked<{ ext: string; type: string }> {
  const { filename, content_type: type } = (file ?? {}) as Record<string, unknown>;
  if (!isText(filename)) return { ok: false, reply: ossFail(400, 'filename is required') };
  // "photo.jpg": a name, a dot, an extension; "photo" and ".jpg" have no extension to infer from.
  const name = filename.trim().split(/[\\/]/).pop()!;
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 && /^[A-Za-z0-9]+$/.test(name.slice(dot + 1)) ? name.slice(dot + 1).toLowerCase() : '';
  if (!ext) return { ok: false, reply: ossFail(400, 'filename must include an extension') };
  if (!OSS_TYPES[ext]) return { ok: false, reply: ossFail(400, `file extension .${ext} is not allowed`) };
  if (!isText(type)) return { ok: false, reply: ossFail(400, 'content_type is required') };
  if (!WHITELISTED_TYPES.has(type))
    return { ok: false, reply: ossFail(400, `content_type ${type} is not allowed`) };
  return { ok: true, value: { ext, type } };
}

function presign(env: PresignEnv, file: { ext: string; type: string }, seconds: number): Presigned {
  const now = new Date(env.clock.now());
  const day = now.toISOString().slice(0, 10).replace(/-/g, '/');
  const objectKey = `uploads/${day}/${randomBytes(8).toString('hex')}.${file.ext}`;
  const contentType = env.contentTypeFrom === 'filename' ? OSS_TYPES[file.ext]! : file.type;
  const expires = String(Math.floor(env.clock.now() / 1000) + seconds);
  const signature = env.signer.sign({
    verb: 'PUT',
    contentMd5: '',
    contentType,
    expires,
    ossHeaders: {},
    resource: `/${OSS_BUCKET}/${objectKey}`,
  });
  const query = new URLSearchParams({
    OSSAccessKeyId: ACCESS_KEY_ID,
    Expires: expires,
    Signature: signature,
  });
  return {
    upload_url: `https://${OSS_HOST}/${objectKey}?${query}`,
    access_url: `${env.accessOrigin}/${objectKey}`,
    object_key: objectKey,
    content_type: contentType,
    expire_at: Number(expires),
  };
}

/** `POST /api/oss/presign-put`. */
export function presignPut(env: PresignEnv, body: Record<string, unknown>): Reply {
  const file = checkFile(body);
  if (!file.ok) return file.reply;
  const seconds = expireSeconds(body.expire_seconds);
  if (!seconds.ok) return seconds.reply;
  return { status: 200, body: { code: 0, data: presign(env, file.value, seconds.value) } };
}

/**
 * `POST /api/oss/presign-put/batch`: `files` (1–20), one `expire_seconds` for all. The docs count
 * `failed` items but never show one; we read a bad item as failing the whole request with 400.
 */
export function presignPutBatch(env: PresignEnv, body: Record<string, unknown>): Reply {
  const { files } = body;
  if (!Array.isArray(files) || files.length < 1 || files.length > BATCH_MAX)
    return ossFail(400, 'files must list 1 to 20 files');
  const seconds = expireSeconds(body.expire_seconds);
  if (!seconds.ok) return seconds.reply;
  const checked = files.map(checkFile);
  const bad = checked.find((c) => !c.ok);
  if (bad && !bad.ok) return bad.reply;
  const items = checked.map((c) =>
    presign(env, (c as { value: { ext: string; type: string } }).value, seconds.value),
  );
  const data = { total: files.length, success: items.length, failed: 0, items };
  return { status: 200, body: { code: 0, data } };
}
