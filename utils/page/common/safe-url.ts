import { checkProviderUrl, MAX_PROVIDER_URL_LENGTH } from '../../provider-url';

/** Longest result URL the page code will set; real provider/CDN URLs (even signed) are far shorter. */
export const MAX_RESULT_URL_LENGTH = MAX_PROVIDER_URL_LENGTH;

/**
 * The normalised result URL when it may be shown in a page, else null: the same check the background
 * applies to every provider URL (`https:` only, no user name or password, not loopback, private,
 * link-local, `.local` or single-label, shorter than MAX_RESULT_URL_LENGTH). The page code checks it
 * again itself, whatever the background already checked: a message is not proof.
 */
export function checkResultUrl(raw: string): string | null {
  return checkProviderUrl(raw);
}
