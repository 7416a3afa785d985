import type { Config } from '../config/config.js';
import type { Logger } from '../config/logger.js';
import type { Metrics } from '../config/metrics.js';
import type { ApplicationServices } from '../engine/application-services.js';
import type { InboxWarningPolicy } from '../features/back-office/list-inbox.js';
import type { RegistryGateway } from '../integrations/registries.js';
import type { SmsSender } from '../integrations/sms/sms-sender.js';
import type { TrustStore } from '../signing/trust-store.js';
import type { DatabaseHandle } from '../storage/db.js';

/**
 * The one dependency type of the HTTP application: everything a request handler may use,
 * built once by the composition root (`src/cli/compose.ts`) and handed to `createApp`.
 * Nothing here is created by http itself.
 */
export interface AppDependencies {
  readonly config: Config;
  readonly logger: Logger;
  readonly database: DatabaseHandle;
  /** The clock: injected so tests can skip time. */
  readonly now: () => Date;
  /** Where one-time passwords go (SMS_GATEWAY_URL's gateway, else the log, with the text outside production). */
  readonly sms: SmsSender;
  /** The trusted CAs and CRLs for signatures (PKI_DIR, read once on first use by default). */
  readonly trustStore: () => TrustStore;
  /** Regulations, calendar and database for the application use cases. */
  readonly applications: ApplicationServices;
  /** The state registries (person, notary, digital documents) behind their adapters. */
  readonly registries: RegistryGateway;
  /** The process's Prometheus metrics (GET /metrics with METRICS_TOKEN). */
  readonly metrics: Metrics;
  /** When an inbox row turns from on time to warning; default 1 working day or 25% of the step. */
  readonly inboxWarning?: InboxWarningPolicy;
}

/** The Hono environment of every route: the request's id and logger, and the dependencies. */
export type AppEnv = {
  Variables: { requestId: string; logger: Logger; deps: AppDependencies };
};
