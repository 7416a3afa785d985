import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/config/logger.js';
import { generateIin } from '../../src/domain/identity/identity-number-generator.js';
import { Sex } from '../../src/domain/identity/iin.js';
import { issueRegistrationChallenge } from '../../src/features/identity/register-citizen-with-signature.js';
import { composeApp } from '../../src/cli/compose.js';
import { createRegistrySimulator } from '../../src/integrations/simulator/registry-simulator.js';
import { InMemorySmsOutbox } from '../../src/integrations/sms/sms-sender.js';
import { signCms, type SigningCredential } from '../../src/signing/cms-sign.js';
import { createDemoPki, type DemoPki } from '../../src/signing/demo-pki.js';
import { hashPassword } from '../../src/features/identity/identity-services.js';
import { listAuditEvents } from '../../src/storage/audit.repository.js';
import type { DatabaseHandle } from '../../src/storage/db.js';
import { createTestDatabase } from '../support/database.js';

/**
 * Issue 16, defect 4: anyone could open an account for another person's IIN (and then read
 * that person's applications, locking the real person out). Registration now proves the IIN:
 * a code sent to the phone the mobile-citizens registry holds, or an ЭЦП authentication key.
 */
let database: DatabaseHandle;
let app: ReturnType<typeof composeApp>;
let pki: DemoPki;
const sms = new InMemorySmsOutbox();
const registries = createRegistrySimulator();
const now = new Date('2026-06-01T04:00:00Z');

const victim = { iin: generateIin('1991-02-03', Sex.female, 5101), phone: '+77071112233' };
const attackerPhone = '+77079998877';
const signer = { iin: generateIin('1987-07-07', Sex.male, 5102), surname: 'Тестов', name: 'Асқар' };
const noPhone = generateIin('1993-03-03', Sex.male, 5103);

beforeAll(async () => {
  database = await createTestDatabase();
  pki = await createDemoPki({ now, holders: [signer] });
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
  const trustStore = pki.trustStore();
  app = composeApp({
    config,
    logger: createLogger(config),
    database,
    now: () => now,
    sms,
    registries,
    trustStore: () => trustStore,
    applications: undefined as never,
  });
  registries.bindPhone(victim.iin, victim.phone);
});
afterAll(async () => {
  await database.close();
});
// Every request here comes from one client address: start each case with a fresh per-address
// window, so the registration limit (tested in sign-in.rate-limits.proxies) does not decide it.
beforeEach(async () => {
  await database.db.deleteFrom('rate_limit').execute();
});

const post = (path: string, payload: unknown, language = 'ru') =>
  app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': language },
    body: JSON.stringify(payload),
  });
const accounts = async () =>
  database.db.selectFrom('citizen_account').select(['iin', 'phone', 'identity_proof']).execute();

describe('registration by a one-time code to the mobile-citizens registry phone', () => {
  it('a stranger cannot open an account for another person’s IIN with their own phone', async () => {
    // Before the fix this answered 201 and the account was the stranger's.
    const response = await post('/api/auth/register', {
      iin: victim.iin,
      password: 'Stolen-2026',
      phone: attackerPhone,
    });
    expect(response.status).toBe(202);
    expect(await accounts()).toEqual([]);
    // The code went to the phone the registry holds, never to the typed one.
    expect(sms.lastTo(attackerPhone)).toBeUndefined();
    expect(sms.lastCodeTo(victim.phone)).toMatch(/^\d{6}$/);
    const { challengeId, maskedPhone } = (await response.json()) as {
      challengeId: string;
      maskedPhone: string;
    };
    expect(maskedPhone).toBe('+7707***2233');
    const real = sms.lastCodeTo(victim.phone);
    const guess = real === '000000' ? '111111' : '000000';
    const refused = await post('/api/auth/register/confirm', {
      iin: victim.iin,
      challengeId,
      code: guess,
      password: 'Stolen-2026',
    });
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ error: { code: 'unauthenticated' } });
    expect(await accounts()).toEqual([]);
  });

  it('the holder of the registry phone registers with its code and signs in with it', async () => {
    const started = await post('/api/auth/register', { iin: victim.iin });
    const { challengeId } = (await started.json()) as { challengeId: string };
    const confirmed = await post('/api/auth/register/confirm', {
      iin: victim.iin,
      challengeId,
      code: sms.lastCodeTo(victim.phone),
      password: 'Victim-2026',
    });
    expect(confirmed.status).toBe(201);
    expect(await accounts()).toEqual([
      { iin: victim.iin, phone: victim.phone, identity_proof: 'mobile_registry_otp' },
    ]);
    const login = await post('/api/auth/login', { iin: victim.iin, password: 'Victim-2026' });
    expect(login.status).toBe(202);
    expect(sms.lastTo(victim.phone)?.text).toContain('вход в систему');
  });

  it('a proved account is never taken over by a new registration', async () => {
    const again = await post('/api/auth/register', { iin: victim.iin }, 'kk');
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({
      error: { code: 'conflict', details: { reason: 'iin_already_registered' } },
    });
    expect(await accounts()).toHaveLength(1);
  });

  it('an IIN without a phone in the registry is refused with a localised message', async () => {
    for (const [language, words] of [
      ['ru', 'базе мобильных граждан'],
      ['kk', 'мобильді азаматтар базасында'],
      ['en', 'mobile-citizens registry'],
    ] as const) {
      const response = await post('/api/auth/register', { iin: noPhone }, language);
      expect(response.status).toBe(422);
      const body = (await response.json()) as {
        error: {
          code: string;
          details: { issues: { rule: string; message: Record<string, string> }[] };
        };
      };
      expect(body.error.code).toBe('validation_failed');
      expect(body.error.details.issues[0]!.rule).toBe('not_in_mobile_registry');
      expect(body.error.details.issues[0]!.message[language]).toContain(words);
    }
    expect(await accounts()).toHaveLength(1);
  });
});

