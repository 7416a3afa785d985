import type { Config } from '../config/config.js';
import type { Logger } from '../config/logger.js';
import type { Metrics } from '../config/metrics.js';
import { defaultDeadlinePolicy } from '../domain/application/deadline-watch.js';
import type { ApplicationServices } from '../engine/application-services.js';
import { deliverOutbox } from '../features/notifications/deliver-outbox.js';
import { handBackStoredResults } from '../features/front-office/hand-back-stored-results.js';
import { defaultDeliveryPolicy, type JobServices } from '../features/job-services.js';
import { watchDeadlines } from '../features/deadlines/watch-deadlines.js';
import { expireOffers } from '../features/preschool-queue/expire-offers.js';
import { queueServicesOf } from '../features/preschool-queue/queue-services.js';
import {
  limitsPurgeBatchSize,
  purgeExpiredLimits,
} from '../features/limits/purge-expired-limits.js';
import { exportAuditHead, type AuditHeadTarget } from '../features/audit/export-audit-head.js';
import { auditSealBatchSize, sealAuditTrail } from '../features/audit/seal-audit-trail.js';
import {
  monitoringBatchSize,
  refreshIndicators,
} from '../features/monitoring/refresh-indicators.js';
import type { InstallationSigner } from '../signing/installation-key.js';
import { createDeliveryAdapters } from '../integrations/messaging/create-delivery-adapters.js';
import {
  createMessageSender,
  type MessageSender,
} from '../integrations/messaging/message-sender.js';
import type { SmsSender } from '../integrations/sms/sms-sender.js';
import { createJobRunner, type Job, type JobRunner } from './runner.js';

/** The job services under the configuration's policies. */
export function jobServicesOf(
  applications: ApplicationServices,
  worker: Config['worker'],
): JobServices {
  return {
    ...applications,
    deadlines: {
      ...defaultDeadlinePolicy,
      warningFraction: worker.warningFraction,
      escalateAfterMs: worker.escalateAfterMs,
    },
    delivery: { ...defaultDeliveryPolicy, maxAttempts: worker.outboxMaxAttempts },
  };
}

/** The export of the audit chain's signed head (issue 16): who signs, where it goes, how often. */
export interface AuditHeadExportJob {
  readonly signer: InstallationSigner;
  readonly target: AuditHeadTarget;
  readonly everyMs: number;
}

/**
 * The background jobs of issue 6: notification delivery and the audit sealer (every poll), the
 * deadline watch and the end of front-office storage (every minute), the purge of expired
 * rate-limit and sign-in throttle rows (every 10 minutes); with `auditHead`, the
 * export of the audit chain's signed head (every AUDIT_ANCHOR_EVERY_MINUTES).
 */
export function createBackgroundJobs(
  services: JobServices,
  sender: MessageSender,
  auditHead?: AuditHeadExportJob,
): Job[] {
  let lastExported: string | undefined;
  const exportJobs: Job[] = auditHead
    ? [
        {
          // Signs the chain's head and writes/POSTs it outside the database. A head already
          // exported by this process is not exported again until the chain grows.
          name: 'audit-head-export',
          everyMs: auditHead.everyMs,
          run: async () => {
            const result = await exportAuditHead(
              services.db,
              auditHead.signer,
              { ...auditHead.target, ...(lastExported ? { skipHash: lastExported } : {}) },
              services.now(),
            );
            if (!result.file) return 0;
            lastExported = result.head?.hash;
            return 1;
          },
        },
      ]
    : [];
  return [
    {
      name: 'outbox',
      everyMs: 0,
      batchSize: services.delivery.batchSize,
      run: async () => (await deliverOutbox(services, sender)).claimed,
    },
    {
      name: 'deadlines',
      everyMs: 60_000,
      run: async () => {
        const round = await watchDeadlines(services);
        return round.warnings + round.overdue + round.escalations;
      },
    },
    { name: 'front-office-storage', everyMs: 60_000, run: () => handBackStoredResults(services) },
    {
      // The kindergarten queue's deadlines (issue 19): offer windows, referral validity,
      // privilege confirmation, leaving the queue at 7; each district touched runs its allocation again.
      name: 'preschool-queue',
      everyMs: 60_000,
      run: async () => {
        const round = await expireOffers(queueServicesOf(services));
        return round.expired + round.referralsLapsed + round.privilegesLost + round.agedOut;
      },
    },
    {
      // Deletes rate-limit windows and sign-in throttle keys that no longer limit anyone.
      name: 'limits-purge',
      everyMs: 10 * 60_000,
      batchSize: limitsPurgeBatchSize,
      run: async () => {
        const round = await purgeExpiredLimits(services);
        return Math.max(round.rateLimits, round.loginThrottles);
      },
    },
    {
      // Chains the audit rows committed since the last round (one sealer at a time).
      name: 'audit-seal',
      everyMs: 0,
      batchSize: auditSealBatchSize,
      run: async () => (await sealAuditTrail(services.db, services.now())).sealed,
    },
    {
      // Moves the quality indicators' summary table by what the marked applications changed.
      name: 'monitoring',
      everyMs: 0,
      batchSize: monitoringBatchSize,
      run: async () => (await refreshIndicators(services)).claimed,
    },
    ...exportJobs,
  ];
}

/**
 * A worker over `applications`' database: the configured jobs with the deployment's senders
 * (SMTP_URL, SMS_GATEWAY_URL; logging adapters for the embedded default). Not started: call `start()`.
 */
export function createWorker(
  config: Config,
  logger: Logger,
  applications: ApplicationServices,
  adapters: {
    sms?: SmsSender;
    sender?: MessageSender;
    installationSigner?: InstallationSigner;
    /** Where the rounds are counted (the server's GET /metrics). */
    metrics?: Metrics;
  } = {},
): JobRunner {
  const configured = createDeliveryAdapters(config.delivery, logger);
  const sender =
    adapters.sender ??
    createMessageSender({ sms: adapters.sms ?? configured.sms, email: configured.email });
  const services = jobServicesOf(applications, config.worker);
  return createJobRunner({
    jobs: createBackgroundJobs(
      services,
      sender,
      adapters.installationSigner && {
        signer: adapters.installationSigner,
        target: { directory: config.audit.anchorDirectory, url: config.audit.anchorUrl },
        everyMs: config.audit.anchorEveryMs,
      },
    ),
    logger: logger.child({ component: 'worker' }),
    now: applications.now,
    pollMs: config.worker.pollMs,
    ...(adapters.metrics ? { metrics: adapters.metrics } : {}),
  });
}
