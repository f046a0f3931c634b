import { ProviderError } from '../errors';
import type { ProviderContext } from './types';

/**
 * HitPaw renamed models between doc versions (older `sharpen_denoise`, `generative`, `face_soft`…;
 * current `sharpen_denoise_1x`, `generative_1x`, `face_soft_2x`…). Submit with the spelling that
 * worked last time (default: the current name); on 110400005 try the other spelling once — a rejected
 * name created no job, so the second POST cannot charge twice — and remember the one that worked.
 */
export async function submitWithAlias<T>(
  id: string,
  alias: string | undefined,
  ctx: ProviderContext,
  run: (model: string) => Promise<T>,
): Promise<{ data: T; model: string }> {
  const model = (await ctx.memory.get(`model:${id}`)) ?? id;
  try {
    return { data: await run(model), model };
  } catch (error) {
    const unsupported = error instanceof ProviderError && error.kind === 'unsupported_model';
    if (!unsupported || !alias) throw error;
    const other = model === id ? alias : id;
    const data = await run(other);
    await ctx.memory.set(`model:${id}`, other);
    return { data, model: other };
  }
}

export const coins = (amount: number | undefined) =>
  amount === undefined ? undefined : { unit: 'coins' as const, amount };
