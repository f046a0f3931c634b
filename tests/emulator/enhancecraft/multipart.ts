/**
 * A small multipart/form-data reader (RFC 7578), enough for the upload endpoint: split the body on
 * `--boundary`, read each part's headers up to the blank line, keep the bytes up to the CRLF that
 * precedes the next delimiter. No dependency: busboy is not installed and one field is all we need.
 */
export interface Part {
  name: string;
  /** Present when the part is a file (`filename=` in Content-Disposition). */
  filename?: string;
  contentType?: string;
  data: Buffer;
}

/** `null` when the content type is not multipart/form-data; `'malformed'` when the body does not parse. */
export function parseMultipart(body: Buffer, contentType: string | undefined): Part[] | null | 'malformed' {
  if (!contentType || !/^multipart\/form-data\s*(;|$)/i.test(contentType)) return null;
  const boundary = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const value = boundary?.[1] ?? boundary?.[2];
  if (!value) return 'malformed';
  const delimiter = Buffer.from(`--${value}`);
  const parts: Part[] = [];
  let at = body.indexOf(delimiter);
  if (at < 0) return 'malformed';
  for (;;) {
    at += delimiter.length;
    if (body.subarray(at, at + 2).toString() === '--') return parts; // close delimiter
    if (body.subarray(at, at + 2).toString() !== '\r\n') return 'malformed';
    at += 2;
    const headerEnd = body.indexOf('\r\n\r\n', at);
    if (headerEnd < 0) return 'malformed';
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headerEnd + 4);
    if (next < 0) return 'malformed';
    const part = readPart(body.subarray(at, headerEnd).toString('utf8'), body.subarray(headerEnd + 4, next));
    if (!part) return 'malformed';
    parts.push(part);
    at = next + 2;
  }
}

function readPart(head: string, data: Buffer): Part | null {
  const headers = new Map<string, string>();
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const disposition = headers.get('content-disposition') ?? '';
  if (!/^form-data\b/i.test(disposition)) return null;
  const param = (key: string) =>
    new RegExp(`;\\s*${key}="((?:[^"\\\\]|\\\\.)*)"`, 'i').exec(disposition)?.[1];
  const name = param('name');
  if (name === undefined) return null;
  const extended = /;\s*filename\*=UTF-8''([^;\s]+)/i.exec(disposition)?.[1]; // RFC 5987 form
  const filename = extended !== undefined ? decodeURIComponent(extended) : param('filename');
  return { name, filename, contentType: headers.get('content-type'), data };
}

/** Builds a multipart body (tests and tools): returns the body and its Content-Type. */
export function buildMultipart(
  parts: { name: string; filename?: string; contentType?: string; data: Buffer | string }[],
): { body: Buffer; contentType: string } {
  const boundary = `----emulator${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"`;
    if (part.filename !== undefined) head += `; filename="${part.filename}"`;
    if (part.contentType) head += `\r\nContent-Type: ${part.contentType}`;
    chunks.push(Buffer.from(`${head}\r\n\r\n`), Buffer.from(part.data), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}
