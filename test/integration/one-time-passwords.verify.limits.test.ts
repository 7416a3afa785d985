import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IdentityServices } from '../../src/features/identity/identity-services.js';
import { issueOneTimePassword } from '../../src/features/identity/issue-one-time-password.js';
import { verifyOneTimePassword } from '../../src/features/identity/verify-one-time-password.js';
import { InMemorySmsOutbox } from '../../src/integrations/sms/sms-sender.js';
import { listAuditEvents } from '../../src/storage/audit.repository.js';
import type { DatabaseHandle } from '../../src/storage/db.js';
import { createTestDatabase } from '../support/database.js';

let database: DatabaseHandle;
let services: IdentityServices;
const sms = new InMemorySmsOutbox();
beforeAll(async () => {
  database = await createTestDatabase();
  services = { db: database.db, sms };
});
afterAll(async () => {
  await database.close();
});

const t0 = new Date('2026-04-01T06:00:00Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
const actor = { kind: 'citizen' as const, id: 'c1' };
let phoneCounter = 0;
const freshPhone = () => `+7707000${String(++phoneCounter).padStart(4, '0')}`;

async function certify(phone: string, now: Date, applicationId = 'APP-1') {
  const issued = await issueOneTimePassword(
    services,
    { phone, purpose: 'certify_application', subjectId: applicationId, actor },
    now,
  );
  return { ...issued, code: sms.lastCodeTo(phone) };
}

describe('one-time passwords', () => {
  it('are 6 digits, sent to the phone, stored only as a salted hash', async () => {
    const phone = freshPhone();
    const { challengeId, code, expiresAt } = await certify(phone, t0);
    expect(code).toMatch(/^\d{6}$/);
    expect(sms.lastTo(phone)?.text).toContain('өтінішке қол қою / подписание заявления');
    expect(expiresAt.toISOString()).toBe(at(300).toISOString());
    const row = await database.db
      .selectFrom('one_time_password')
      .selectAll()
      .where('id', '=', challengeId)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(code);
    expect(row.code_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('expire after 5 minutes: the right code is refused at 5:00, accepted at 4:59', async () => {
    const phone = freshPhone();
    const first = await certify(phone, t0);
    expect(
      await verifyOneTimePassword(
        services,
        {
          challengeId: first.challengeId,
          code: first.code,
          purpose: 'certify_application',
          subjectId: 'APP-1',
          actor,
        },
        at(300),
      ),
    ).toMatchObject({
      isAccepted: false,
      reason: 'expired',
      message: { ru: expect.stringContaining('истёк') },
    });
    const second = await certify(phone, at(400));
    expect(
      await verifyOneTimePassword(
        services,
        {
          challengeId: second.challengeId,
          code: second.code,
          purpose: 'certify_application',
          subjectId: 'APP-1',
          actor,
        },
        at(699),
      ),
    ).toMatchObject({ isAccepted: true, phone, subjectId: 'APP-1' });
  });

  it('die after 3 wrong codes, even if the right one comes next', async () => {
    const phone = freshPhone();
    const { challengeId, code } = await certify(phone, t0);
    const wrong = code === '999999' ? '999998' : '999999';
    const answer = (c: string, s: number) =>
      verifyOneTimePassword(
        services,
        { challengeId, code: c, purpose: 'certify_application', subjectId: 'APP-1', actor },
        at(s),
      );
    expect(await answer(wrong, 1)).toMatchObject({
      isAccepted: false,
      reason: 'wrong_code',
      attemptsLeft: 2,
    });
    expect(await answer(wrong, 2)).toMatchObject({
      isAccepted: false,
      reason: 'wrong_code',
      attemptsLeft: 1,
    });
    expect(await answer(wrong, 3)).toMatchObject({
      isAccepted: false,
      reason: 'attempts_exhausted',
    });
    expect(await answer(code, 4)).toMatchObject({
      isAccepted: false,
      reason: 'attempts_exhausted',
    });
    const rejected = await listAuditEvents(database.db, {
      subjectId: challengeId,
      action: 'otp.rejected',
    });
    expect(rejected.map((event) => event.details.attempts)).toEqual([1, 2, 3]);
  });

  it('are limited to 10 sends per phone per hour, sign-in and certification together', async () => {
    // Issue 18: 5 an hour locked citizens out; 10 leave room for real use.
    const phone = freshPhone();
    for (let n = 0; n < 10; n += 1) await certify(phone, at(n * 60), `APP-${n}`);
    await expect(certify(phone, at(10 * 60))).rejects.toMatchObject({
      code: 'rate_limited',
      isRetryable: true,
      details: { reason: 'otp_send_limit', limit: 10, retryAfterSeconds: 3600 - 600 },
    });
    await expect(
      issueOneTimePassword(services, { phone, purpose: 'login', actor }, at(10 * 60)),
    ).rejects.toMatchObject({ details: { reason: 'otp_send_limit' } });
    // another phone is not affected
    await expect(certify(freshPhone(), at(10 * 60))).resolves.toMatchObject({
      code: expect.any(String),
    });
    // one hour after the first send, a slot frees up
    await expect(certify(phone, at(3600))).resolves.toMatchObject({ code: expect.any(String) });
  });

  it('allow no more than 15 wrong codes per phone per hour, however many codes are sent', async () => {
    // The protection of the old limit (5 codes × 3 attempts) is kept: the wrong codes count.
    const phone = freshPhone();
    const typeWrong = async (issued: { challengeId: string; code: string }, second: number) => {
      const wrong = issued.code === '999999' ? '999998' : '999999';
      for (let attempt = 0; attempt < 3; attempt += 1) {
        await verifyOneTimePassword(
          services,
          {
            challengeId: issued.challengeId,
            code: wrong,
            purpose: 'certify_application',
            subjectId: 'APP-1',
            actor,
          },
          at(second + attempt),
        );
      }
    };
    for (let n = 0; n < 5; n += 1) await typeWrong(await certify(phone, at(n * 60)), n * 60 + 1);
    await expect(certify(phone, at(5 * 60))).rejects.toMatchObject({
      code: 'rate_limited',
      isRetryable: true,
      details: { reason: 'otp_guess_limit', limit: 15, retryAfterSeconds: 3600 - 300 },
    });
    // 12 wrong codes leave room for one more code of 3 attempts.
    const other = freshPhone();
    for (let n = 0; n < 4; n += 1) await typeWrong(await certify(other, at(n * 60)), n * 60 + 1);
    await expect(certify(other, at(300))).resolves.toMatchObject({ code: expect.any(String) });
    // One hour after the first wrong code, codes are sent again.
    await expect(certify(phone, at(3600))).resolves.toMatchObject({ code: expect.any(String) });
  });

  it('are bound to their purpose and subject; a new code supersedes the pending one', async () => {
    const phone = freshPhone();
    const first = await certify(phone, t0, 'APP-7');
    expect(
      await verifyOneTimePassword(
        services,
        { challengeId: first.challengeId, code: first.code, purpose: 'login', actor },
        at(1),
      ),
    ).toMatchObject({ isAccepted: false, reason: 'not_found' });
    expect(
      await verifyOneTimePassword(
        services,
        {
          challengeId: first.challengeId,
          code: first.code,
          purpose: 'certify_application',
          subjectId: 'APP-8',
          actor,
        },
        at(1),
      ),
    ).toMatchObject({ isAccepted: false, reason: 'not_found' });
    // a code for an application is not accepted without naming that application
    expect(
      await verifyOneTimePassword(
        services,
        { challengeId: first.challengeId, code: first.code, purpose: 'certify_application', actor },
        at(1),
      ),
    ).toMatchObject({ isAccepted: false, reason: 'not_found' });
    const second = await certify(phone, at(2), 'APP-7');
    expect(
      await verifyOneTimePassword(
        services,
        {
          challengeId: first.challengeId,
          code: first.code,
          purpose: 'certify_application',
          subjectId: 'APP-7',
          actor,
        },
        at(3),
      ),
    ).toMatchObject({ isAccepted: false, reason: 'superseded' });
    expect(
      await verifyOneTimePassword(
        services,
        {
          challengeId: second.challengeId,
          code: second.code,
          purpose: 'certify_application',
          subjectId: 'APP-7',
          actor,
        },
        at(3),
      ),
    ).toMatchObject({ isAccepted: true });
  });
});
