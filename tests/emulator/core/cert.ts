import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const OPENSSL = process.env.OPENSSL_PATH ?? '/usr/bin/openssl';

export interface KeyPair {
  key: string;
  cert: string;
}

// One certificate per process and host list: every test starts its own emulator, and openssl is the
// slowest part of a start. The PEMs are read into memory and the temp dir removed at once.
const cache = new Map<string, Promise<KeyPair>>();

/** A self-signed P-256 certificate whose SAN lists every host (browsers ignore CN). */
export function selfSignedCert(hosts: readonly string[]): Promise<KeyPair> {
  const id = [...hosts].sort().join(',');
  let pending = cache.get(id);
  if (!pending) {
    pending = generate(hosts);
    pending.catch(() => cache.delete(id));
    cache.set(id, pending);
  }
  return pending;
}

async function generate(hosts: readonly string[]): Promise<KeyPair> {
  const dir = await mkdtemp(join(tmpdir(), 'emu-cert-'));
  try {
    const keyFile = join(dir, 'key.pem');
    const certFile = join(dir, 'cert.pem');
    const san = ['IP:127.0.0.1', ...hosts.map((h) => `DNS:${h}`)].join(',');
    await run(OPENSSL, [
      'req',
      '-x509',
      '-nodes',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-keyout',
      keyFile,
      '-out',
      certFile,
      '-days',
      '30',
      '-subj',
      '/CN=provider-emulator',
      '-addext',
      `subjectAltName=${san}`,
    ]);
    return { key: await readFile(keyFile, 'utf8'), cert: await readFile(certFile, 'utf8') };
  } catch (error) {
    throw new Error(`Could not make the emulator certificate with ${OPENSSL}: ${String(error)}`, {
      cause: error,
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
