import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('gives development defaults on an empty environment: embedded database in ./data, port 3000', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      env: 'development',
      http: { port: 3000, host: '0.0.0.0', publicUrl: 'http://localhost:3000' },
      database: { kind: 'pglite', dataDir: path.resolve('./data') },
      logLevel: 'info',
      migrateOnStart: true,
    });
  });

  it('selects the PostgreSQL server when DATABASE_URL is set', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://q:pw@db.local:5433/qyzmet',
      DATABASE_POOL_SIZE: '20',
    });
    expect(config.database).toEqual({
      kind: 'postgres',
      url: 'postgres://q:pw@db.local:5433/qyzmet',
      poolSize: 20,
    });
  });

  it('uses the registry simulator unless REGISTRY_GATEWAY_URL names an http(s) gateway', () => {
    expect(loadConfig({}).registries).toEqual({ kind: 'simulator', endpoints: {} });
    expect(loadConfig({ REGISTRY_GATEWAY_URL: 'https://gw.example.kz/shep' }).registries).toEqual({
      kind: 'http',
      baseUrl: 'https://gw.example.kz/shep',
      endpoints: {},
    });
    expect(() => loadConfig({ REGISTRY_GATEWAY_URL: 'ftp://gw.example.kz' })).toThrow(
      /REGISTRY_GATEWAY_URL must be an http\(s\) URL/,
    );
  });

  it('takes a real endpoint per registry adapter, over the gateway URL or the simulator', () => {
    expect(
      loadConfig({
        REGISTRY_PERSON_DATABASE_URL: 'https://gbdfl.example.kz/api',
        REGISTRY_NOTARY_REGISTRY_URL: 'http://enis.example.kz',
      }).registries,
    ).toEqual({
      kind: 'simulator',
      endpoints: {
        personRegistryUrl: 'https://gbdfl.example.kz/api',
        notaryRegistryUrl: 'http://enis.example.kz',
      },
    });
    expect(() => loadConfig({ REGISTRY_NOTARY_REGISTRY_URL: 'enis' })).toThrow(
      /REGISTRY_NOTARY_REGISTRY_URL must be an http\(s\) URL/,
    );
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' }).database.kind).toBe('pglite');
  });

  it('returns a frozen object', () => {
    const config = loadConfig({});
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.http)).toBe(true);
  });

  it.each([
    ['PORT', { PORT: 'abc' }],
    ['PORT', { PORT: '65536' }],
    ['PORT', { PORT: '80.5' }],
    ['DATABASE_URL', { DATABASE_URL: 'localhost:5432' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://localhost/db' }],
    ['DATABASE_POOL_SIZE', { DATABASE_POOL_SIZE: '0' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'verbose' }],
    ['MIGRATE_ON_START', { MIGRATE_ON_START: 'maybe' }],
    ['PUBLIC_URL', { PUBLIC_URL: 'not a url' }],
  ])('refuses a wrong %s with a message naming it', (variable, environment) => {
    let thrown: unknown;
    try {
      loadConfig(environment);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as ConfigError).variable).toBe(variable);
    expect((thrown as ConfigError).message).toMatch(
      new RegExp(`^Invalid configuration: ${variable} `),
    );
    expect((thrown as ConfigError).message).not.toContain('\n');
  });

  it('runs the worker in-process and loads demo data in development by default', () => {
    expect(loadConfig({})).toMatchObject({
      worker: { enabled: true, pollMs: 1000, warningFraction: 0.2, escalateAfterMs: 0 },
      demoData: true,
    });
    expect(loadConfig({ NODE_ENV: 'production' }).demoData).toBe(false);
    expect(
      loadConfig({
        WORKER_ENABLED: 'false',
        DEMO_DATA: 'no',
        DEADLINE_ESCALATE_AFTER_MINUTES: '30',
      }),
    ).toMatchObject({ worker: { enabled: false, escalateAfterMs: 1_800_000 }, demoData: false });
  });

  it('is a sandbox installation in development with demo data, not otherwise by default', () => {
    expect(loadConfig({}).sandbox).toBe(true);
    expect(loadConfig({ DEMO_DATA: 'false' }).sandbox).toBe(false);
    expect(loadConfig({ NODE_ENV: 'test' }).sandbox).toBe(false);
    expect(loadConfig({ NODE_ENV: 'test', SANDBOX: 'true' }).sandbox).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production' }).sandbox).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', SANDBOX: 'false' }).sandbox).toBe(false);
  });

  it('refuses SANDBOX=true in production with one line naming it', () => {
    let thrown: unknown;
    try {
      loadConfig({ NODE_ENV: 'production', SANDBOX: 'true' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as ConfigError).variable).toBe('SANDBOX');
    expect((thrown as ConfigError).message).toMatch(/^Invalid configuration: SANDBOX .*production/);
    expect((thrown as ConfigError).message).not.toContain('\n');
  });

  it('names a wrong worker setting', () => {
    expect(() => loadConfig({ DEADLINE_WARNING_FRACTION: '1.5' })).toThrow(
      /DEADLINE_WARNING_FRACTION must be a number between 0 and 1/,
    );
  });

  it('keeps the logging delivery adapters unless SMTP_URL or SMS_GATEWAY_URL is set', () => {
    expect(loadConfig({}).delivery).toEqual({
      email: { kind: 'log' },
      sms: { kind: 'log' },
      timeoutMs: 10_000,
      requireTls: false,
    });
    expect(
      loadConfig({
        SMTP_URL: 'smtps://mailer:secret@mail.example.kz',
        SMTP_FROM: 'Qyzmet <noreply@example.kz>',
        SMS_GATEWAY_URL: 'https://sms.example.kz/v1/messages',
        SMS_GATEWAY_TOKEN: 'token-0123456789',
        SMS_GATEWAY_SENDER: 'QYZMET',
        DELIVERY_TIMEOUT_MS: '5000',
      }).delivery,
    ).toEqual({
      email: {
        kind: 'smtp',
        url: 'smtps://mailer:secret@mail.example.kz',
        from: 'Qyzmet <noreply@example.kz>',
      },
      sms: {
        kind: 'http',
        url: 'https://sms.example.kz/v1/messages',
        token: 'token-0123456789',
        sender: 'QYZMET',
      },
      timeoutMs: 5000,
      requireTls: false,
    });
  });

  it.each([
    [{ SMTP_URL: 'http://mail.example.kz' }, /SMTP_URL must be an smtp:\/\//],
    [{ SMTP_URL: 'smtp://mail.example.kz' }, /SMTP_FROM must be set when SMTP_URL is/],
    [{ SMTP_FROM: 'noreply@example.kz' }, /SMTP_URL must be set when SMTP_FROM is/],
    [
      { SMTP_URL: 'smtp://mail.example.kz', SMTP_FROM: 'not an address' },
      /SMTP_FROM must be an e-mail address/,
    ],
    [{ SMS_GATEWAY_URL: 'ftp://sms.example.kz' }, /SMS_GATEWAY_URL must be an http\(s\) URL/],
    [
      { SMS_GATEWAY_URL: 'https://sms.example.kz' },
      /SMS_GATEWAY_TOKEN must be set when SMS_GATEWAY_URL is/,
    ],
    [
      { SMS_GATEWAY_URL: 'https://sms.example.kz', SMS_GATEWAY_TOKEN: 'short' },
      /SMS_GATEWAY_TOKEN must be 8 to 500 printable characters/,
    ],
    [{ SMS_GATEWAY_TOKEN: 'token-0123456789' }, /SMS_GATEWAY_URL must be set when/],
    [
      {
        NODE_ENV: 'production',
        SMS_GATEWAY_URL: 'http://sms.example.kz',
        SMS_GATEWAY_TOKEN: 'token-0123456789',
      },
      /SMS_GATEWAY_URL must be an https URL when NODE_ENV=production/,
    ],
    [{ DELIVERY_TIMEOUT_MS: '50' }, /DELIVERY_TIMEOUT_MS must be a whole number of milliseconds/],
  ])('refuses a wrong delivery setting at start with one line naming it: %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('requires TLS to the relay in production, and allows a gateway on the loopback over http', () => {
    expect(
      loadConfig({
        NODE_ENV: 'production',
        SMS_GATEWAY_URL: 'http://127.0.0.1:9000/sms',
        SMS_GATEWAY_TOKEN: 'token-0123456789',
      }).delivery,
    ).toMatchObject({ sms: { kind: 'http' }, requireTls: true });
  });
});
