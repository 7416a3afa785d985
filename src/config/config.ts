import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';

/**
 * Raised when the environment does not describe a valid configuration.
 * `message` is one line that names the offending variable(s).
 */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    detail: string,
  ) {
    super(`Invalid configuration: ${variable} ${detail}`);
    this.name = 'ConfigError';
  }
}

/** A URL with a host and one of the given schemes (`postgres:`, `smtp:`…). */
function urlOf(protocols: readonly string[], message: string) {
  return z
    .string()
    .trim()
    .refine(
      (value) => {
        try {
          const url = new URL(value);
          return protocols.includes(url.protocol) && !!url.hostname;
        } catch {
          return false;
        }
      },
      { message },
    );
}

/** An http(s) URL (an endpoint of a gateway, a registry or an auditor). */
const httpUrl = () => z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' });

/** A whole number in [min, max], refused with one message whatever is wrong with it. */
const wholeNumber = (min: number, max: number, message: string) =>
  z.coerce.number({ message }).int({ message }).min(min, { message }).max(max, { message });

const postgresUrl = urlOf(
  ['postgres:', 'postgresql:'],
  'must be a postgres://user:password@host:port/database URL',
);

const portMessage = 'must be a whole number between 1 and 65535 (0 picks a free port)';
const port = wholeNumber(0, 65535, portMessage);

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

