import nodemailer from 'nodemailer';
import { DeliveryError } from './delivery-error.js';
import type { EmailSender } from './message-sender.js';

/** The mail relay: SMTP_URL, SMTP_FROM, DELIVERY_TIMEOUT_MS. */
export interface SmtpSettings {
  /** smtp://[user:password@]host[:port] (STARTTLS when offered) or smtps://… (TLS). */
  readonly url: string;
  readonly from: string;
  readonly timeoutMs: number;
  /** Refuse to send without TLS (production, off the loopback). */
  readonly requireTls: boolean;
}

const loopback = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/**
 * E-mail through an SMTP relay with nodemailer: UTF-8 plain text, one message per call, a
 * Message-ID derived from the outbox reference (so a relay or a mailbox can recognise the same
 * message sent twice after an answer that was lost). Classifies failures for the outbox:
 * a 5xx reply (e.g. 550 no such mailbox, except 503) refuses the message for good; a 4xx reply,
 * a connection that fails, times out or breaks, and refused credentials (a configuration to
 * fix) are retried.
 */
export function createSmtpEmailSender(settings: SmtpSettings): EmailSender {
  const url = new URL(settings.url);
  const transport = nodemailer.createTransport({
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port ? Number(url.port) : url.protocol === 'smtps:' ? 465 : 587,
    secure: url.protocol === 'smtps:',
    requireTLS:
      settings.requireTls && url.protocol === 'smtp:' && !loopback.has(url.hostname) ? true : false,
    ...(url.username
      ? {
          auth: {
            user: decodeURIComponent(url.username),
            pass: decodeURIComponent(url.password),
          },
        }
      : {}),
    connectionTimeout: settings.timeoutMs,
    greetingTimeout: settings.timeoutMs,
    socketTimeout: settings.timeoutMs,
    dnsTimeout: settings.timeoutMs,
  });
  const domain = /@([^>\s]+)>?$/.exec(settings.from)?.[1] ?? 'qyzmet.invalid';
  return {
    async send(message) {
      try {
        const info = await transport.sendMail({
          from: settings.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          textEncoding: 'base64',
          ...(message.reference ? { messageId: `<${message.reference}@${domain}>` } : {}),
        });
        if (info.rejected.length > 0) {
          throw new DeliveryError(`the relay refused the recipient`, false);
        }
      } catch (error) {
        throw classify(error);
      }
    },
  };
}

function classify(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const failure = error as { code?: string; responseCode?: number; message?: string };
  const reply = failure.responseCode;
  const what = reply ? `SMTP ${reply}` : (failure.code ?? 'SMTP error');
  // Credentials the relay refuses (535) are the installation's to fix: keep the message.
  const isPermanent =
    failure.code !== 'EAUTH' && reply !== undefined && reply >= 500 && reply < 600 && reply !== 503;
  return new DeliveryError(
    `${what}: ${(failure.message ?? String(error)).slice(0, 300)}`,
    !isPermanent,
    undefined,
    { cause: error },
  );
}
