import type { Hono } from 'hono';
import { createMetrics } from '../config/metrics.js';
import { createApp } from '../http/app.js';
import { registerDatabaseGauges } from '../storage/database-metrics.js';
import type { AppDependencies, AppEnv } from '../http/app-env.js';
import { createRegistryGateway } from '../integrations/create-gateway.js';
import { createDeliveryAdapters } from '../integrations/messaging/create-delivery-adapters.js';
import { loadTrustStore } from '../signing/pki-directory.js';
import type { TrustStore } from '../signing/trust-store.js';

/** What the caller must give; every other dependency has a default built here. */
export type GivenDependencies = Pick<
  AppDependencies,
  'config' | 'logger' | 'database' | 'now' | 'applications'
> &
  Partial<AppDependencies>;

/**
 * The composition root's defaults for what the caller did not give: one-time passwords to the
 * SMS gateway of SMS_GATEWAY_URL, else to the log (the text shown outside production), the registry gateway of the configuration (HTTP
 * adapters, or the in-process simulator, every call logged in gateway_call), and the trust
 * store of PKI_DIR read once, on first use (the server creates the embedded PKI before).
 */
export function composeDependencies(given: GivenDependencies): AppDependencies {
  let trustStore: TrustStore | undefined;
  return {
    ...given,
    sms:
      given.sms ??
      createDeliveryAdapters(given.config.delivery, given.logger, {
        revealSmsText: given.config.env !== 'production',
      }).sms,
    registries:
      given.registries ??
      createRegistryGateway(
        given.config.registries.kind === 'http'
          ? {
              kind: 'http',
              baseUrl: given.config.registries.baseUrl,
              ...given.config.registries.endpoints,
            }
          : // The registries are other systems, with their own (real) clock: a server run
            // under an injected clock (tests, demos of historic regulations) still has powers
            // of attorney judged on today's date.
            { kind: 'simulator' },
        { db: given.database.db, logger: given.logger, now: () => given.now().getTime() },
      ),
    metrics: given.metrics ?? metricsOf(given),
    trustStore:
      given.trustStore ?? (() => (trustStore ??= loadTrustStore(given.config.pki.directory).store)),
  };
}

/** A fresh registry with the database gauges of `given`'s database. */
export function metricsOf(
  given: Pick<AppDependencies, 'database' | 'now'>,
): AppDependencies['metrics'] {
  const metrics = createMetrics();
  registerDatabaseGauges(metrics, given.database, given.now);
  return metrics;
}

/** The HTTP application built from the given dependencies and the defaults for the rest. */
export function composeApp(given: GivenDependencies): Hono<AppEnv> {
  return createApp(composeDependencies(given));
}