/** The environment variables Qyzmet reads, with their development defaults. */
export const EnvironmentSchema = z.object({
  NODE_ENV: z
    .enum(['development', 'production', 'test'], {
      message: 'must be development, production or test',
    })
    .default('development')
    .describe('Run mode; production hides internal error details.'),
  PORT: port.default(3000).describe('TCP port of the HTTP server.'),
  HOST: z.string().min(1).default('0.0.0.0').describe('Interface the HTTP server binds to.'),
  PUBLIC_URL: z
    .url({ message: 'must be an absolute http(s) URL' })
    .optional()
    .describe('External address of the server, used in QR codes and links.'),
  DATABASE_URL: postgresUrl
    .optional()
    .describe('PostgreSQL server to use; when absent, the embedded PGlite database is used.'),
  DATABASE_POOL_SIZE: z.coerce
    .number({ message: 'must be a whole number between 1 and 200' })
    .int()
    .min(1)
    .max(200, { message: 'must be a whole number between 1 and 200' })
    .default(10)
    .describe('Connections in the pool to the PostgreSQL server.'),
  DATA_DIR: z
    .string()
    .min(1)
    .default('./data')
    .describe('Directory of the embedded PGlite database.'),
  PKI_DIR: z
    .string()
    .min(1)
    .optional()
    .describe(
      'Folder of trust material: trusted/ CA certificates, crl/ revocation lists, the embedded CA and demo keys (default DATA_DIR/pki).',
    ),
  REGULATIONS_DIR: z
    .string()
    .min(1)
    .optional()
    .describe(
      'Folder of the regulation definitions (<region>/<service>.yaml) and their _vocabulary/ (default: the project regulations/).',
    ),
  NCALAYER_URL: z
    .string()
    .regex(/^wss?:\/\/(127\.0\.0\.1|localhost)(:\d{1,5})?$/, {
      message: 'must be ws(s)://127.0.0.1[:port] or ws(s)://localhost[:port]',
    })
    .default('wss://127.0.0.1:13579')
    .describe(
      "Where the browser's NCALayer listens (wss://127.0.0.1:13579); ws://127.0.0.1:<port> for the local signer in development and tests.",
    ),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      message: 'must be one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info')
    .describe('Minimum level of the JSON log.'),
  MIGRATE_ON_START: flag
    .default(true)
    .describe('Apply pending database migrations when the server starts.'),
  SHUTDOWN_TIMEOUT_MS: z.coerce
    .number({ message: 'must be a whole number of milliseconds' })
    .int()
    .min(0)
    .default(10_000)
    .describe('How long a graceful shutdown waits for in-flight requests.'),
  WORKER_ENABLED: flag
    .default(true)
    .describe('Run the background jobs (outbox, deadlines, storage) inside `qyzmet serve`.'),
  WORKER_POLL_MS: z.coerce
    .number({ message: 'must be a whole number of milliseconds (100 or more)' })
    .int()
    .min(100, { message: 'must be a whole number of milliseconds (100 or more)' })
    .default(1_000)
    .describe('How often a worker looks for due outbox messages.'),
  DEADLINE_WARNING_FRACTION: z.coerce
    .number({ message: 'must be a number between 0 and 1' })
    .gt(0, { message: 'must be a number between 0 and 1' })
    .lt(1, { message: 'must be a number between 0 and 1' })
    .default(0.2)
    .describe('A deadline warns when this share of its time is left (capped at 3 days ahead).'),
  DEADLINE_ESCALATE_AFTER_MINUTES: z.coerce
    .number({ message: 'must be a whole number of minutes' })
    .int()
    .min(0)
    .default(0)
    .describe('Minutes after a due before the overdue application is escalated to the head.'),
  OUTBOX_MAX_ATTEMPTS: z.coerce
    .number({ message: 'must be a whole number between 1 and 100' })
    .int()
    .min(1)
    .max(100, { message: 'must be a whole number between 1 and 100' })
    .default(8)
    .describe('Delivery attempts of an SMS or e-mail before it is marked failed.'),
  REGISTRY_GATEWAY_URL: httpUrl()
    .optional()
    .describe(
      'Base URL of the state registries gateway (person, notary, digital documents); when absent, the built-in simulator with synthetic people answers.',
    ),
  AUDIT_ANCHOR_DIR: z
    .string()
    .min(1)
    .optional()
    .describe(
      "Folder where the audit chain's signed head is exported on a schedule, for an auditor to keep (default DATA_DIR/audit-anchors).",
    ),
  AUDIT_ANCHOR_URL: httpUrl()
    .optional()
    .describe(
      "Where the audit chain's signed head is also POSTed (JSON), e.g. an auditor's archive.",
    ),
  AUDIT_ANCHOR_EVERY_MINUTES: wholeNumber(
    1,
    1440,
    'must be a whole number of minutes between 1 and 1440',
  )
    .default(60)
    .describe("How often the worker exports the audit chain's signed head."),
  TRUSTED_PROXIES: z
    .string()
    .transform((value, context) => {
      const entries = value
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean);
      const parsed: TrustedProxy[] = [];
      for (const entry of entries) {
        const proxy = parseCidr(entry);
        if (!proxy) {
          context.addIssue({
            code: 'custom',
            message: `must be a comma-separated list of IP addresses or CIDR ranges (${entry} is not one)`,
          });
          return z.NEVER;
        }
        parsed.push(proxy);
      }
      return parsed;
    })
    .optional()
    .describe(
      'Reverse proxies (comma-separated IP addresses or CIDR ranges, e.g. 10.0.0.0/8) whose X-Forwarded-For header names the client; default none: the socket address counts.',
    ),
  REGISTRY_PERSON_DATABASE_URL: httpUrl()
    .optional()
    .describe(
      'Endpoint of the person-database adapter (ГБД ФЛ); overrides REGISTRY_GATEWAY_URL for it.',
    ),
  REGISTRY_NOTARY_REGISTRY_URL: httpUrl()
    .optional()
    .describe(
      'Endpoint of the notary-registry adapter (ЕНИС); overrides REGISTRY_GATEWAY_URL for it.',
    ),
  REGISTRY_DIGITAL_DOCUMENTS_URL: httpUrl()
    .optional()
    .describe('Endpoint of the digital documents service; overrides REGISTRY_GATEWAY_URL for it.'),
  SMTP_URL: urlOf(
    ['smtp:', 'smtps:'],
    'must be an smtp://[user:password@]host[:port] or smtps://… URL',
  )
    .optional()
    .describe(
      'Mail relay for e-mail notifications (smtp:// with STARTTLS when offered, smtps:// for TLS from the start); when absent, e-mails are written to the log.',
    ),
  SMTP_FROM: z
    .string()
    .trim()
    .regex(/^([^<>@\r\n]*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/, {
      message: 'must be an e-mail address, optionally with a name: Qyzmet <noreply@example.kz>',
    })
    .optional()
    .describe('Sender of the e-mails (required with SMTP_URL).'),
  SMS_GATEWAY_URL: httpUrl()
    .optional()
    .describe(
      'Endpoint of the SMS gateway (POST, JSON; docs/operations.md); when absent, SMS are written to the log.',
    ),
  METRICS_TOKEN: z
    .string()
    .trim()
    .regex(/^[\x21-\x7e]{16,500}$/, {
      message: 'must be 16 to 500 printable characters without spaces',
    })
    .optional()
    .describe(
      'Bearer token of GET /metrics (Prometheus); when absent, /metrics answers 404 (docs/operations.md).',
    ),
  SMS_GATEWAY_TOKEN: z
    .string()
    .trim()
    .regex(/^[\x21-\x7e]{8,500}$/, {
      message: 'must be 8 to 500 printable characters without spaces',
    })
    .optional()
    .describe('Bearer token of the SMS gateway (required with SMS_GATEWAY_URL).'),
  SMS_GATEWAY_SENDER: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9 .-]{1,11}$/, {
      message: 'must be 1 to 11 Latin letters, digits, spaces, dots or dashes',
    })
    .optional()
    .describe('Sender name shown on the phone, when the gateway takes one (e.g. QYZMET).'),
  DELIVERY_TIMEOUT_MS: wholeNumber(
    1_000,
    120_000,
    'must be a whole number of milliseconds between 1000 and 120000',
  )
    .default(10_000)
    .describe(
      'How long one SMS or e-mail delivery may take (connecting, sending, the answer) before it is retried later.',
    ),
  DEMO_DATA: flag
    .optional()
    .describe(
      'Load the demo data on the first start of an empty database (default: in development).',
    ),
  SANDBOX: flag
    .optional()
    .describe(
      'Sandbox installation: applications may be made "as of" a past date under the version then in force, on their own shifted clock, marked as not legal acts (default: in development with DEMO_DATA; refused in production).',
    ),
});

