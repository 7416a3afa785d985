import type { Logger } from '../config/logger.js';
import { DomainError } from '../domain/shared/domain-error.js';
import type { CallContext, RegistryGateway, RegistrySystem } from './registries.js';

/** One call through the gateway, as the call log keeps it. */
export interface GatewayCallEntry {
  readonly system: RegistrySystem;
  readonly operation: string;
  /** Which implementation answered: 'simulator', 'http', … */
  readonly adapter: string;
  readonly startedAt: Date;
  readonly durationMs: number;
  readonly outcome: 'ok' | 'not_found' | 'failed';
  readonly errorCode?: string;
  readonly errorMessage?: string;
  /** The IIN, power of attorney number or request id the call was about. */
  readonly subjectRef?: string;
  readonly correlationId?: string;
}

/** Where entries go (the gateway_call table); must not throw for the caller's sake. */
export type GatewayCallRecorder = (entry: GatewayCallEntry) => Promise<void>;

export interface CallLogOptions {
  readonly adapter: string;
  readonly record: GatewayCallRecorder;
  readonly logger?: Logger;
  /** Milliseconds clock for start and duration; default Date.now. */
  readonly now?: () => number;
}

function subjectOf(argument: unknown): string | undefined {
  if (typeof argument === 'string') return argument;
  if (argument && typeof argument === 'object') {
    const record = argument as Record<string, unknown>;
    for (const key of ['number', 'iin', 'requestId']) {
      if (typeof record[key] === 'string') return record[key];
    }
  }
  return undefined;
}

function outcomeOf(result: unknown): GatewayCallEntry['outcome'] {
  const status = (result as { status?: string } | undefined)?.status;
  return status === 'not_found' ? 'not_found' : 'ok';
}

const mask = (value: string | undefined) =>
  value && /^\d{12}$/.test(value) ? `${value.slice(0, 6)}******` : value;

function instrument<T extends object>(
  system: RegistrySystem,
  target: T,
  options: CallLogOptions,
): T {
  const now = options.now ?? (() => Date.now());
  return new Proxy(target, {
    get(object, property, receiver) {
      const value: unknown = Reflect.get(object, property, receiver);
      if (typeof value !== 'function') return value;
      const operation = String(property);
      return async (...args: unknown[]) => {
        const started = now();
        const context = args[1] as CallContext | undefined;
        const base = {
          system,
          operation,
          adapter: options.adapter,
          startedAt: new Date(started),
          subjectRef: subjectOf(args[0]),
          correlationId: context?.correlationId,
        };
        const finish = async (entry: GatewayCallEntry) => {
          const log = { ...entry, subjectRef: mask(entry.subjectRef) };
          if (entry.outcome === 'failed') options.logger?.warn(log, 'gateway call failed');
          else options.logger?.info(log, 'gateway call');
          try {
            await options.record(entry);
          } catch (error) {
            options.logger?.error(
              { err: error, system, operation },
              'gateway call log not written',
            );
          }
        };
        try {
          const result: unknown = await (value as (...a: unknown[]) => Promise<unknown>).apply(
            object,
            args,
          );
          await finish({
            ...base,
            durationMs: Math.max(0, now() - started),
            outcome: outcomeOf(result),
          });
          return result;
        } catch (error) {
          await finish({
            ...base,
            durationMs: Math.max(0, now() - started),
            outcome: 'failed',
            errorCode: error instanceof DomainError ? error.code : 'internal',
            errorMessage: error instanceof Error ? error.message : String(error),
          });
          throw error;
        }
      };
    },
  });
}

/**
 * Wraps every registry of a gateway so that each call is logged with its duration and
 * outcome (the regulations time these calls) — to the recorder (the gateway_call table)
 * and to the logger (IINs masked). Works around any implementation.
 */
export function withCallLog<G extends RegistryGateway>(
  gateway: G,
  options: CallLogOptions,
): RegistryGateway {
  return {
    persons: instrument('person_registry', gateway.persons, options),
    notary: instrument('notary_registry', gateway.notary, options),
    digitalDocuments: instrument('digital_documents', gateway.digitalDocuments, options),
    mobileCitizens: instrument('mobile_citizens', gateway.mobileCitizens, options),
  };
}
