import { enhancecraft, pipelineOperation, type Pipeline } from './enhancecraft';
import { hitpawPhoto } from './hitpaw-photo';
import { hitpawSegmentation } from './hitpaw-segmentation';
import { hitpawVideo } from './hitpaw-video';
import { onDevice } from './on-device';
import { tensorpix } from './tensorpix';
import type { Operation, Provider, ProviderId } from './types';

/** The registry: typed so that a provider id without an adapter fails to compile. */
export const PROVIDERS = {
  'on-device': onDevice,
  'hitpaw-photo': hitpawPhoto,
  'hitpaw-segmentation': hitpawSegmentation,
  'hitpaw-video': hitpawVideo,
  enhancecraft,
  tensorpix,
} satisfies Record<ProviderId, Provider>;

// Names and menu ids are the catalogue's (the extension's pages use them without loading adapters).
export { CREDENTIAL_NAMES } from '../provider-catalogue';
export { menuId } from '../menu-id';

export function getProvider(id: string): Provider | undefined {
  return Object.hasOwn(PROVIDERS, id) ? (PROVIDERS[id as ProviderId] as Provider) : undefined;
}

/** The operations that come from settings: the person's EnhanceCraft pipelines. */
export function dynamicOperations(pipelines: readonly Pipeline[]) {
  return [{ provider: enhancecraft as Provider, operations: pipelines.map(pipelineOperation) }];
}

export function parseMenuId(
  id: string | number,
  pipelines: readonly Pipeline[] = [],
): { provider: Provider; operation: Operation } | undefined {
  const [providerId, operationId, ...rest] = String(id).split(':');
  const provider = providerId && rest.length === 0 ? getProvider(providerId) : undefined;
  if (!provider) return undefined;
  const extra = provider.id === 'enhancecraft' ? pipelines.map(pipelineOperation) : [];
  const operation = [...provider.operations, ...extra].find((candidate) => candidate.id === operationId);
  return operation ? { provider, operation } : undefined;
}