/** Where SMS and e-mails go (SMS_GATEWAY_*, SMTP_*); `log`: written to the log, not sent. */
export interface DeliveryConfig {
  readonly email:
    | { readonly kind: 'log' }
    | { readonly kind: 'smtp'; readonly url: string; readonly from: string };
  readonly sms:
    | { readonly kind: 'log' }
    | {
        readonly kind: 'http';
        readonly url: string;
        readonly token: string;
        readonly sender?: string;
      };
  /** One delivery attempt's limit (DELIVERY_TIMEOUT_MS). */
  readonly timeoutMs: number;
  /** TLS is required to the mail relay and the SMS gateway unless they are on the loopback. */
  readonly requireTls: boolean;
}

/** A real endpoint per registry adapter, as the HTTP gateway takes them (remote/http-registries.ts). */
export interface RegistryEndpoints {
  readonly personRegistryUrl?: string;
  readonly notaryRegistryUrl?: string;
  readonly digitalDocumentsUrl?: string;
}

export type Config = Readonly<{
  env: 'development' | 'production' | 'test';
  http: Readonly<{ port: number; host: string; publicUrl: string }>;
  database: Readonly<
    { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string; poolSize: number }
  >;
  /** Trust material for signatures (see src/signing/pki-directory.ts). */
  pki: Readonly<{ directory: string; ncalayerUrl: string }>;
  /** Folder of the regulation definitions and their vocabulary; absent: the project's regulations/. */
  regulationsDirectory?: string;
  logLevel: z.infer<typeof EnvironmentSchema>['LOG_LEVEL'];
  migrateOnStart: boolean;
  shutdownTimeoutMs: number;
  /** The bearer token of GET /metrics; undefined: /metrics is off (404). */
  metricsToken: string | undefined;
  worker: Readonly<{
    enabled: boolean;
    pollMs: number;
    warningFraction: number;
    escalateAfterMs: number;
    outboxMaxAttempts: number;
  }>;
  /** Where SMS and e-mails go: real adapters, or the log (the embedded default). */
  delivery: DeliveryConfig;
  /** Where and how often the audit chain's signed head is exported (outside the database). */
  audit: Readonly<{ anchorDirectory: string; anchorUrl?: string; anchorEveryMs: number }>;
  demoData: boolean;
  /**
   * A sandbox installation (docs/sandbox.md): applications "as of" a past date, each on its own
   * shifted clock, marked on every page and document. Never true in production.
   */
  sandbox: boolean;
  /**
   * The reverse proxies whose `X-Forwarded-For` is believed (TRUSTED_PROXIES); empty: the
   * header is ignored and rate limits count the socket's address.
   */
  trustedProxies: readonly TrustedProxy[];
  /**
   * Where registry lookups go: the gateway's HTTP endpoints (`http`), or the built-in simulator
   * (`simulator`: served over HTTP on the loopback by `serve`). `endpoints` names a real
   * endpoint per registry adapter (REGISTRY_<ADAPTER>_URL), overriding either.
   */
  registries: Readonly<
    ({ kind: 'simulator' } | { kind: 'http'; baseUrl: string }) & {
      endpoints: Readonly<RegistryEndpoints>;
    }
  >;
}>;

