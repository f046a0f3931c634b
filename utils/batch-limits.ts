/**
 * The most images one "Enhance all images on this page…" may send: the background refuses a longer list,
 * and the dialog starts any past it unticked. Its own zod-free module, so the injected batch code can read
 * it without pulling in the schemas.
 */
export const MAX_BATCH_ITEMS = 100;
