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
export class FaultQueue<F = Fault> {
  private readonly exact = new Map<string, F[]>();
  private readonly patterns: { pattern: RegExp; queue: F[] }[] = [];

  add(path: string | RegExp, fault: F, times: number): void {
    let queue: F[];
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

  take(path: string): F | undefined {
    const exact = this.exact.get(path)?.shift();
    if (exact) return exact;
    for (const { pattern, queue } of this.patterns) {
      pattern.lastIndex = 0;
      if (queue.length > 0 && pattern.test(path)) return queue.shift();
    }
    return undefined;
  }
}

/**
 * Faults of the network path rather than of a provider's logic, for any host (a provider's API or the
 * CDN): what a proxy, a broken server or a hostile one does to an answer. Applied by the server before
 * (redirect, replace) or around (stall, announce, flood) the host's own answer.
 */
export type TransportFault =
  /** Answer with a redirect instead: the host never sees the request. */
  | { kind: 'redirect'; status?: 301 | 302 | 303 | 307 | 308; location: string }
  /** Answer with this instead (e.g. an HTML sign-in page where an image was expected). */
  | { kind: 'replace'; status?: number; type: string; body: string | Buffer }
  /** The host's answer, but its body stops after `afterBytes` bytes and the connection stays open. */
  | { kind: 'stall'; afterBytes: number }
  /** The host's answer announcing `contentLength` bytes (e.g. 2 GB); after the real bytes it stalls. */
  | { kind: 'announce'; contentLength: number }
  /** The host's answer without a length, its body repeated for as long as the client reads. */
  | { kind: 'flood' };

/** Transport faults by host, then by path (exact or pattern, as FaultQueue). */
export class TransportFaults {
  private readonly hosts = new Map<string, FaultQueue<TransportFault>>();

  inject(host: string, path: string | RegExp, fault: TransportFault, times = 1): void {
    const queue = this.hosts.get(host) ?? new FaultQueue<TransportFault>();
    this.hosts.set(host, queue);
    queue.add(path, fault, times);
  }

  take(host: string, path: string): TransportFault | undefined {
    return this.hosts.get(host)?.take(path);
  }
}