describe('registration with an ЭЦП authentication certificate', () => {
  const holder = () => pki.holders[0]!;
  const credential = (key: 'authentication' | 'signing'): SigningCredential => ({
    certificate: holder()[key].certificate,
    privateKey: holder()[key].privateKey,
    chain: holder()[key].chain,
  });
  const signed = async (challenge: string, key: 'authentication' | 'signing') =>
    Buffer.from(
      await signCms({
        credential: credential(key),
        content: new TextEncoder().encode(challenge),
        signingTime: now,
        attached: false,
      }),
    ).toString('base64');
  const register = async (iin: string, challenge: string, cms: string) =>
    post('/api/auth/register/signature', {
      iin,
      challenge,
      cms,
      password: 'Signed-2026',
      phone: '+77015550777',
    });

  it('refuses a signature by the signing key, by another IIN’s certificate, or over a stale text', async () => {
    const challengeOf = async (iin: string) => {
      const response = await post('/api/auth/register/signature/challenge', { iin });
      return ((await response.json()) as { challenge: string }).challenge;
    };
    const own = await challengeOf(signer.iin);
    const bySigningKey = await register(signer.iin, own, await signed(own, 'signing'));
    expect(bySigningKey.status).toBe(422);
    expect(await bySigningKey.json()).toMatchObject({
      error: { code: 'signature_not_confirmed', details: { reason: 'wrong_key_purpose' } },
    });
    // The signer's own certificate cannot open an account for someone else's IIN.
    const foreign = await challengeOf(noPhone);
    const forOther = await register(noPhone, foreign, await signed(foreign, 'authentication'));
    expect(forOther.status).toBe(422);
    expect(await forOther.json()).toMatchObject({
      error: { code: 'signature_not_confirmed', details: { reason: 'iin_mismatch' } },
    });
    const stale = issueRegistrationChallenge(signer.iin, new Date(now.getTime() - 11 * 60_000));
    const late = await register(signer.iin, stale, await signed(stale, 'authentication'));
    expect(late.status).toBe(422);
    expect(await late.json()).toMatchObject({ error: { code: 'validation_failed' } });
    expect((await accounts()).map((account) => account.iin)).not.toContain(signer.iin);
  });

  it('registers the holder of the IIN’s authentication certificate', async () => {
    const challenge = issueRegistrationChallenge(signer.iin, now);
    const response = await register(
      signer.iin,
      challenge,
      await signed(challenge, 'authentication'),
    );
    expect(response.status).toBe(201);
    expect(await accounts()).toContainEqual({
      iin: signer.iin,
      phone: '+77015550777',
      identity_proof: 'signature',
    });
  });
});

describe('accounts registered before proofs were required', () => {
  const legacy = { iin: generateIin('1980-08-08', Sex.female, 5104), phone: '+77075550001' };
  const squatter = '+77075559999';

  it('must prove the IIN at sign-in: the code goes to the registry phone, not the account’s', async () => {
    registries.bindPhone(legacy.iin, legacy.phone);
    await database.db
      .insertInto('citizen_account')
      .values({
        iin: legacy.iin,
        phone: squatter,
        password_hash: await hashPassword('Squatter-2026'),
        created_at: now,
        password_changed_at: now,
      })
      .execute();
    const login = await post('/api/auth/login', { iin: legacy.iin, password: 'Squatter-2026' });
    expect(login.status).toBe(202);
    expect(sms.lastTo(squatter)).toBeUndefined();
    const { challengeId } = (await login.json()) as { challengeId: string };
    // Only the holder of the registry phone can finish; the account is then verified.
    const confirmed = await post('/api/auth/login/confirm', {
      challengeId,
      code: sms.lastCodeTo(legacy.phone),
    });
    expect(confirmed.status).toBe(200);
    const row = await database.db
      .selectFrom('citizen_account')
      .select(['phone', 'identity_proof'])
      .where('iin', '=', legacy.iin)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ phone: legacy.phone, identity_proof: 'mobile_registry_otp' });
  });

  it('the real person claims an unverified account by registering with proof', async () => {
    const other = { iin: generateIin('1982-09-09', Sex.male, 5105), phone: '+77075550002' };
    registries.bindPhone(other.iin, other.phone);
    await database.db
      .insertInto('citizen_account')
      .values({
        iin: other.iin,
        phone: squatter,
        password_hash: await hashPassword('Squatter-2026'),
        created_at: now,
        password_changed_at: now,
      })
      .execute();
    const started = await post('/api/auth/register', { iin: other.iin });
    expect(started.status).toBe(202);
    const { challengeId } = (await started.json()) as { challengeId: string };
    const confirmed = await post('/api/auth/register/confirm', {
      iin: other.iin,
      challengeId,
      code: sms.lastCodeTo(other.phone),
      password: 'Owner-2026',
    });
    expect(confirmed.status).toBe(201);
    // The squatter's password no longer opens it.
    expect(
      (await post('/api/auth/login', { iin: other.iin, password: 'Squatter-2026' })).status,
    ).toBe(401);
    const claimed = await listAuditEvents(database.db, {
      action: 'citizen.unverified_account_claimed',
    });
    expect(claimed).toHaveLength(1);
  });
});
