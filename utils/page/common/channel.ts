import type { MessageSender, PageRuntime, RuntimeListener } from './extension-api';

/**
 * Typed request/response for the injected code, in a few lines instead of a messaging library. The wire
 * format is the one @webext-core/messaging uses, which the background keeps: a request is
 * `{ id, type, data, timestamp }`, its answer `{ res }` or `{ err: { name, message, stack } }` (read back
 * as an Error there). The data arrives unchecked (`unknown`): every handler checks it itself.
 */
export type Handlers<P> = {
  [K in keyof P]?: P[K] extends (...args: never[]) => infer R
    ? (data: unknown, sender: MessageSender) => R | Promise<R>
    : never;
};

interface Request {
  id: number;
  type: string;
  data: unknown;
  timestamp: number;
}

const isRequest = (message: unknown): message is Request =>
  typeof message === 'object' &&
  message !== null &&
  typeof (message as Request).type === 'string' &&
  typeof (message as Request).timestamp === 'number';

/**
 * Answers the messages `handlers` names when they come (own keys only: a type such as `constructor` finds
 * nothing; handlers added later count) and leaves every other message to other listeners. A sender
 * `trusted` refuses gets an error. Returns the function that stops listening.
 */
export function listen<P>(
  runtime: PageRuntime,
  handlers: Handlers<P>,
  trusted: (sender: MessageSender) => boolean = () => true,
): () => void {
  const listener: RuntimeListener = (message, sender, respond) => {
    if (!isRequest(message) || !Object.hasOwn(handlers, message.type)) return false;
    const handle = handlers[message.type as keyof P] as (data: unknown, sender: MessageSender) => unknown;
    Promise.resolve()
      .then(() => {
        if (!trusted(sender)) throw new Error('Refused a message from an untrusted sender.');
        return handle(message.data, sender);
      })
      .then(
        (res) => respond({ res }),
        (error: unknown) => {
          const message = error instanceof Error ? error.message : String(error);
          respond({ err: { name: 'Error', message, stack: '' } });
        },
      );
    return true;
  };
  runtime.onMessage.addListener(listener);
  return () => runtime.onMessage.removeListener(listener);
}

let nextId = Math.floor(Math.random() * 10_000);

/** Sends one message to the extension (the background); resolves with its answer, rejects on an error. */
export async function send<P, K extends keyof P & string>(
  runtime: PageRuntime,
  type: K,
  ...[data]: P[K] extends (data: infer D) => unknown ? [data: D] : [data?: undefined]
): Promise<unknown> {
  const answer = (await runtime.sendMessage({ id: nextId++, type, data, timestamp: Date.now() })) as
    { res?: unknown; err?: { message?: unknown } } | undefined;
  if (!answer) throw new Error('No response.');
  if (answer.err) throw new Error(String(answer.err.message));
  return answer.res;
}
