// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startPageCode, type PageCode } from '@/utils/page/page-code';
import { shownVersion as shownVideoVersion } from '@/utils/page/common/records';
import { replaceVideo } from '@/utils/page/video/replace';
import { loadsVideo, metadata, player } from './stubs';

const R1 = 'https://cdn.example.net/results/one.mp4';
let layer: PageCode | undefined;
const buttons = () =>
  Array.from(document.querySelectorAll('eip-markers')).flatMap((host) =>
    Array.from(host.shadowRoot!.querySelectorAll('button')),
  );

afterEach(() => {
  layer?.destroy();
  layer = undefined;
  document.body.innerHTML = '';
});

describe('marker on a video', () => {
  it('sits at the top-left corner, clear of the controls, and toggles where the person was', async () => {
    document.body.innerHTML = `<video id="v" controls src="https://gallery.example.org/clip.mp4"></video>`;
    const video = document.getElementById('v') as HTMLVideoElement;
    vi.spyOn(video, 'getBoundingClientRect').mockReturnValue({
      left: 40,
      top: 200,
      width: 640,
      height: 360,
    } as DOMRect);
    const { state } = player(video, { time: 42, paused: false });
    await replaceVideo(
      video,
      { jobId: 'j1', resultUrl: R1, label: 'TensorPix · 2×', srcUrl: 'https://gallery.example.org/clip.mp4' },
      {
        loadTimeoutMs: 1000,
        waitForMetadata: loadsVideo,
      },
    );
    layer = startPageCode(document);
    const button = buttons()[0]!;
    expect(button.textContent).toBe('Enhanced · Show original');
    expect(button.title).toBe('TensorPix · 2×');
    expect(button.style.transform).toBe('translate(46px, 206px)'); // the top edge; controls are at the bottom

    video.dispatchEvent(new Event('pointerenter'));
    expect(button.classList.contains('shown')).toBe(true);
    button.click();
    expect(shownVideoVersion(video)).toBe('original');
    expect(video.getAttribute('src')).toBe('https://gallery.example.org/clip.mp4');
    expect(button.textContent).toBe('Original · Show enhanced');
    metadata(video);
    expect(state).toMatchObject({ time: 42, paused: false });
  });
});