/** One trusted proxy range: an address and the length of its network prefix. */
export interface TrustedProxy {
  readonly address: string;
  readonly prefix: number;
  readonly family: 'ipv4' | 'ipv6';
}

/** `10.0.0.0/8`, `192.168.1.5` (a /32), `fd00::/8` or `::1` (a /128); undefined when invalid. */
export function parseCidr(entry: string): TrustedProxy | undefined {
  const [address = '', prefixText, extra] = entry.split('/');
  if (extra !== undefined) return undefined;
  const version = isIP(address);
  if (version === 0) return undefined;
  const max = version === 4 ? 32 : 128;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (prefix > max) return undefined;
  return { address, prefix, family: version === 4 ? 'ipv4' : 'ipv6' };
}

/**
 * Parses the configuration from environment variables once, at boot.
 * Empty strings count as unset. Throws {@link ConfigError} naming the first wrong variable.
 */
export function loadConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(
    Object.entries(environment).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = EnvironmentSchema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = String(issue.path[0] ?? 'environment');
    throw new ConfigError(variable, `${issue.message} (got ${JSON.stringify(present[variable])})`);
  }
  const values = parsed.data;
  const demoData = values.DEMO_DATA ?? values.NODE_ENV === 'development';
  if (values.SANDBOX === true && values.NODE_ENV === 'production') {
    throw new ConfigError(
      'SANDBOX',
      'must not be true when NODE_ENV=production (a sandbox installation is never a production one)',
    );
  }
  const delivery = deliveryOf(values);
  const config: Config = {
    env: values.NODE_ENV,
    http: {
      port: values.PORT,
      host: values.HOST,
      publicUrl: values.PUBLIC_URL ?? `http://localhost:${values.PORT}`,
    },
    database: values.DATABASE_URL
      ? { kind: 'postgres', url: values.DATABASE_URL, poolSize: values.DATABASE_POOL_SIZE }
      : { kind: 'pglite', dataDir: path.resolve(values.DATA_DIR) },
    pki: {
      directory: path.resolve(values.PKI_DIR ?? path.join(values.DATA_DIR, 'pki')),
      ncalayerUrl: values.NCALAYER_URL,
    },
    regulationsDirectory: values.REGULATIONS_DIR ? path.resolve(values.REGULATIONS_DIR) : undefined,
    logLevel: values.LOG_LEVEL,
    migrateOnStart: values.MIGRATE_ON_START,
    shutdownTimeoutMs: values.SHUTDOWN_TIMEOUT_MS,
    metricsToken: values.METRICS_TOKEN,
    worker: {
      enabled: values.WORKER_ENABLED,
      pollMs: values.WORKER_POLL_MS,
      warningFraction: values.DEADLINE_WARNING_FRACTION,
      escalateAfterMs: values.DEADLINE_ESCALATE_AFTER_MINUTES * 60_000,
      outboxMaxAttempts: values.OUTBOX_MAX_ATTEMPTS,
    },
    audit: {
      anchorDirectory: path.resolve(
        values.AUDIT_ANCHOR_DIR ?? path.join(values.DATA_DIR, 'audit-anchors'),
      ),
      ...(values.AUDIT_ANCHOR_URL ? { anchorUrl: values.AUDIT_ANCHOR_URL } : {}),
      anchorEveryMs: values.AUDIT_ANCHOR_EVERY_MINUTES * 60_000,
    },
    delivery,
    demoData,
    sandbox: values.SANDBOX ?? (values.NODE_ENV === 'development' && demoData),
    trustedProxies: values.TRUSTED_PROXIES ?? [],
    registries: {
      ...(values.REGISTRY_GATEWAY_URL
        ? { kind: 'http' as const, baseUrl: values.REGISTRY_GATEWAY_URL }
        : { kind: 'simulator' as const }),
      endpoints: {
        ...(values.REGISTRY_PERSON_DATABASE_URL
          ? { personRegistryUrl: values.REGISTRY_PERSON_DATABASE_URL }
          : {}),
        ...(values.REGISTRY_NOTARY_REGISTRY_URL
          ? { notaryRegistryUrl: values.REGISTRY_NOTARY_REGISTRY_URL }
          : {}),
        ...(values.REGISTRY_DIGITAL_DOCUMENTS_URL
          ? { digitalDocumentsUrl: values.REGISTRY_DIGITAL_DOCUMENTS_URL }
          : {}),
      },
    },
  };
  return deepFreeze(config);
}

