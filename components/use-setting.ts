import { useEffect, useState } from 'react';
import type { z } from 'zod';

interface Item<T> {
  getValue(): Promise<T>;
  setValue(value: T): Promise<void>;
  watch(callback: (value: T) => void): () => void;
  fallback: T;
}

/** A stored value, zod-checked; a bad one reads as the setting's fallback. */
function read<T>(item: Item<T>, schema: z.ZodType<T>, raw: unknown): T {
  const parsed = schema.safeParse(raw);
  return parsed.success ? parsed.data : item.fallback;
}

/**
 * A stored setting as React state: read, watched, written. A change shows at once (a controlled
 * checkbox must not snap back while storage catches up); storage stays the truth: its echo settles the
 * value, and a write that fails puts back what storage holds.
 */
export function useSetting<T>(item: Item<T>, schema: z.ZodType<T>): [T, (value: T) => void] {
  const [value, setValue] = useState<T>(item.fallback);
  useEffect(() => {
    const accept = (raw: unknown) => setValue(read(item, schema, raw));
    void item.getValue().then(accept);
    return item.watch(accept);
  }, [item, schema]);
  const change = (next: T) => {
    setValue(next);
    item.setValue(next).catch(async () => setValue(read(item, schema, await item.getValue())));
  };
  return [value, change];
}
