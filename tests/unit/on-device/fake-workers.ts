import * as tf from '@tensorflow/tfjs';
import type { TileModel } from '@/utils/on-device/model';
import { createTileWorker } from '@/utils/on-device/tile-worker';
import type { WorkerLike } from '@/utils/on-device/worker-pool';
import type { ToTileWorker } from '@/utils/on-device/worker-protocol';

/**
 * Tile workers for Node tests: each runs the real worker logic (utils/on-device/tile-worker.ts) on the
 * tfjs CPU backend with a given model, behind the same message interface as a Worker. Messages are
 * structured-cloned like postMessage does, and delivered in a later task.
 */
export class FakeWorker extends EventTarget implements WorkerLike {
  readonly received: ToTileWorker[] = [];
  terminated = false;
  /** Tiles started by this worker, with the time each began and ended (for overlap checks). */
  readonly spans: { id: number; start: number; end?: number }[] = [];
  private readonly host: ReturnType<typeof createTileWorker>;

  constructor(
    model: (scale: number) => TileModel,
    private readonly behaviour: {
      failStart?: string;
      crashOnTile?: number;
      silent?: boolean;
      /** The backend start waits for this (a worker slow to start). */
      startGate?: Promise<void>;
    } = {},
  ) {
    super();
    this.host = createTileWorker({
      tf,
      startBackend: async () => {
        await behaviour.startGate;
        if (behaviour.failStart) throw new Error(behaviour.failStart);
        await tf.setBackend('cpu');
      },
      loadModel: async (scale) => model(scale),
    });
  }

  postMessage(message: ToTileWorker): void {
    if (this.terminated) return;
    const copy = structuredClone(message);
    this.received.push(copy);
    setTimeout(() => void this.deliver(copy), 0);
  }

  private async deliver(message: ToTileWorker) {
    if (message.type === 'tile') {
      if (
        this.behaviour.crashOnTile !== undefined &&
        this.received.filter((m) => m.type === 'tile').length > this.behaviour.crashOnTile
      ) {
        this.dispatchEvent(
          Object.assign(new Event('error'), { message: 'Uncaught RangeError: Aborted(OOM)' }),
        );
        return;
      }
      if (this.behaviour.silent) return;
      this.spans.push({ id: message.id, start: performance.now() });
    }
    const { reply } = await this.host.handle(message);
    if (this.terminated) return;
    if (message.type === 'tile') this.spans.at(-1)!.end = performance.now();
    this.dispatchEvent(new MessageEvent('message', { data: structuredClone(reply) }));
  }

  terminate(): void {
    this.terminated = true;
  }
}
