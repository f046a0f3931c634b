import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SITE_IMAGES, startEmulator, type Emulator } from './index';
import { call, pollToEnd, SITE, submitPhoto } from './test-client';

let emu: Emulator;
beforeEach(async () => {
  emu = await startEmulator();
  emu.hitpaw.addKey('k');
});
afterEach(() => emu.close());

const completed = async () => (await pollToEnd(emu, 'k', await submitPhoto(emu, 'k'))).data.res_url;

describe('CDN host', () => {
  it('supports Range requests', async () => {
    const url = await completed();
    const whole = await call(emu, url);
    const part = await call(emu, url, { headers: { range: 'bytes=0-9' } });
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 0-9/${whole.body.length}`);
    expect(part.body.equals(whole.body.subarray(0, 10))).toBe(true);
    expect((await call(emu, url, { headers: { range: `bytes=${whole.body.length}-` } })).status).toBe(416);
  });

  it('answers 404 once retention (default 24 h, emulator clock) has passed', async () => {
    const url = await completed();
    emu.clock.advance(24 * 3600_000 - 60_000);
    expect((await call(emu, url)).status).toBe(200);
    emu.clock.advance(60_000);
    const gone = await call(emu, url);
    expect([gone.status, gone.headers['access-control-allow-origin']]).toEqual([404, '*']);
  });

  it('takes a configured retention', async () => {
    emu.hitpaw.configure({ retentionMs: 1000 });
    const url = await completed();
    emu.clock.advance(1000);
    expect((await call(emu, url)).status).toBe(404);
  });
});

describe('test sites', () => {
  it('serve the pages and images with the right types and sizes, and no CORS headers', async () => {
    const page = await call(emu, `${SITE}/`);
    expect([page.status, page.headers['content-type']]).toEqual([200, 'text/html; charset=utf-8']);
    expect(page.body.toString()).toContain('id="logo"');
    for (const [name, spec] of Object.entries(SITE_IMAGES)) {
      const image = await call(emu, `https://photos.example.com/images/${name}`);
      expect(image.headers['access-control-allow-origin']).toBeUndefined();
      const meta = await sharp(image.body).metadata();
      expect([name, meta.width, meta.height]).toEqual([name, spec.width, spec.height]);
    }
    expect((await call(emu, `${SITE}/frame.html`)).body.toString()).toContain('id="framed"');
    expect((await call(emu, `${SITE}/images/nothing.png`)).status).toBe(404);
    expect((await call(emu, `${SITE}/../package.json`)).status).toBe(404);
  });

  it('serves the test clip with Range support', async () => {
    const part = await call(emu, `${SITE}/videos/clip.mp4`, { headers: { range: 'bytes=0-99' } });
    expect([part.status, part.headers['content-type'], part.body.length]).toEqual([206, 'video/mp4', 100]);
  });

  it('dispatch: unknown hosts and SNI/Host mismatches get 421; rules map every host', async () => {
    expect((await call(emu, 'https://unknown.example/')).status).toBe(421);
    expect((await call(emu, `${SITE}/`, { servername: 'cdn.example.net' })).status).toBe(421);
    expect(emu.hostResolverRules()).toBe(emu.hosts.map((h) => `MAP ${h} 127.0.0.1:${emu.port}`).join(','));
    expect(emu.hosts).toEqual(
      expect.arrayContaining([
        'api-base.hitpaw.com',
        'cdn.example.net',
        'gallery.example.org',
        'photos.example.com',
      ]),
    );
  });

  it('journals every request with lower-case headers and a parsed body', async () => {
    await submitPhoto(emu, 'k');
    await call(emu, `${SITE}/images/logo.png?v=1`);
    const [submit] = emu.journal.find({
      host: 'api-base.hitpaw.com',
      method: 'POST',
      path: '/api/photo-enhancer',
    });
    expect(submit).toMatchObject({
      status: 200,
      headers: { apikey: 'k' },
      body: { model_name: 'general_2x' },
    });
    expect(emu.journal.find({ path: /^\/images\// })).toMatchObject([
      { host: 'gallery.example.org', query: { v: '1' } },
    ]);
    emu.journal.clear();
    expect(emu.journal.all()).toEqual([]);
  });
});
