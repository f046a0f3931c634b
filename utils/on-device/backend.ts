/**
 * Choosing the tfjs backend at run time. WebGPU and WebGL are the fast path on people's machines but can
 * fail to start (no adapter, blocklisted GPU, software rendering) or run out of texture size / GPU memory
 * on a tile; WebAssembly always works, only slower. The tf object is injected so tests use a fake.
 */

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

export const DEFAULT_BACKEND_ORDER: readonly BackendName[] = ['webgpu', 'webgl', 'wasm'];

/** The part of `@tensorflow/tfjs` this module needs. */
export interface BackendTf {
  setBackend(name: string): Promise<boolean>;
  ready(): Promise<void>;
  getBackend(): string;
}

/** Registers or configures a backend just before it is tried (lazy imports, wasm paths, flags). */
export type PrepareBackend = (name: BackendName) => Promise<void> | void;

export interface BackendFailure {
  name: BackendName;
  reason: string;
}

export interface BackendChoice {
  name: BackendName;
  /** The candidates tried before it, with why they failed (shown in Options, logged). */
  failures: BackendFailure[];
}

export class NoBackendError extends Error {
  constructor(readonly failures: BackendFailure[]) {
    super(`No on-device backend could start (${failures.map((f) => `${f.name}: ${f.reason}`).join('; ')}).`);
    this.name = 'NoBackendError';
  }
}

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export async function chooseBackend(
  tf: BackendTf,
  candidates: readonly BackendName[] = DEFAULT_BACKEND_ORDER,
  { prepare }: { prepare?: PrepareBackend } = {},
): Promise<BackendChoice> {
  const failures: BackendFailure[] = [];
  for (const name of candidates) {
    try {
      await prepare?.(name);
      // tfjs returns false (and only logs) when a registered backend's factory fails; it throws when the
      // name is not registered at all. Both mean: try the next one.
      if (!(await tf.setBackend(name))) throw new Error('failed to initialise');
      await tf.ready();
      return { name, failures };
    } catch (error) {
      failures.push({ name, reason: reasonOf(error) });
    }
  }
  throw new NoBackendError(failures);
}

/**
 * Errors that mean "this backend cannot hold this tile", as opposed to a bug or a bad model: the messages
 * tfjs-backend-webgl ("Requested texture size … greater than WebGL maximum"), WebGPU (buffer or device
 * limits, device lost) and Emscripten/V8 (Aborted(OOM), Memory.grow) use.
 */
const RESOURCE_ERROR =
  /texture size|out of memory|\bOOM\b|context (?:was )?lost|device (?:was )?lost|maxStorageBufferBindingSize|maxBufferSize|enlarge memory|maximum memory size|memory\.grow|array buffer allocation failed|failed to allocate/i;

export function isResourceError(error: unknown): boolean {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return RESOURCE_ERROR.test(text);
}

/**
 * Runs `run` (one tile) and, when the current backend runs out of texture size or memory, switches to the
 * next backend in `order` and runs it again there. Each switch moves strictly later in the order, so
 * this ends; any other error, or running out of backends, is rethrown as it was.
 */
export async function withTextureFallback<T>(
  tf: BackendTf,
  run: () => Promise<T>,
  {
    order = DEFAULT_BACKEND_ORDER,
    prepare,
    onSwitch,
  }: {
    order?: readonly BackendName[];
    prepare?: PrepareBackend;
    /** Called after a switch, before the retry: drop models and caches that lived on the old backend. */
    onSwitch?: (choice: BackendChoice, cause: unknown) => Promise<void> | void;
  } = {},
): Promise<T> {
  for (;;) {
    try {
      return await run();
    } catch (error) {
      if (!isResourceError(error)) throw error;
      const at = order.indexOf(tf.getBackend() as BackendName);
      const rest = at < 0 ? [] : order.slice(at + 1);
      if (rest.length === 0) throw error;
      let choice: BackendChoice;
      try {
        choice = await chooseBackend(tf, rest, { prepare });
      } catch {
        throw error; // the tile's own error says more than "no other backend started"
      }
      await onSwitch?.(choice, error);
    }
  }
}