const isLoopback = (url: string) =>
  ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(url).hostname);

/**
 * The delivery adapters' settings: SMTP_URL needs SMTP_FROM, SMS_GATEWAY_URL needs
 * SMS_GATEWAY_TOKEN; in production a gateway or relay off the loopback must be reached over
 * TLS (https://, smtps://, or smtp:// with STARTTLS required), so that tokens, passwords and
 * one-time codes never cross a network in clear.
 */
function deliveryOf(values: z.infer<typeof EnvironmentSchema>): DeliveryConfig {
  const isProduction = values.NODE_ENV === 'production';
  let email: DeliveryConfig['email'] = { kind: 'log' };
  if (values.SMTP_URL) {
    if (!values.SMTP_FROM) {
      throw new ConfigError(
        'SMTP_FROM',
        'must be set when SMTP_URL is (the sender of the e-mails)',
      );
    }
    email = { kind: 'smtp', url: values.SMTP_URL, from: values.SMTP_FROM };
  } else if (values.SMTP_FROM) {
    throw new ConfigError('SMTP_URL', 'must be set when SMTP_FROM is (there is no mail relay)');
  }
  let sms: DeliveryConfig['sms'] = { kind: 'log' };
  if (values.SMS_GATEWAY_URL) {
    if (!values.SMS_GATEWAY_TOKEN) {
      throw new ConfigError(
        'SMS_GATEWAY_TOKEN',
        'must be set when SMS_GATEWAY_URL is (the bearer token of the gateway)',
      );
    }
    if (
      isProduction &&
      values.SMS_GATEWAY_URL.startsWith('http:') &&
      !isLoopback(values.SMS_GATEWAY_URL)
    ) {
      throw new ConfigError(
        'SMS_GATEWAY_URL',
        `must be an https URL when NODE_ENV=production (got ${JSON.stringify(values.SMS_GATEWAY_URL)})`,
      );
    }
    sms = {
      kind: 'http',
      url: values.SMS_GATEWAY_URL,
      token: values.SMS_GATEWAY_TOKEN,
      ...(values.SMS_GATEWAY_SENDER ? { sender: values.SMS_GATEWAY_SENDER } : {}),
    };
  } else if (values.SMS_GATEWAY_TOKEN || values.SMS_GATEWAY_SENDER) {
    throw new ConfigError(
      'SMS_GATEWAY_URL',
      'must be set when SMS_GATEWAY_TOKEN or SMS_GATEWAY_SENDER is (there is no SMS gateway)',
    );
  }
  return { email, sms, timeoutMs: values.DELIVERY_TIMEOUT_MS, requireTls: isProduction };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
