import { fromBase64 } from '../../base64';

/**
 * A result delivered as bytes (its provider link needs the API key, which never enters a page) becomes
 * a blob: URL made here, in the page's own origin so the page can load it. One URL per job and document:
 * a repeated delivery reuses it, so the replace stays idempotent.
 */
const urls = new WeakMap<Document, Map<string, string>>();

export function localResultUrl(doc: Document, jobId: string, data: { type: string; base64: string }): string {
  let perDoc = urls.get(doc);
  if (!perDoc) urls.set(doc, (perDoc = new Map()));
  const existing = perDoc.get(jobId);
  if (existing) return existing;
  const view = doc.defaultView ?? globalThis;
  const url = view.URL.createObjectURL(new Blob([fromBase64(data.base64)], { type: data.type }));
  perDoc.set(jobId, url);
  return url;
}
