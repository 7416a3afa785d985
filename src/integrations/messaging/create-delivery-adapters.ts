import type { DeliveryConfig } from '../../config/config.js';
import type { Logger } from '../../config/logger.js';
import { createHttpSmsSender } from '../sms/http-sms-sender.js';
import { createLoggingSmsSender, type SmsSender } from '../sms/sms-sender.js';
import { createLoggingEmailSender, type EmailSender } from './message-sender.js';
import { createSmtpEmailSender } from './smtp-email-sender.js';

/**
 * The delivery adapters of the configuration: the HTTP SMS gateway and the SMTP relay when
 * configured, else the logging adapters of the embedded default (which write to the log and
 * send nothing; `revealSmsText` shows an SMS's text there, for trying the demo outside
 * production).
 */
export function createDeliveryAdapters(
  delivery: DeliveryConfig,
  logger: Logger,
  options: { revealSmsText?: boolean } = {},
): { sms: SmsSender; email: EmailSender } {
  return {
    sms:
      delivery.sms.kind === 'http'
        ? createHttpSmsSender({ ...delivery.sms, timeoutMs: delivery.timeoutMs })
        : createLoggingSmsSender(logger, { revealText: options.revealSmsText ?? false }),
    email:
      delivery.email.kind === 'smtp'
        ? createSmtpEmailSender({
            ...delivery.email,
            timeoutMs: delivery.timeoutMs,
            requireTls: delivery.requireTls,
          })
        : createLoggingEmailSender(logger),
  };
}
