import { menuId } from './providers';
import type { CredentialId } from './providers/types';

/**
 * What a person needs to know about each paid provider before adding a key: where keys are made, what
 * things cost, and whether the provider's API can tell the key's balance. The adapters know how to talk
 * to a provider; this file only says where a person goes.
 */
export interface CatalogueEntry {
  /** The provider's name as Options shows it. */
  name: string;
  /** The page where a key is created (or the page that says where). */
  keyPage: string;
  /** Where on the provider's site the key is made, in the provider's own words. */
  keySteps: string;
  /** The provider's own page about prices (or, where none is published, about plans). */
  pricePage: string;
  /**
   * How "Test key" can show what is left on the account: `api` when the provider documents a balance
   * call (read by utils/key-balance.ts), otherwise the page where the person can see it.
   */
  balance: { kind: 'api' } | { kind: 'page'; url: string };
}

export const PROVIDER_CATALOGUE: Record<CredentialId, CatalogueEntry> = {
  // https://developer.hitpaw.com/faq: keys are made in the API Keys section of the platform; the
  // coin balance is shown there too (the API documents no balance call, only `consume_coins` per job).
  hitpaw: {
    name: 'HitPaw',
    keyPage: 'https://platform.hitpaw.com/',
    keySteps: 'Log in to the HitPaw API Platform, then open API Keys.',
    pricePage: 'https://developer.hitpaw.com/get-started/pricing',
    balance: { kind: 'page', url: 'https://platform.hitpaw.com/' },
  },
  // EnhanceCraft publishes one API page: keys are made under Settings → API Keys (Pro tier or higher);
  // its tier table (requests per minute and month) is the only plan information published, and the API
  // has no balance call.
  enhancecraft: {
    name: 'EnhanceCraft',
    keyPage: 'https://ai-image-enhancer-2z6.pages.dev/docs/api',
    keySteps: 'Sign in (Pro tier or higher), open Settings → API Keys, then Create API Key.',
    pricePage: 'https://ai-image-enhancer-2z6.pages.dev/docs/api',
    balance: { kind: 'page', url: 'https://ai-image-enhancer-2z6.pages.dev/docs/api' },
  },
  // https://docs.tensorpix.ai/essentials/authentication: Settings → "For Developers" makes the key;
  // https://docs.tensorpix.ai/essentials/credits: GET /api/accounts/profile/balance/ tells the balance.
  tensorpix: {
    name: 'TensorPix',
    keyPage: 'https://app.tensorpix.ai/profile',
    keySteps: 'Open Settings, then the For Developers section (not every plan includes API access).',
    pricePage: 'https://tensorpix.ai/pricing',
    balance: { kind: 'api' },
  },
};

/**
 * Cloud operations the on-device engine can do as well, menu id → on-device menu id: plain upscaling by
 * the same factor and background removal (on device it is tuned for people). Face models, denoising,
 * generative models and video have no on-device counterpart.
 */
const ON_DEVICE_INSTEAD: Record<string, string> = {
  [menuId('hitpaw-photo', 'general_2x')]: menuId('on-device', 'upscale-2x'),
  [menuId('hitpaw-photo', 'high_fidelity_2x')]: menuId('on-device', 'upscale-2x'),
  [menuId('hitpaw-photo', 'general_4x')]: menuId('on-device', 'upscale-4x'),
  [menuId('hitpaw-photo', 'high_fidelity_4x')]: menuId('on-device', 'upscale-4x'),
  [menuId('hitpaw-segmentation', 'matting')]: menuId('on-device', 'remove-background'),
  [menuId('enhancecraft', 'enhance-2x')]: menuId('on-device', 'upscale-2x'),
  [menuId('enhancecraft', 'enhance-4x')]: menuId('on-device', 'upscale-4x'),
  [menuId('enhancecraft', 'remove-background')]: menuId('on-device', 'remove-background'),
};

/** The on-device menu id that does what `menuItemId` does, if there is one. */
export function onDeviceInstead(menuItemId: string): string | undefined {
  return Object.hasOwn(ON_DEVICE_INSTEAD, menuItemId) ? ON_DEVICE_INSTEAD[menuItemId] : undefined;
}
