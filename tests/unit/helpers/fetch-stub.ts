import { readFileSync } from 'node:fs';
import { vi } from 'vitest';

/** A recorded answer: `body` is sent as JSON, `text` as-is; `headers` are added to the response. */
export interface Recorded {
  status: number;
  body?: unknown;
  text?: string;
  headers?: Record<string, string>;
}

export interface SeenRequest {
  url: string;
  method: string;
  headers: Headers;
  body: unknown;
}

export function fixture(name: string): Recorded {
  return JSON.parse(
    readFileSync(new URL(`../../fixtures/recorded/${name}`, import.meta.url), 'utf8'),
  ) as Recorded;
}

export function toResponse(answer: Recorded): Response {
  const text = answer.text ?? JSON.stringify(answer.body);
  return new Response(text, {
    status: answer.status,
    headers: { 'content-type': 'application/json', ...answer.headers },
  });
}

/**
 * Replaces global fetch for one test: answers come from `respond` (recorded fixtures), every request is
 * kept so tests can assert what left, and how often.
 */
export function stubFetch(
  respond: (request: SeenRequest, index: number) => Recorded | Promise<Recorded> | Error,
) {
  const seen: SeenRequest[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: Request | string, init?: RequestInit) => {
      const request = input instanceof Request ? input : new Request(input, init);
      const raw = await request.text();
      let body: unknown = raw;
      try {
        body = JSON.parse(raw);
      } catch {
        // not JSON: keep the text
      }
      const entry = { url: request.url, method: request.method, headers: request.headers, body };
      seen.push(entry);
      const answer = await respond(entry, seen.length - 1);
      if (answer instanceof Error) throw answer;
      return toResponse(answer);
    }),
  );
  return seen;
}
