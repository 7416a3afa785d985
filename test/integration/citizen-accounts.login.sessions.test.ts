import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confirmCitizenLogin } from '../../src/features/identity/confirm-citizen-login.js';
import type { IdentityServices } from '../../src/features/identity/identity-services.js';
import { confirmCitizenRegistration } from '../../src/features/identity/confirm-citizen-registration.js';
import { startCitizenRegistration } from '../../src/features/identity/start-citizen-registration.js';
import { createRegistrySimulator } from '../../src/integrations/simulator/registry-simulator.js';
import { requestPasswordReset, resetPassword } from '../../src/features/identity/reset-password.js';
import { findSession, logOut, logOutEverywhere } from '../../src/features/identity/sessions.js';
import { startCitizenLogin } from '../../src/features/identity/start-citizen-login.js';
import { InMemorySmsOutbox } from '../../src/integrations/sms/sms-sender.js';
import { verifyAuditTrail } from '../../src/features/audit/verify-audit-trail.js';
import { listAuditEvents } from '../../src/storage/audit.repository.js';
import type { DatabaseHandle } from '../../src/storage/db.js';
import { registerProvenCitizen } from '../support/citizens.js';
import { createTestDatabase } from '../support/database.js';

let database: DatabaseHandle;
let services: IdentityServices;
const sms = new InMemorySmsOutbox();
const registries = createRegistrySimulator();
beforeAll(async () => {
  database = await createTestDatabase();
  services = { db: database.db, sms };
});
afterAll(async () => {
  await database.close();
});

const t0 = new Date('2026-03-02T05:00:00Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
const aigerim = { iin: '961231456783', password: 'Qazaqstan2026', phone: '+77015551234' };

async function login(credentials: { iin: string; password: string }, now: Date) {
  const challenge = await startCitizenLogin(services, credentials, now);
  return confirmCitizenLogin(
    services,
    { challengeId: challenge.challengeId, code: sms.lastCodeTo('+77015551234') },
    now,
  );
}

describe('citizen registration', () => {
  it('registers with the code sent to the phone of the mobile-citizens registry, and audits it', async () => {
    const citizen = await registerProvenCitizen({ db: database.db, sms, registries }, aigerim, t0);
    expect(citizen).toMatchObject({
      iin: aigerim.iin,
      phone: '+77015551234',
      identityProof: 'mobile_registry_otp',
    });
    const audit = await listAuditEvents(database.db, { action: 'citizen.registered' });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ subjectId: citizen.citizenAccountId, actorKind: 'citizen' });
    expect(JSON.stringify(audit)).not.toContain(aigerim.password);
  });

  it('refuses an invalid IIN and password with field issues', async () => {
    await expect(
      confirmCitizenRegistration(
        services,
        { iin: '961231456780', password: 'short', challengeId: 'x', code: '000000' },
        t0,
      ),
    ).rejects.toMatchObject({
      code: 'validation_failed',
      details: {
        issues: [
          { path: 'iin', rule: 'wrong_check_digit' },
          { path: 'password', rule: 'too_short' },
        ],
      },
    });
  });

  it('refuses a second account for the same IIN', async () => {
    await expect(
      startCitizenRegistration({ ...services, registries }, { iin: aigerim.iin }, t0),
    ).rejects.toMatchObject({
      code: 'conflict',
      details: { reason: 'iin_already_registered' },
    });
  });
});

describe('login with IIN, password and a one-time password', () => {
  it('refuses a wrong password and an unknown IIN alike ("отказ в авторизации")', async () => {
    await expect(
      startCitizenLogin(services, { iin: aigerim.iin, password: 'Wrong12345' }, t0),
    ).rejects.toMatchObject({
      code: 'unauthenticated',
      details: { reason: 'invalid_credentials' },
    });
    await expect(
      startCitizenLogin(services, { iin: '880215300010', password: aigerim.password }, t0),
    ).rejects.toMatchObject({
      code: 'unauthenticated',
      details: { reason: 'invalid_credentials' },
    });
  });

  it('opens a session only after the code sent to the registered phone', async () => {
    const challenge = await startCitizenLogin(services, aigerim, t0);
    expect(challenge.maskedPhone).toBe('+7701***1234');
    const code = sms.lastCodeTo('+77015551234');
    const wrong = code === '000000' ? '111111' : '000000';
    await expect(
      confirmCitizenLogin(services, { challengeId: challenge.challengeId, code: wrong }, at(1)),
    ).rejects.toMatchObject({
      code: 'unauthenticated',
      details: { reason: 'otp_wrong_code', attemptsLeft: 2 },
    });
    const session = await confirmCitizenLogin(
      services,
      { challengeId: challenge.challengeId, code },
      at(1),
    );
    expect(session.token.length).toBeGreaterThanOrEqual(43);
    expect(await findSession(services, session.token, at(2))).toMatchObject({
      subjectKind: 'citizen',
      sessionId: session.sessionId,
    });
    // the code is used up
    await expect(
      confirmCitizenLogin(services, { challengeId: challenge.challengeId, code }, at(2)),
    ).rejects.toMatchObject({ details: { reason: 'otp_already_used' } });
    // the token is stored hashed only
    const stored = await database.db.selectFrom('session').select('token_hash').execute();
    expect(stored.map((row) => row.token_hash)).not.toContain(session.token);
    // and the session expires after its lifetime (12 h by default)
    expect(await findSession(services, session.token, at(12 * 60 + 2))).toBeUndefined();
  });

  it('logs out one session, then everywhere', async () => {
    const first = await login(aigerim, at(10));
    const second = await login(aigerim, at(11));
    const third = await login(aigerim, at(12));
    await logOut(services, first.token, at(13));
    expect(await findSession(services, first.token, at(13))).toBeUndefined();
    expect(await findSession(services, second.token, at(13))).toBeDefined();

    const ended = await logOutEverywhere(services, third.token, at(14));
    expect(ended).toBeGreaterThanOrEqual(2);
    expect(await findSession(services, second.token, at(14))).toBeUndefined();
    expect(await findSession(services, third.token, at(14))).toBeUndefined();
    const audit = await listAuditEvents(database.db, { action: 'session.revoked_all' });
    expect(audit.at(-1)?.details).toMatchObject({ count: ended });
  });
});

