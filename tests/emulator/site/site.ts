import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { contentTypeFor, sendFile, sendText, type HostModule, type StoredFile } from '../core/http';
import { siteImages } from './images';
import { siteClip } from './video';

/** The public-looking test sites. Both serve the same tree; neither sends CORS headers. */
export const SITE_HOSTS = ['gallery.example.org', 'photos.example.com'] as const;

const FIXTURE_DIR = fileURLToPath(new URL('../../fixtures/site/', import.meta.url));

export interface SiteModule extends HostModule {
  /**
   * What a GET of `url` would return, without a network round trip: the provider emulators "fetch"
   * inputs on these hosts through this. `null` when the host is not a site host.
   */
  lookup(url: URL): Promise<{ status: number; file?: StoredFile } | null>;
}

/**
 * Static pages from tests/fixtures/site/, generated images under /images/ and test clips under
 * /videos/. Like most of the web, nothing here sends Access-Control-Allow-Origin, so a page
 * on gallery.example.org cannot read pixels of an image from photos.example.com.
 */
export async function createSite(): Promise<SiteModule> {
  const images = await siteImages();

  async function load(path: string): Promise<StoredFile | undefined> {
    const image = images.get(path);
    if (image) return image;
    const clip = siteClip(path);
    if (clip) return { bytes: await clip, type: 'video/mp4' };
    const relative = path === '/' ? 'index.html' : decodeURIComponent(path.slice(1));
    // Only plain names below the fixture dir: no traversal, no dot-files.
    if (!/^([\w-]+\/)*[\w-]+\.\w+$/.test(relative)) return undefined;
    try {
      return { bytes: await readFile(FIXTURE_DIR + relative), type: contentTypeFor(relative) };
    } catch {
      return undefined;
    }
  }

  return {
    hosts: SITE_HOSTS,
    async handle(ctx) {
      if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return sendText(ctx, 405, 'Method not allowed\n');
      const file = await load(ctx.path);
      if (!file) return sendText(ctx, 404, 'Not found\n');
      // Pages named strict*.html stand for sites with a strict header CSP: images from self only.
      const strict = /^\/strict[\w-]*\.html$/.test(ctx.path);
      sendFile(ctx, file, strict ? { 'Content-Security-Policy': "img-src 'self'" } : {});
    },
    async lookup(url) {
      if (!(SITE_HOSTS as readonly string[]).includes(url.hostname)) return null;
      const file = await load(url.pathname);
      return file ? { status: 200, file } : { status: 404 };
    },
  };
}
