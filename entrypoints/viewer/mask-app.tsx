import { useState } from 'react';
import { MaskBrush } from '@/components/mask-brush';
import { drawMask, pngDataUrl } from '@/utils/mask/drawn-mask';
import type { Stroke } from '@/utils/mask/strokes';
import { maskMessaging, readMaskEditorQuery } from '@/utils/messages/mask';
import { drawnMaskTitle } from '@/utils/provider-catalogue';
import './viewer.css';
import { t } from '@/utils/i18n';

type Status = { kind: 'idle' } | { kind: 'sending' } | { kind: 'sent' } | { kind: 'error'; message: string };

/**
 * Mask mode: paint over the clicked image what should go, then Remove sends the job with the mask
 * (a PNG the image's size, white where painted). The result replaces the image in its page.
 */
export function MaskApp({ search }: { search: string }) {
  const query = readMaskEditorQuery(search);
  const title = query ? drawnMaskTitle(query.menuItemId) : undefined;
  const [strokes, setStrokes] = useState<Stroke[]>([]);
  const [brush, setBrush] = useState(32);
  const [size, setSize] = useState<{ width: number; height: number }>();
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [unreadable, setUnreadable] = useState(false);
  if (!query || !title) return <main className="viewer">{t('mask_link_incomplete')}</main>;

  const edit = (next: Stroke[]) => {
    setStrokes(next);
    if (status.kind !== 'sending') setStatus({ kind: 'idle' });
  };

  async function remove() {
    if (!query || !size) return;
    if (!strokes.length) return setStatus({ kind: 'error', message: t('mask_nothing_drawn') });
    const mask = await drawMask(strokes, size.width, size.height);
    if (!mask.marked) return setStatus({ kind: 'error', message: t('mask_nothing_drawn') });
    setStatus({ kind: 'sending' });
    const reply = await maskMessaging
      .sendMessage('maskSubmit', { ...query, mask: pngDataUrl(mask.png) })
      .catch(() => ({ ok: false as const, message: t('mask_no_answer') }));
    setStatus(reply.ok ? { kind: 'sent' } : { kind: 'error', message: reply.message });
  }

  return (
    <main className="viewer mask-mode">
      <header>
        <h1>{title}</h1>
        <span className="muted">
          {t('mask_paint_hint')}
          {size ? ` · ${t('size_wh', [size.width, size.height])}` : ''}
        </span>
      </header>
      <div className="toolbar">
        <label className="brush-size">
          {t('mask_brush_size')}
          <input
            type="range"
            min={4}
            max={160}
            value={brush}
            onChange={(e) => setBrush(Number(e.currentTarget.value))}
          />
        </label>
        <button onClick={() => edit(strokes.slice(0, -1))} disabled={!strokes.length}>
          {t('mask_undo')}
        </button>
        <button onClick={() => edit([])} disabled={!strokes.length}>
          {t('mask_clear')}
        </button>
        <button
          className="primary"
          onClick={() => void remove()}
          disabled={!size || status.kind === 'sending' || status.kind === 'sent'}
        >
          {t('mask_remove')}
        </button>
      </div>
      {status.kind === 'error' && (
        <p className="notice bad" role="alert">
          {status.message}
        </p>
      )}
      {status.kind === 'sending' && <p className="notice">{t('mask_sending')}</p>}
      {status.kind === 'sent' && (
        <p className="notice ok" role="status">
          {t('mask_sent')}
        </p>
      )}
      {unreadable ? (
        <p className="notice bad" role="alert">
          {t('mask_unreadable')}
        </p>
      ) : (
        <MaskBrush
          src={query.srcUrl}
          strokes={strokes}
          onStrokes={edit}
          brushSize={brush}
          onImageSize={setSize}
          onImageError={() => setUnreadable(true)}
        />
      )}
    </main>
  );
}
