/** Longest result URL the page code will set; real provider/CDN URLs (even signed) are far shorter. */
export const MAX_RESULT_URL_LENGTH = 4096;

/**
 * The normalised result URL when it may be shown in a page, else null: `https:` only (no `http:`, `data:`,
 * `blob:`, `javascript:`), no user name or password in it, shorter than MAX_RESULT_URL_LENGTH.
 * The page code checks this itself, whatever the background already checked: a provider's answer is
 * untrusted, and a link that fails here never touches the page.
 */
export function checkResultUrl(raw: string): string | null {
  if (raw.length >= MAX_RESULT_URL_LENGTH) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '' || url.hostname === '') {
    return null;
  }
  // Normalising can lengthen the URL (percent-encoding), so check the form that will be used.
  return url.href.length < MAX_RESULT_URL_LENGTH ? url.href : null;
}
