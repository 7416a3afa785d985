import type { Logger } from '../../config/logger.js';

/** An SMS to a phone number in international format (+7…). */
export interface SmsMessage {
  readonly phone: string;
  readonly text: string;
  /**
   * The same on every attempt to deliver one message (the outbox row's id), absent for a
   * one-time code sent at once: gateways use it to drop a repeat.
   */
  readonly reference?: string;
}

/**
 * Sends text messages to phones (the SMS gateway of the deployment). Throws when the message
 * was not accepted: a `DeliveryError` says whether trying again may help.
 */
export interface SmsSender {
  send(message: SmsMessage): Promise<void>;
}

/**
 * Keeps messages in memory instead of sending them: development and tests read the
 * last code from here. Not for production.
 */
export class InMemorySmsOutbox implements SmsSender {
  readonly messages: SmsMessage[] = [];

  async send(message: SmsMessage): Promise<void> {
    this.messages.push(message);
  }

  /** The last message to `phone`, if any. */
  lastTo(phone: string): SmsMessage | undefined {
    return this.messages.filter((message) => message.phone === phone).at(-1);
  }

  /** The 6-digit code in the last message to `phone`; throws when there is none. */
  lastCodeTo(phone: string): string {
    const code = /\b(\d{6})\b/.exec(this.lastTo(phone)?.text ?? '')?.[1];
    if (!code) throw new Error(`no code was sent to ${phone}`);
    return code;
  }
}

/**
 * Writes messages to the log when no SMS gateway is configured. In production the text is
 * redacted (codes are secrets); in development and evaluation the whole text is logged, so
 * that someone trying the demo can read the one-time password from the server's output.
 */
export function createLoggingSmsSender(
  logger: Logger,
  options: { revealText?: boolean } = {},
): SmsSender {
  return {
    async send(message) {
      logger.info(
        {
          phone: maskPhone(message.phone),
          ...(options.revealText ? { text: message.text } : {}),
        },
        options.revealText
          ? 'sms (development: not sent, no SMS gateway configured)'
          : 'sms (not sent: no SMS gateway configured)',
      );
    },
  };
}

/** +77011234567 → +7701***4567, for logs and screens. */
export function maskPhone(phone: string): string {
  return phone.length > 8 ? `${phone.slice(0, 5)}***${phone.slice(-4)}` : '***';
}
