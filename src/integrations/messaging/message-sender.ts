import type { Logger } from '../../config/logger.js';
import { maskPhone, type SmsSender } from '../sms/sms-sender.js';

/** The delivery channels of the outbox. */
export const MessageChannel = { sms: 'sms', email: 'email' } as const;
export type MessageChannel = (typeof MessageChannel)[keyof typeof MessageChannel];

/** One message of the outbox on its way out. */
export interface OutgoingMessage {
  readonly channel: MessageChannel;
  /** A phone in international format for SMS, an address for e-mail. */
  readonly recipient: string;
  /** The e-mail's subject (kk / ru); SMS have none. */
  readonly subject?: string | null;
  readonly body: string;
  /** The same on every attempt of one message (the outbox row's id): relays and gateways drop repeats. */
  readonly reference?: string;
}

/**
 * Delivers outbox messages. Throws when the message was not accepted: a `DeliveryError` that
 * is not retryable is a refusal for good (recorded, never sent again); anything else is
 * retried later with backoff. Implementations must be safe to call again for the same message.
 */
export interface MessageSender {
  send(message: OutgoingMessage): Promise<void>;
}

/** An e-mail: UTF-8 plain text. */
export interface EmailMessage {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  /** The same on every attempt of one message (the outbox row's id). */
  readonly reference?: string;
}

/** Sends e-mails (the mail relay of the deployment); throws like {@link MessageSender}. */
export interface EmailSender {
  send(message: EmailMessage): Promise<void>;
}

/** The subject of an e-mail enqueued without one. */
export const defaultEmailSubject = 'Qyzmet';

/** Writes e-mails to the log instead of sending them (the embedded default: no mail relay). */
export function createLoggingEmailSender(logger: Logger): EmailSender {
  return {
    async send(message) {
      logger.info(
        { to: maskEmail(message.to), subject: message.subject, length: message.text.length },
        'e-mail (not sent: no mail relay configured)',
      );
    },
  };
}

/** The sender that routes each channel to its adapter: SMS to the SMS gateway, e-mail to the relay. */
export function createMessageSender(adapters: {
  readonly sms: SmsSender;
  readonly email: EmailSender;
}): MessageSender {
  return {
    async send(message) {
      switch (message.channel) {
        case MessageChannel.sms:
          return adapters.sms.send({
            phone: message.recipient,
            text: message.body,
            ...(message.reference ? { reference: message.reference } : {}),
          });
        case MessageChannel.email:
          return adapters.email.send({
            to: message.recipient,
            subject: message.subject || defaultEmailSubject,
            text: message.body,
            ...(message.reference ? { reference: message.reference } : {}),
          });
      }
    },
  };
}

/** name@example.kz → n***@example.kz, for logs. */
export function maskEmail(address: string): string {
  const at = address.indexOf('@');
  return at > 0 ? `${address[0]}***${address.slice(at)}` : '***';
}

/** A recipient as logs and audit rows may show it. */
export function maskRecipient(channel: MessageChannel, recipient: string): string {
  return channel === MessageChannel.sms ? maskPhone(recipient) : maskEmail(recipient);
}
