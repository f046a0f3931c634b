/**
 * Offline provider emulator: one HTTPS server on 127.0.0.1 serving the providers' real host names,
 * a CDN for result files and public-looking test sites. Chromium reaches it through
 * `--host-resolver-rules` (see `hostResolverRules()`) plus `--ignore-certificate-errors`.
 * How it reads each provider's docs, and usage: ./README.md.
 */
import { CDN_HOST, createCdn } from './cdn';
import { selfSignedCert } from './core/cert';
import { createClock, type Clock } from './core/clock';
import { createFileStore } from './core/files';
import { TransportFaults, type TransportFault } from './core/faults';
import type { HostModule } from './core/http';
import { createJournal, type Journal } from './core/journal';
import { startVirtualServer } from './core/server';
import { createEnhanceCraft, type EnhanceCraftControl } from './enhancecraft';
import { createHitPaw, type HitPawControl } from './hitpaw';
import type { InputSource } from './hitpaw/input';
import { createSite } from './site/site';
import { createTensorPix, type TensorPixControl } from './tensorpix';

export type { Clock } from './core/clock';
export type { TransportFault } from './core/faults';
export type { Journal, JournalEntry, JournalQuery } from './core/journal';
export type { HitPawConfig, HitPawConfigPatch, JobTiming } from './hitpaw/config';
export type { Fault } from './hitpaw/faults';
export type { ForcedOutcome } from './hitpaw/input';
export type { JobSnapshot, JobStatus } from './hitpaw/jobs';
export type { KeyOptions } from './hitpaw/keys';
export type { HitPawControl } from './hitpaw';
export { SITE_IMAGES } from './site/images';
export { SITE_HOSTS } from './site/site';
export { CDN_HOST } from './cdn';
export { HITPAW_HOST } from './hitpaw';
export { TENSORPIX_HOST, type TensorPixControl } from './tensorpix';
export type { TensorPixConfig, TensorPixConfigPatch } from './tensorpix/config';
export { ENHANCECRAFT_HOST, type EnhanceCraftControl } from './enhancecraft';
export type { EnhanceCraftConfig, EnhanceCraftConfigPatch } from './enhancecraft/config';

export interface EmulatorOptions {
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
}

export interface Emulator {
  readonly port: number;
  /** Every host name served, e.g. `api-base.hitpaw.com`, `cdn.example.net`, `gallery.example.org`. */
  readonly hosts: readonly string[];
  /** `MAP api-base.hitpaw.com 127.0.0.1:PORT,MAP cdn.example.net 127.0.0.1:PORT,…` for Chromium. */
  hostResolverRules(): string;
  /** `https://<host>` for a served host, for building URLs in tests. */
  origin(host: string): string;
  readonly journal: Pick<Journal, 'all' | 'clear' | 'find'>;
  readonly clock: Clock;
  readonly hitpaw: HitPawControl;
  readonly enhancecraft: EnhanceCraftControl;
  readonly tensorpix: TensorPixControl;
  /** Faults of the network path for any served host, API or CDN (core/faults.ts, TransportFault). */
  readonly network: {
    inject(host: string, path: string | RegExp, fault: TransportFault, times?: number): void;
  };
  /** Stops listening and destroys every open socket, hung requests included. */
  close(): Promise<void>;
}

/** Seeded at every start for the demo: a demo key with tries and coins to spare. */
export const DEMO_KEY = 'demo-key';

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const clock = createClock();
  const journal = createJournal();
  const store = createFileStore();
  const site = await createSite();
  const cdnSource: InputSource = {
    lookup: async (url) => {
      if (url.hostname !== CDN_HOST) return null;
      const file = store.get(url.pathname, clock.now());
      return file ? { status: 200, file } : { status: 404 };
    },
  };
  const hitpaw = createHitPaw({ clock, store, sources: [site, cdnSource], cdnOrigin: `https://${CDN_HOST}` });
  hitpaw.control.addKey(DEMO_KEY, { kind: 'demo', coins: 1_000_000, demoTries: 1_000_000 });

  // One module per host family; a new provider adds its module here (and its host to the list).
  const enhancecraft = createEnhanceCraft({ clock, cdn: store, cdnOrigin: `https://${CDN_HOST}` });
  enhancecraft.control.addKey(DEMO_KEY, { credits: 1_000_000, tier: 'business' });
  const tensorpix = createTensorPix({
    clock,
    store,
    sources: [site, cdnSource],
    cdnOrigin: `https://${CDN_HOST}`,
  });
  tensorpix.control.addKey(DEMO_KEY, { credits: 1_000_000 });
  const modules: HostModule[] = [
    hitpaw.module,
    enhancecraft.module,
    tensorpix.module,
    createCdn(store, clock),
    site,
  ];
  const hosts = modules.flatMap((m) => m.hosts);
  const transport = new TransportFaults();
  const server = await startVirtualServer({
    transport,
    port: options.port ?? 0,
    tls: await selfSignedCert(hosts),
    modules,
    journal,
    clock,
  });

  return {
    port: server.port,
    hosts,
    hostResolverRules: () => hosts.map((h) => `MAP ${h} 127.0.0.1:${server.port}`).join(','),
    origin: (host) => `https://${host}`,
    journal,
    clock,
    hitpaw: hitpaw.control,
    enhancecraft: enhancecraft.control,
    tensorpix: tensorpix.control,
    network: { inject: (host, path, fault, times) => transport.inject(host, path, fault, times) },
    close: () => server.close(),
  };
}
