import { useState } from 'react';
import { MaskBrush } from '@/components/mask-brush';
import { drawMask, pngDataUrl } from '@/utils/mask/drawn-mask';
import type { Stroke } from '@/utils/mask/strokes';
import { maskMessaging, readMaskEditorQuery } from '@/utils/messages/mask';
import { drawnMaskTitle } from '@/utils/provider-catalogue';
import './viewer.css';

type Status = { kind: 'idle' } | { kind: 'sending' } | { kind: 'sent' } | { kind: 'error'; message: string };

const NOTHING_DRAWN = 'Nothing is marked yet: paint over what to remove, then press Remove.';

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
  if (!query || !title)
    return (
      <main className="viewer">
        This mask editor link is incomplete. Choose the operation from the image’s menu again.
      </main>
    );

  const edit = (next: Stroke[]) => {
    setStrokes(next);
    if (status.kind !== 'sending') setStatus({ kind: 'idle' });
  };

  async function remove() {
    if (!query || !size) return;
    if (!strokes.length) return setStatus({ kind: 'error', message: NOTHING_DRAWN });
    const mask = await drawMask(strokes, size.width, size.height);
    if (!mask.marked) return setStatus({ kind: 'error', message: NOTHING_DRAWN });
    setStatus({ kind: 'sending' });
    const reply = await maskMessaging
      .sendMessage('maskSubmit', { ...query, mask: pngDataUrl(mask.png) })
      .catch(() => ({ ok: false as const, message: 'The extension did not answer; try again.' }));
    setStatus(reply.ok ? { kind: 'sent' } : { kind: 'error', message: reply.message });
  }

  return (
    <main className="viewer mask-mode">
      <header>
        <h1>{title}</h1>
        <span className="muted">
          Paint over what to remove{size ? ` · ${size.width}×${size.height}` : ''}
        </span>
      </header>
      <div className="toolbar">
        <label className="brush-size">
          Brush size
          <input
            type="range"
            min={4}
            max={160}
            value={brush}
            onChange={(e) => setBrush(Number(e.currentTarget.value))}
          />
        </label>
        <button onClick={() => edit(strokes.slice(0, -1))} disabled={!strokes.length}>
          Undo
        </button>
        <button onClick={() => edit([])} disabled={!strokes.length}>
          Clear
        </button>
        <button
          className="primary"
          onClick={() => void remove()}
          disabled={!size || status.kind === 'sending' || status.kind === 'sent'}
        >
          Remove
        </button>
      </div>
      {status.kind === 'error' && (
        <p className="notice bad" role="alert">
          {status.message}
        </p>
      )}
      {status.kind === 'sending' && <p className="notice">Sending…</p>}
      {status.kind === 'sent' && (
        <p className="notice ok" role="status">
          Sent. The result will replace the image on its page; progress is in the toolbar popup.
        </p>
      )}
      {unreadable ? (
        <p className="notice bad" role="alert">
          This image cannot be shown here (the page made it for itself), so no mask can be drawn on it.
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
