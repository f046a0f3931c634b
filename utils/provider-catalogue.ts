import { t } from './i18n';
import { menuId } from './menu-id';
import { ON_DEVICE_OPERATIONS } from './on-device/operations';
import type { CredentialId, ProviderId } from './providers/types';

/**
 * What the extension's pages (popup, Options, viewer, first-run) need to know about the providers, so
 * that none of them loads an adapter (a lint zone in eslint.config.js holds them to it): for each paid
 * provider, where keys are made, what things cost, and whether the provider's API can tell the key's
 * balance; and the few abilities a page shows (below). The adapters know how to talk to a provider; this
 * file only says what a person sees. tests/unit/provider-catalogue.test.ts holds it to the adapters.
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
   * call (read in the background by entrypoints/background/key-test.ts), otherwise the page where the
   * person can see it.
   */
  balance: { kind: 'api' } | { kind: 'page'; url: string };
}

export const PROVIDER_CATALOGUE: Record<CredentialId, CatalogueEntry> = {
  // https://developer.hitpaw.com/faq: keys are made in the API Keys section of the platform; the
  // coin balance is shown there too (the API documents no balance call, only `consume_coins` per job).
  hitpaw: {
    name: 'HitPaw',
    keyPage: 'https://platform.hitpaw.com/',
    keySteps: t('key_steps_hitpaw'),
    pricePage: 'https://developer.hitpaw.com/get-started/pricing',
    balance: { kind: 'page', url: 'https://platform.hitpaw.com/' },
  },
  // EnhanceCraft publishes one API page: keys are made under Settings → API Keys (Pro tier or higher);
  // its tier table (requests per minute and month) is the only plan information published, and the API
  // has no balance call.
  enhancecraft: {
    name: 'EnhanceCraft',
    keyPage: 'https://ai-image-enhancer-2z6.pages.dev/docs/api',
    keySteps: t('key_steps_enhancecraft'),
    pricePage: 'https://ai-image-enhancer-2z6.pages.dev/docs/api',
    balance: { kind: 'page', url: 'https://ai-image-enhancer-2z6.pages.dev/docs/api' },
  },
  // https://docs.tensorpix.ai/essentials/authentication: Settings → "For Developers" makes the key;
  // https://docs.tensorpix.ai/essentials/credits: GET /api/accounts/profile/balance/ tells the balance.
  tensorpix: {
    name: 'TensorPix',
    keyPage: 'https://app.tensorpix.ai/profile',
    keySteps: t('key_steps_tensorpix'),
    pricePage: 'https://tensorpix.ai/pricing',
    balance: { kind: 'api' },
  },
};

/** The credentials, in the order Options lists their keys, and their names as a person reads them. */
export const CREDENTIALS = Object.keys(PROVIDER_CATALOGUE) as CredentialId[];
export const CREDENTIAL_NAMES = Object.fromEntries(
  CREDENTIALS.map((credential) => [credential, PROVIDER_CATALOGUE[credential].name]),
) as Record<CredentialId, string>;

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

/** The label of an on-device choice (e.g. "Upscale 2×" for `on-device:upscale-2x`), if it is one. */
export function onDeviceLabel(menuItemId: string): string | undefined {
  return ON_DEVICE_OPERATIONS.find((op) => menuId('on-device', op.id) === menuItemId)?.label;
}

/** Providers that can stop a job once it is sent (the popup offers Cancel, not only Remove). */
const CAN_CANCEL: ReadonlySet<string> = new Set<ProviderId>(['on-device']);
export const canCancel = (providerId: string): boolean => CAN_CANCEL.has(providerId);

/**
 * Providers whose progress measures the work done (TensorPix's `processing_progress`, the on-device
 * engine's tiles), so the popup shows it as a percentage; the others' steps only mark phases.
 */
const MEASURES_PROGRESS: ReadonlySet<string> = new Set<ProviderId>(['tensorpix', 'on-device']);
export const measuresProgress = (providerId: string): boolean => MEASURES_PROGRESS.has(providerId);

/** Operations whose result is a transparent cut-out, shown over the backdrop chosen in Options. */
const CUTOUTS: ReadonlySet<string> = new Set([
  menuId('hitpaw-segmentation', 'matting'),
  ...ON_DEVICE_OPERATIONS.filter((op) => op.cutout).map((op) => menuId('on-device', op.id)),
]);
export const isCutout = (providerId: ProviderId | string, operationId: string): boolean =>
  CUTOUTS.has(`${providerId}:${operationId}`);

/** Operations that start with a mask painted in the viewer, and the editor's heading for each. */
const DRAWN_MASK_TITLES: Record<string, string> = {
  [menuId('enhancecraft', 'remove-object')]: 'EnhanceCraft · Remove object…',
  [menuId('enhancecraft', 'remove-text-masked')]: 'EnhanceCraft · Remove text…',
};
export function drawnMaskTitle(menuItemId: string): string | undefined {
  return Object.hasOwn(DRAWN_MASK_TITLES, menuItemId) ? DRAWN_MASK_TITLES[menuItemId] : undefined;
}
