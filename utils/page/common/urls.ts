/** The URL as the browser resolves it (against the document's base URL), or null when it cannot. */
export function absoluteUrl(raw: string | null | undefined, base: string): string | null {
  if (!raw) return null;
  try {
    return new URL(raw, base).href;
  } catch {
    return null;
  }
}
