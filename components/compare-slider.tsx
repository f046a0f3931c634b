import { useEffect, useLayoutEffect, useRef, useState, type CSSProperties, type PointerEvent } from 'react';
import {
  clampPan,
  fitStage,
  panToActual,
  SPLIT_MAX,
  SPLIT_MIN,
  splitAt,
  splitForKey,
  type Offset,
  type Size,
} from './compare-logic';
import './compare-slider.css';
import { t } from '@/utils/i18n';

export interface CompareSliderProps {
  /** The original, shown left of the divider. */
  before: string;
  /** The result, shown right of the divider; its pixel size sets the stage's shape. */
  after: string;
  media: 'image' | 'video';
  /** Declarations painted behind the result (a cut-out's backdrop); none for opaque results. */
  afterBackdrop?: [string, string][];
  /** The tallest the stage may be, in CSS pixels (the viewer keeps its toolbar in view). */
  maxHeight?: number;
}

const toStyle = (declarations: [string, string][] = []): CSSProperties =>
  Object.fromEntries(
    declarations.map(([name, value]) => [
      name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()),
      value,
    ]),
  );

type Drag = { kind: 'split' } | { kind: 'pan'; from: Offset; start: Offset };

/**
 * Before/after on one stage: both at the result's displayed size (the original scaled up to it), the
 * original clipped to the left of a draggable divider. The divider is a keyboard slider (arrows, Page
 * keys, Home/End). "100 %" shows the result's real pixels; dragging the picture then pans both together.
 * Videos: the two players are kept at the same time position, driven by the result's controls below.
 */
export function CompareSlider({ before, after, media, afterBackdrop, maxHeight = 640 }: CompareSliderProps) {
  const roomRef = useRef<HTMLDivElement>(null);
  const stageRef = useRef<HTMLDivElement>(null);
  const beforeVideo = useRef<HTMLVideoElement>(null);
  const afterVideo = useRef<HTMLVideoElement>(null);
  const drag = useRef<Drag | null>(null);
  const [natural, setNatural] = useState<Size>();
  const [original, setOriginal] = useState<Size>();
  const [roomWidth, setRoomWidth] = useState(0);
  const [split, setSplit] = useState(50);
  const [actual, setActual] = useState(false);
  const [pan, setPan] = useState<Offset>({ x: 0, y: 0 });

  useLayoutEffect(() => {
    const room = roomRef.current;
    if (!room) return;
    const measure = () => setRoomWidth(room.clientWidth);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(room);
    return () => observer.disconnect();
  }, []);

  const stage = natural ? fitStage(natural, { width: roomWidth, height: maxHeight }) : undefined;
  const shown = stage && natural ? (actual ? natural : stage) : undefined;
  const offset = actual && stage && natural ? clampPan(pan, natural, stage) : { x: 0, y: 0 };
  // A crop changes the shape: stretching the original to it would mislead, so it is letterboxed then.
  const sameShape = !natural || !original || sameAspect(natural, original);

  useVideoSync(media, beforeVideo, afterVideo);

  const layerStyle: CSSProperties = shown
    ? { left: offset.x, top: offset.y, width: shown.width, height: shown.height }
    : {};
  const onLoaded = (size: Size) => size.width > 0 && size.height > 0 && setNatural(size);

  function pointerDown(event: PointerEvent<HTMLDivElement>) {
    if (event.button !== 0 || !stageRef.current) return;
    const onHandle = (event.target as HTMLElement).closest('[role="slider"]');
    drag.current =
      actual && !onHandle
        ? { kind: 'pan', from: { x: event.clientX, y: event.clientY }, start: offset }
        : { kind: 'split' };
    stageRef.current.setPointerCapture(event.pointerId);
    if (drag.current.kind === 'split') moveSplit(event.clientX);
    event.preventDefault(); // no text selection or native image drag while dragging
  }

  function moveSplit(clientX: number) {
    const box = stageRef.current?.getBoundingClientRect();
    if (box) setSplit(splitAt(clientX, box.left, box.width));
  }

  function pointerMove(event: PointerEvent<HTMLDivElement>) {
    const current = drag.current;
    if (!current) return;
    if (current.kind === 'split') moveSplit(event.clientX);
    else
      setPan({
        x: current.start.x + event.clientX - current.from.x,
        y: current.start.y + event.clientY - current.from.y,
      });
  }

  const pointerUp = () => {
    drag.current = null;
  };

  function toggleActual() {
    if (!stage || !natural) return;
    if (!actual) {
      const focus = { x: (stage.width * split) / 100, y: stage.height / 2 };
      setPan(panToActual(focus, stage, natural));
    }
    setActual(!actual);
  }

  const clip: CSSProperties = { clipPath: `inset(0 ${SPLIT_MAX - split}% 0 0)` };
  const fit: CSSProperties = { objectFit: sameShape ? 'fill' : 'contain' };

  return (
    <div className="compare" ref={roomRef}>
      <div className="compare-tools">
        <button type="button" aria-pressed={actual} onClick={toggleActual} disabled={!stage}>
          {t('compare_actual_size')}
        </button>
        <span className="muted">{actual ? t('compare_hint_pan') : t('compare_hint')}</span>
      </div>
      <div
        className={`compare-stage${actual ? ' actual' : ''}`}
        ref={stageRef}
        style={stage ? { width: stage.width, height: stage.height } : { visibility: 'hidden' }}
        onPointerDown={pointerDown}
        onPointerMove={pointerMove}
        onPointerUp={pointerUp}
        onPointerCancel={pointerUp}
      >
        <div className="compare-layer compare-after" data-testid="compare-after">
          {media === 'video' ? (
            <video
              ref={afterVideo}
              src={after}
              aria-label={t('compare_result')}
              style={{ ...layerStyle, ...toStyle(afterBackdrop) }}
              playsInline
              onLoadedMetadata={(e) =>
                onLoaded({ width: e.currentTarget.videoWidth, height: e.currentTarget.videoHeight })
              }
            />
          ) : (
            <img
              src={after}
              alt={t('compare_result')}
              draggable={false}
              style={{ ...layerStyle, ...toStyle(afterBackdrop) }}
              onLoad={(e) =>
                onLoaded({ width: e.currentTarget.naturalWidth, height: e.currentTarget.naturalHeight })
              }
            />
          )}
          <span className="compare-label right">{t('compare_result')}</span>
        </div>
        <div className="compare-layer compare-before" data-testid="compare-before" style={clip}>
          {media === 'video' ? (
            <video
              ref={beforeVideo}
              src={before}
              aria-label={t('compare_original')}
              style={{ ...layerStyle, ...fit }}
              muted
              playsInline
              onLoadedMetadata={(e) =>
                setOriginal({ width: e.currentTarget.videoWidth, height: e.currentTarget.videoHeight })
              }
            />
          ) : (
            <img
              src={before}
              alt={t('compare_original')}
              draggable={false}
              style={{ ...layerStyle, ...fit }}
              onLoad={(e) =>
                setOriginal({ width: e.currentTarget.naturalWidth, height: e.currentTarget.naturalHeight })
              }
            />
          )}
          <span className="compare-label left">{t('compare_original')}</span>
        </div>
        <div className="compare-divider" style={{ left: `${split}%` }}>
          <div
            className="compare-handle"
            role="slider"
            tabIndex={0}
            aria-label={t('compare_divider')}
            aria-valuemin={SPLIT_MIN}
            aria-valuemax={SPLIT_MAX}
            aria-valuenow={split}
            aria-valuetext={t('compare_divider_value', Math.round(split))}
            onKeyDown={(event) => {
              const next = splitForKey(split, event.key, event.shiftKey);
              if (next === null) return;
              event.preventDefault();
              setSplit(next);
            }}
          />
        </div>
      </div>
      {media === 'video' && (
        <VideoControls
          video={afterVideo}
          seek={(time) => {
            const v = afterVideo.current;
            if (v) v.currentTime = time;
          }}
        />
      )}
    </div>
  );
}

