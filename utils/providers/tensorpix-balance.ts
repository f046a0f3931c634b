import { z } from 'zod';
import { tensorpixRequest, type TensorpixCall } from './tensorpix-api';

/**
 * TensorPix's documented balance call (https://docs.tensorpix.ai/essentials/credits):
 * `GET /api/accounts/profile/balance/` → `{"balance_usd": "<decimal>"}`, a decimal string with at most
 * four places. Despite the field's name the docs call the amount Credits, the unit jobs are priced in.
 * It needs the key, so it doubles as the key test; it costs nothing.
 */
/** Relative to the API base (the client's prefix URL), like the other TensorPix paths. */
export const TENSORPIX_BALANCE_PATH = 'api/accounts/profile/balance/';

const DECIMAL = /^-?\d{0,10}(?:\.\d{0,4})?$/;
const balanceSchema = z.object({
  balance_usd: z.union([
    z
      .string()
      .trim()
      .regex(DECIMAL)
      .refine((text) => /\d/.test(text), 'no digits'),
    z.number().finite(),
  ]),
});

/** The account's credits, as a number (a tolerant reader: the documented string, or a plain number). */
export async function readTensorpixBalance(call: TensorpixCall): Promise<number> {
  const body = await tensorpixRequest('get', TENSORPIX_BALANCE_PATH, balanceSchema, call);
  return Number(body.balance_usd);
}
