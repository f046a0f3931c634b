import type { BackendTf } from '@/utils/on-device/backend';

/**
 * A tfjs stand-in for backend choice: each backend either starts, reports failure (setBackend → false,
 * what tfjs does when a registered backend's factory throws), or throws (an unregistered name).
 */
export type BackendBehaviour = 'ok' | 'false' | 'throw';

export function fakeBackendTf(behaviour: Record<string, BackendBehaviour>) {
  const calls: string[] = [];
  let current = '';
  const tf: BackendTf = {
    async setBackend(name) {
      calls.push(`setBackend:${name}`);
      const how = behaviour[name];
      if (how === undefined || how === 'throw')
        throw new Error(`Backend name '${name}' not found in registry`);
      if (how === 'false') return false;
      current = name;
      return true;
    },
    async ready() {
      calls.push(`ready:${current}`);
    },
    getBackend: () => current,
  };
  return { tf, calls, current: () => current };
}
