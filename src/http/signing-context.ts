import type { Context } from 'hono';
import { loadTrustStore } from '../signing/pki-directory.js';
import type { TrustStore } from '../signing/trust-store.js';
import type { AppDependencies } from './app.js';

const loaded = new Map<string, TrustStore>();

/**
 * What the two-phase signing needs from the server: the trusted CAs and CRLs (the injected
 * store, else PKI_DIR loaded once per folder) and the public URL printed in QR codes.
 */
export function documentSigningContext(c: Pick<Context, 'get'>): {
  trustStore: TrustStore;
  publicUrl: string;
} {
  const deps = c.get('deps') as AppDependencies;
  let trustStore = deps.trustStore ?? loaded.get(deps.config.pki.directory);
  if (!trustStore) {
    trustStore = loadTrustStore(deps.config.pki.directory).store;
    loaded.set(deps.config.pki.directory, trustStore);
  }
  return { trustStore, publicUrl: deps.config.http.publicUrl };
}