const sameAspect = (a: Size, b: Size) => Math.abs(a.width / a.height - b.width / b.height) < 0.01;

/**
 * The original follows the result: play, pause, seeks and rate are mirrored, and drift past a tenth of
 * a second while playing is corrected, so both show the frame at the same time position.
 */
function useVideoSync(
  media: 'image' | 'video',
  beforeRef: React.RefObject<HTMLVideoElement | null>,
  afterRef: React.RefObject<HTMLVideoElement | null>,
) {
  useEffect(() => {
    const lead = afterRef.current;
    const follow = beforeRef.current;
    if (media !== 'video' || !lead || !follow) return;
    const align = () => {
      if (Math.abs(follow.currentTime - lead.currentTime) > 0.1) follow.currentTime = lead.currentTime;
    };
    const play = () => {
      align();
      void follow.play().catch(() => undefined);
    };
    const pause = () => {
      follow.pause();
      follow.currentTime = lead.currentTime;
    };
    const rate = () => (follow.playbackRate = lead.playbackRate);
    const events: [string, () => void][] = [
      ['play', play],
      ['pause', pause],
      ['seeked', pause],
      ['seeking', align],
      ['timeupdate', align],
      ['ratechange', rate],
    ];
    for (const [name, handler] of events) lead.addEventListener(name, handler);
    return () => {
      for (const [name, handler] of events) lead.removeEventListener(name, handler);
    };
  }, [media, beforeRef, afterRef]);
}

/** Play/pause and a time scrubber for the result video (the original follows it). */
function VideoControls({
  video,
  seek,
}: {
  video: React.RefObject<HTMLVideoElement | null>;
  seek(time: number): void;
}) {
  const [time, setTime] = useState(0);
  const [duration, setDuration] = useState(0);
  const [playing, setPlaying] = useState(false);
  useEffect(() => {
    const v = video.current;
    if (!v) return;
    const update = () => {
      setTime(v.currentTime);
      setDuration(Number.isFinite(v.duration) ? v.duration : 0);
      setPlaying(!v.paused);
    };
    const names = ['timeupdate', 'loadedmetadata', 'play', 'pause', 'seeked'];
    for (const name of names) v.addEventListener(name, update);
    return () => names.forEach((name) => v.removeEventListener(name, update));
  }, [video]);
  return (
    <div className="compare-video-controls">
      <button
        type="button"
        onClick={() => {
          const v = video.current;
          if (v) void (v.paused ? v.play().catch(() => undefined) : v.pause());
        }}
      >
        {playing ? t('compare_pause') : t('compare_play')}
      </button>
      <input
        type="range"
        aria-label={t('compare_time')}
        min={0}
        max={duration || 0}
        step={0.04}
        value={time}
        onChange={(e) => seek(Number(e.currentTarget.value))}
      />
      <span className="muted">
        {time.toFixed(1)} / {duration.toFixed(1)} s
      </span>
    </div>
  );
}
