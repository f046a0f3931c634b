import { z } from 'zod';
import {
  backdropSchema,
  cutoutBackdrop,
  historyDays,
  historyDaysSchema,
  notifyWhenDone,
  onDeviceBackend,
  tensorpixPreview,
} from '@/utils/storage';
import { useSetting } from './use-setting';

const PRESETS = ['checkerboard', 'transparent', 'white'] as const;
const booleanSchema = z.boolean();

/** How the transparent part of a cut-out shows in the page; the result file itself is never changed. */
export function BackdropField() {
  const [backdrop, setBackdrop] = useSetting(cutoutBackdrop, backdropSchema);
  const custom = !PRESETS.includes(backdrop as (typeof PRESETS)[number]);
  return (
    <div className="setting">
      <label htmlFor="backdrop">Background behind cut-outs</label>
      <select
        id="backdrop"
        value={custom ? 'colour' : backdrop}
        onChange={(event) =>
          setBackdrop(event.target.value === 'colour' ? '#2f6fed' : (event.target.value as never))
        }
      >
        <option value="checkerboard">Checkerboard</option>
        <option value="transparent">Transparent (the page shows through)</option>
        <option value="white">White</option>
        <option value="colour">A colour…</option>
      </select>
      {custom && (
        <input
          type="color"
          aria-label="Cut-out background colour"
          value={backdrop}
          onChange={(event) => setBackdrop(event.target.value)}
        />
      )}
      <p className="muted">Applies in the page only; downloads keep their transparency.</p>
    </div>
  );
}

export function PreviewField() {
  const [preview, setPreview] = useSetting(tensorpixPreview, booleanSchema);
  return (
    <div className="setting">
      <label>
        <input type="checkbox" checked={preview} onChange={(event) => setPreview(event.target.checked)} />{' '}
        TensorPix free preview mode
      </label>
      <p className="muted">
        Enhances only a short, watermarked segment and costs nothing — to try a model before paying for the
        whole video.
      </p>
    </div>
  );
}

const BACKEND_NAMES: Record<string, string> = {
  webgpu: 'WebGPU (graphics card)',
  webgl: 'WebGL (graphics card)',
  wasm: 'WebAssembly (processor)',
  cpu: 'plain JavaScript (processor, slowest)',
};
const backendSchema = z.string().nullable();

/** Which backend the on-device engine chose (WebGPU, then WebGL, then WebAssembly), once it has run. */
export function BackendField() {
  const [backend] = useSetting(onDeviceBackend, backendSchema);
  return (
    <p className="setting" aria-label="On-device engine backend">
      Engine backend: <strong>{backend ? (BACKEND_NAMES[backend] ?? backend) : 'not started yet'}</strong>
      {backend ? ' (last used)' : ' — it starts the first time you choose an “On device” action.'}
    </p>
  );
}

/** A browser notification when a job ends while its tab is not in front. */
export function NotifyField() {
  const [notify, setNotify] = useSetting(notifyWhenDone, booleanSchema);
  return (
    <div className="setting">
      <label>
        <input type="checkbox" checked={notify} onChange={(event) => setNotify(event.target.checked)} />{' '}
        Notify when a job finishes
      </label>
      <p className="muted">
        Only when you are looking at another tab or window; the toolbar badge shows it either way.
      </p>
    </div>
  );
}

/** Finished jobs (and their kept copies) are removed after this many days; 0 keeps them. */
export function HistoryDaysField() {
  const [days, setDays] = useSetting(historyDays, historyDaysSchema);
  return (
    <div className="setting">
      <label htmlFor="history-days">Remove finished jobs after (days)</label>
      <input
        id="history-days"
        type="number"
        min={0}
        max={3650}
        step={1}
        value={days}
        onChange={(event) => {
          const value = event.target.valueAsNumber;
          if (Number.isInteger(value) && value >= 0 && value <= 3650) setDays(value);
        }}
      />
      <p className="muted">0 keeps them until you clear them (the popup has “Clear finished”).</p>
    </div>
  );
}
