/**
 * How many tile workers the offscreen document may run: one per core, capped by memory. Each worker
 * holds its own tfjs WebAssembly heap and model; measured peak ≈ 150 MB per worker for 256-px tiles at
 * 2× (its heap only grows). The cap keeps all workers within a quarter of the device's memory as the
 * browser reports it (navigator.deviceMemory: rounded, at most 8 GB; absent outside Chromium), and
 * never above MAX_TILE_WORKERS, past which a 16 MP job has too few tiles per worker to gain more.
 */
export const WORKER_MEMORY_MB = 250;
export const MAX_TILE_WORKERS = 8;

export function workerCount({ cores, deviceMemoryGb }: { cores?: number; deviceMemoryGb?: number }): number {
  const byCores = Number.isInteger(cores) && cores! > 0 ? cores! : 1;
  const byMemory =
    typeof deviceMemoryGb === 'number' && deviceMemoryGb > 0
      ? Math.floor((deviceMemoryGb * 1024) / 4 / WORKER_MEMORY_MB)
      : MAX_TILE_WORKERS;
  return Math.max(1, Math.min(byCores, byMemory, MAX_TILE_WORKERS));
}