describe('repeated wrong passwords', () => {
  // Issue 16, defect 6: no hard 15-minute lock that anyone could impose on anyone, but a
  // growing delay counted per account and client address.
  it('delay the account from that address after 5 in a row, audited; a correct password then works', async () => {
    const bolat = { iin: '151008500009', password: 'Bolat2026pass', phone: '+77019990000' };
    const { citizenAccountId } = await registerProvenCitizen(
      { db: database.db, sms, registries },
      bolat,
      at(200),
    );
    const wrong = { iin: bolat.iin, password: 'Wrong2026pass', source: '192.0.2.1' };
    for (let n = 0; n < 5; n += 1) {
      await expect(startCitizenLogin(services, wrong, at(200))).rejects.toMatchObject({
        code: 'unauthenticated',
      });
    }
    await expect(
      startCitizenLogin(services, { ...bolat, source: '192.0.2.1' }, at(200)),
    ).rejects.toMatchObject({
      code: 'rate_limited',
      details: { reason: 'login_locked', retryAfterSeconds: 30 },
    });
    const audit = await listAuditEvents(database.db, { subjectId: citizenAccountId });
    expect(audit.filter((event) => event.action === 'citizen.login_failed')).toHaveLength(4);
    expect(audit.filter((event) => event.action === 'citizen.login_delayed')).toHaveLength(1);
    await expect(
      startCitizenLogin(services, { ...bolat, source: '192.0.2.1' }, at(201)),
    ).resolves.toMatchObject({ maskedPhone: '+7701***0000' });
    // the counter started again from zero
    await expect(startCitizenLogin(services, wrong, at(216))).rejects.toMatchObject({
      code: 'unauthenticated',
    });
  });
});

// Two hours later: the send limit (5 codes per phone per hour) no longer counts the codes above.
describe('password reset by one-time password', () => {
  it('sets the new password and ends every session', async () => {
    const session = await login(aigerim, at(130));
    const challenge = await requestPasswordReset(services, aigerim.iin, at(131));
    const code = sms.lastCodeTo('+77015551234');
    await resetPassword(
      services,
      { challengeId: challenge.challengeId, code, newPassword: 'Jana2026parol' },
      at(132),
    );
    expect(await findSession(services, session.token, at(132))).toBeUndefined();
    await expect(startCitizenLogin(services, aigerim, at(133))).rejects.toMatchObject({
      code: 'unauthenticated',
    });
    await expect(
      login({ iin: aigerim.iin, password: 'Jana2026parol' }, at(134)),
    ).resolves.toMatchObject({
      expiresAt: expect.any(Date),
    });
  });

  it('answers the same for an unknown IIN and sends nothing', async () => {
    const before = sms.messages.length;
    const challenge = await requestPasswordReset(services, '880215300010', at(140));
    expect(challenge.challengeId).toMatch(/^[0-9a-f-]{36}$/);
    expect(sms.messages.length).toBe(before);
    await expect(
      resetPassword(
        services,
        { challengeId: challenge.challengeId, code: '123456', newPassword: 'Another2026' },
        at(141),
      ),
    ).rejects.toMatchObject({ details: { reason: 'otp_not_found' } });
  });

  it('kept the audit chain intact through all of it', async () => {
    const actions = new Set((await listAuditEvents(database.db)).map((event) => event.action));
    expect([...actions].sort()).toEqual(
      expect.arrayContaining([
        'citizen.registered',
        'otp.issued',
        'otp.accepted',
        'otp.rejected',
        'session.created',
        'session.revoked',
        'session.revoked_all',
        'citizen.password_reset',
      ]),
    );
    expect(await verifyAuditTrail(database.db)).toMatchObject({ isIntact: true });
  });
});
