/** A one-shot replacement for the answer to the next request on a path. */
export interface Fault {
  /** HTTP status to send (default 500). */
  status?: number;
  /** Body to send: an object is JSON, a string goes out verbatim. Default: the provider's usual body for the status. */
  body?: unknown;
  /** Never answer; the socket stays open until the client aborts or the emulator closes. */
  hang?: true;
  /**
   * Process the request normally first (a submit creates its job and charges), then send the
   * fault instead of the real answer: "the request took effect but the response was lost".
   */
  commit?: boolean;
}

/**
 * Queues of faults by path, consumed in order. A path is exact (`/api/task-status`) or a pattern
 * (`/^\/api\/jobs\/\d+\/$/`); an exact queue with a fault left wins over the patterns, which are
 * tried in the order they were first added.
 */
export class FaultQueue {
  private readonly exact = new Map<string, Fault[]>();
  private readonly patterns: { pattern: RegExp; queue: Fault[] }[] = [];

  add(path: string | RegExp, fault: Fault, times: number): void {
    let queue: Fault[];
    if (typeof path === 'string') {
      queue = this.exact.get(path) ?? [];
      this.exact.set(path, queue);
    } else {
      const found = this.patterns.find(
        (p) => p.pattern.source === path.source && p.pattern.flags === path.flags,
      );
      queue = found?.queue ?? [];
      if (!found) this.patterns.push({ pattern: path, queue });
    }
    for (let i = 0; i < times; i++) queue.push(fault);
  }

  take(path: string): Fault | undefined {
    const exact = this.exact.get(path)?.shift();
    if (exact) return exact;
    for (const { pattern, queue } of this.patterns) {
      pattern.lastIndex = 0;
      if (queue.length > 0 && pattern.test(path)) return queue.shift();
    }
    return undefined;
  }
}
