import type { Context } from 'hono';
import type { TrustStore } from '../signing/trust-store.js';
import type { AppDependencies } from './app-env.js';

/**
 * What the two-phase signing needs from the server: the trusted CAs and CRLs (the
 * application's trust store) and the public URL printed in QR codes.
 */
export function documentSigningContext(c: Pick<Context, 'get'>): {
  trustStore: TrustStore;
  publicUrl: string;
} {
  const deps = c.get('deps') as AppDependencies;
  return { trustStore: deps.trustStore(), publicUrl: deps.config.http.publicUrl };
}
