import { useEffect, useState } from 'react';
import type { z } from 'zod';

interface Item<T> {
  getValue(): Promise<T>;
  setValue(value: T): Promise<void>;
  watch(callback: (value: T) => void): () => void;
  fallback: T;
}

/** A stored setting as React state: read (zod-checked, falling back on a bad value), watched, written. */
export function useSetting<T>(item: Item<T>, schema: z.ZodType<T>): [T, (value: T) => void] {
  const [value, setValue] = useState<T>(item.fallback);
  useEffect(() => {
    const accept = (raw: unknown) => {
      const parsed = schema.safeParse(raw);
      setValue(parsed.success ? parsed.data : item.fallback);
    };
    void item.getValue().then(accept);
    return item.watch(accept);
  }, [item, schema]);
  return [value, (next: T) => void item.setValue(next)];
}
