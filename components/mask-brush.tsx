import { useEffect, useLayoutEffect, useRef, useState, type PointerEvent } from 'react';
import type { Point, Stroke } from '@/utils/mask/strokes';
import './mask-brush.css';
import { t } from '@/utils/i18n';

export interface MaskBrushProps {
  src: string;
  strokes: readonly Stroke[];
  onStrokes(strokes: Stroke[]): void;
  /** The brush's width on screen, in CSS pixels. */
  brushSize: number;
  /** The image's own pixel size once it has loaded (the mask is made at this size). */
  onImageSize(size: { width: number; height: number }): void;
  onImageError(): void;
}

/**
 * Paint over an image with the pointer (mouse, pen or touch). Strokes are kept in the image's own pixel
 * coordinates, so the mask does not depend on the size the image is shown at; the overlay shows them in
 * a translucent colour.
 */
export function MaskBrush({ src, strokes, onStrokes, brushSize, onImageSize, onImageError }: MaskBrushProps) {
  const img = useRef<HTMLImageElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [shown, setShown] = useState({ width: 0, height: 0, scale: 1 });
  const [current, setCurrent] = useState<Stroke | null>(null);

  useLayoutEffect(() => {
    const el = img.current;
    if (!el) return;
    const measure = () => {
      const width = el.clientWidth;
      const height = el.clientHeight;
      setShown({ width, height, scale: el.naturalWidth ? width / el.naturalWidth : 1 });
    };
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    el.addEventListener('load', measure);
    return () => {
      observer.disconnect();
      el.removeEventListener('load', measure);
    };
  }, []);

  useEffect(() => {
    const el = canvas.current;
    const context = el?.getContext('2d');
    if (!el || !context) return;
    const ratio = window.devicePixelRatio || 1;
    el.width = Math.round(shown.width * ratio);
    el.height = Math.round(shown.height * ratio);
    context.setTransform(ratio * shown.scale, 0, 0, ratio * shown.scale, 0, 0);
    context.clearRect(0, 0, el.width, el.height);
    // Opaque paint on a translucent canvas: overlapping strokes do not darken, as in the mask itself.
    context.fillStyle = context.strokeStyle = '#ff2d55';
    context.lineCap = context.lineJoin = 'round';
    for (const stroke of current ? [...strokes, current] : strokes) {
      const [first, ...rest] = stroke.points;
      if (!first) continue;
      context.beginPath();
      context.arc(first.x, first.y, stroke.radius, 0, Math.PI * 2);
      context.fill();
      if (!rest.length) continue;
      context.beginPath();
      context.lineWidth = stroke.radius * 2;
      context.moveTo(first.x, first.y);
      for (const p of rest) context.lineTo(p.x, p.y);
      context.stroke();
    }
  }, [strokes, current, shown]);

  const toImage = (event: PointerEvent<HTMLCanvasElement>): Point => {
    const box = event.currentTarget.getBoundingClientRect();
    return { x: (event.clientX - box.left) / shown.scale, y: (event.clientY - box.top) / shown.scale };
  };

  return (
    <div className="mask-brush">
      <img
        ref={img}
        src={src}
        alt={t('mask_brush_image')}
        draggable={false}
        onLoad={(e) =>
          onImageSize({ width: e.currentTarget.naturalWidth, height: e.currentTarget.naturalHeight })
        }
        onError={onImageError}
      />
      <canvas
        ref={canvas}
        aria-label={t('mask_brush_canvas')}
        style={{ width: shown.width, height: shown.height }}
        onPointerDown={(event) => {
          if (event.button !== 0) return;
          event.currentTarget.setPointerCapture(event.pointerId);
          setCurrent({ radius: brushSize / 2 / shown.scale, points: [toImage(event)] });
          event.preventDefault();
        }}
        onPointerMove={(event) => {
          if (!current) return;
          const p = toImage(event);
          const last = current.points[current.points.length - 1]!;
          // Points closer than a screen pixel add nothing to the stroke.
          if (Math.hypot(p.x - last.x, p.y - last.y) * shown.scale < 1) return;
          setCurrent({ ...current, points: [...current.points, p] });
        }}
        onPointerUp={() => {
          if (current) onStrokes([...strokes, current]);
          setCurrent(null);
        }}
        onPointerCancel={() => setCurrent(null)}
      />
    </div>
  );
}
