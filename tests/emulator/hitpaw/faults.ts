/** A one-shot replacement for the answer to the next request on a path. */
export interface Fault {
  /** HTTP status to send (default 500). */
  status?: number;
  /** Body to send: an object is JSON, a string goes out verbatim. Default: the documented envelope for the status. */
  body?: unknown;
  /** Never answer; the socket stays open until the client aborts or the emulator closes. */
  hang?: true;
  /**
   * Process the request normally first (a submit creates its job and charges coins), then send the
   * fault instead of the real answer: "the request took effect but the response was lost".
   */
  commit?: boolean;
}

/** Queues of faults by path (`/api/photo-enhancer`, `/api/task-status`, …), consumed in order. */
export class FaultQueue {
  private readonly queues = new Map<string, Fault[]>();

  add(path: string, fault: Fault, times: number): void {
    const queue = this.queues.get(path) ?? [];
    for (let i = 0; i < times; i++) queue.push(fault);
    this.queues.set(path, queue);
  }

  take(path: string): Fault | undefined {
    return this.queues.get(path)?.shift();
  }
}
