import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/features/api-tokens/create-api-token.js';
import { revokeApiToken } from '../../src/features/api-tokens/revoke-api-token.js';
import { ApiTokenCache, apiTokenTrustMs } from '../../src/features/api-tokens/api-token-cache.js';
import { findApiTokenPrincipal } from '../../src/features/api-tokens/authenticate-api-token.js';
import { setStaffActive } from '../../src/features/admin/set-staff-active.js';
import { ApplicationPage, ApplicationView, ErrorResponse } from '../../src/http/api/v1/schemas.js';
import { listEvents } from '../../src/storage/application.repository.js';
import { createApiFixture, type ApiFixture } from '../support/api.js';
import { registerOverApi } from '../support/citizens.js';
import { applicationServices, createStaff } from '../support/applications.js';
import { testBackend } from '../support/database.js';

const iin = '900101300007';

describe(`/api/v1 authorisation on ${testBackend}`, () => {
  let f: ApiFixture;
  let applicationId = '';
  beforeAll(async () => {
    f = await createApiFixture('2019-04-01T04:00:00Z');
    ({ applicationId } = await f.submit(iin));
  });
  afterAll(async () => {
    await f?.database.close();
  });

  const events = () => listEvents(f.database.db, applicationId);

  it('answers 404 to a token of another organisation, on reading and on commands, and changes nothing', async () => {
    const before = await events();
    const read = await f.call('GET', `/api/v1/applications/${applicationId}`, {
      token: f.staff.otherHead.token,
    });
    expect(read.status).toBe(404);
    const suspend = await f.command(f.staff.otherHead.token, applicationId, {
      kind: 'suspend',
      reason: 'not mine to suspend',
    });
    expect(suspend.status).toBe(404);
    expect(ErrorResponse.parse(await suspend.json()).error.code).toBe('not_found');
    const search = await f.call('GET', '/api/v1/applications', { token: f.staff.otherHead.token });
    expect(ApplicationPage.parse(await search.json()).items).toEqual([]);
    expect(await events()).toEqual(before);
  });

  it('answers 403 to the wrong role at the current step', async () => {
    const before = await events();
    const response = await f.command(f.staff.executor.token, applicationId, {
      kind: 'complete_step',
      stepId: 'register',
    });
    expect(response.status).toBe(403);
    expect(ErrorResponse.parse(await response.json()).error.code).toBe('forbidden');
    expect(await events()).toEqual(before);
  });

  it('answers 409 to the wrong state, naming the current state and the allowed actions', async () => {
    const before = await events();
    const response = await f.command(f.staff.head.token, applicationId, {
      kind: 'complete_step',
      stepId: 'sign',
    });
    expect(response.status).toBe(409);
    const { error } = ErrorResponse.parse(await response.json());
    expect(error).toMatchObject({
      code: 'conflict',
      details: { status: 'received', currentStepId: 'register', version: 1, allowed: ['suspend'] },
    });
    expect(error.message).toBe('The state has changed; this action is not available now.');
    const resume = await f.command(f.staff.head.token, applicationId, { kind: 'resume' });
    expect(resume.status).toBe(409);
    expect(await events()).toEqual(before);
  });

  it('refuses a stale expectedVersion with 409', async () => {
    const response = await f.command(f.staff.registry.token, applicationId, {
      kind: 'complete_step',
      stepId: 'register',
      expectedVersion: 7,
    });
    expect(response.status).toBe(409);
    expect(ErrorResponse.parse(await response.json()).error.details).toMatchObject({
      reason: 'stale_version',
    });
  });

  it('refuses an invalid body with 422 naming the fields, and a key that differs from the header', async () => {
    const response = await f.command(f.staff.registry.token, applicationId, { kind: 'fly' });
    expect(response.status).toBe(422);
    const mismatch = await f.call('POST', `/api/v1/applications/${applicationId}/commands`, {
      token: f.staff.registry.token,
      headers: { 'idempotency-key': 'header-key-0001' },
      body: { kind: 'resume', idempotencyKey: 'body-key-00001' },
    });
    expect(mismatch.status).toBe(422);
    expect(ErrorResponse.parse(await mismatch.json()).error.details?.issues).toEqual([
      { path: 'idempotencyKey', rule: 'differs_from_header' },
    ]);
  });

  it('answers 401 without credentials, with an unknown token, and with a revoked one', async () => {
    expect((await f.call('GET', `/api/v1/applications/${applicationId}`)).status).toBe(401);
    expect((await f.call('GET', '/api/v1/inbox', { token: 'qzt_unknown' })).status).toBe(401);
    expect(
      (await f.call('GET', '/api/v1/inbox', { token: f.staff.otherExecutor.token })).status,
    ).toBe(200);
    await revokeApiToken(
      f.database.db,
      { kind: 'system', id: 'test' },
      f.staff.otherExecutor.tokenId,
      f.clock.now(),
    );
    const revoked = await f.call('GET', '/api/v1/inbox', { token: f.staff.otherExecutor.token });
    expect(revoked.status).toBe(401);
    expect(ErrorResponse.parse(await revoked.json()).error.code).toBe('unauthenticated');
    const row = await f.database.db
      .selectFrom('api_token')
      .select(['last_used_at', 'revoked_at', 'token_hash'])
      .where('id', '=', f.staff.otherExecutor.tokenId)
      .executeTakeFirstOrThrow();
    expect(row.last_used_at).toEqual(f.clock.now());
    expect(row.revoked_at).not.toBeNull();
    expect(row.token_hash).not.toContain(f.staff.otherExecutor.token);
    expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('answers 401 to a token bound to a staff account that was deactivated', async () => {
    const courier = await createStaff(f.database, 'kst-school-1', 'kostanay', ['courier']);
    const { token } = await createApiToken(
      f.database.db,
      { kind: 'system', id: 'test' },
      {
        name: 'courier',
        organisationId: 'kst-school-1',
        roles: ['courier'],
        staffAccountId: courier.staffId,
      },
      f.clock.now(),
    );
    expect((await f.call('GET', '/api/v1/inbox', { token })).status).toBe(200);
    // The token is now trusted for a few seconds without a query (issue 21); the administrator's
    // deactivation through this server ends that at once.
    const admin = await createStaff(f.database, 'kst-school-1', 'kostanay', [
      'region_administrator',
    ]);
    const deactivated = await setStaffActive(applicationServices(f.database, f.clock.now), admin, {
      staffId: courier.staffId,
      isActive: false,
    });
    expect(deactivated.changed).toBe(true);
    expect((await f.call('GET', '/api/v1/inbox', { token })).status).toBe(401);
  });

  it('trusts a token found active for at most five seconds: a revocation or deactivation by another node takes effect within them', async () => {
    const courier = await createStaff(f.database, 'kst-school-1', 'kostanay', ['courier']);
    const created = await createApiToken(
      f.database.db,
      { kind: 'system', id: 'test' },
      {
        name: 'courier',
        organisationId: 'kst-school-1',
        roles: ['courier'],
        staffAccountId: courier.staffId,
      },
      f.clock.now(),
    );
    let elapsedMs = 0;
    const cache = new ApiTokenCache(apiTokenTrustMs, () => elapsedMs);
    const find = () => findApiTokenPrincipal(f.database.db, created.token, f.clock.now(), cache);
    expect((await find())?.staffId).toBe(courier.staffId);
    // Another node deactivates the account, straight in the database.
    await f.database.db
      .updateTable('staff_account')
      .set({ is_active: false })
      .where('id', '=', courier.staffId)
      .execute();
    elapsedMs = apiTokenTrustMs - 1;
    expect((await find())?.staffId).toBe(courier.staffId);
    elapsedMs = apiTokenTrustMs;
    expect(await find()).toBeUndefined();
    // A token not found active is not kept: reactivated, it works at once.
    await f.database.db
      .updateTable('staff_account')
      .set({ is_active: true })
      .where('id', '=', courier.staffId)
      .execute();
    expect((await find())?.staffId).toBe(courier.staffId);
    // A revocation elsewhere (the CLI's own process): within the same window.
    await f.database.db
      .updateTable('api_token')
      .set({ revoked_at: f.clock.now() })
      .where('id', '=', created.tokenId)
      .execute();
    elapsedMs += apiTokenTrustMs - 1;
    expect((await find())?.staffId).toBe(courier.staffId);
    elapsedMs += 1;
    expect(await find()).toBeUndefined();
  });

  it('lets a signed-in citizen see their own applications, and nobody else’s', async () => {
    const citizen = { iin, password: 'Qazaq2026', phone: '+77020001122' };
    const stranger = { iin: '880215300010', password: 'Qazaq2026', phone: '+77020003344' };
    const signIn = async (account: typeof citizen, phone: string) => {
      const registered = await registerOverApi((path, body) => f.call('POST', path, { body }), f, {
        ...account,
        phone,
      });
      expect(registered.status).toBe(201);
      const login = await f.call('POST', '/api/auth/login', {
        body: { iin: account.iin, password: account.password },
      });
      const { challengeId } = (await login.json()) as { challengeId: string };
      const confirmed = await f.call('POST', '/api/auth/login/confirm', {
        body: { challengeId, code: f.sms.lastCodeTo(phone) },
      });
      return (confirmed.headers.get('set-cookie') ?? '').split(';')[0]!;
    };
    const cookie = await signIn(citizen, '+77020001122');
    const mine = await f.call('GET', '/api/v1/me/applications', { headers: { cookie } });
    expect(mine.status).toBe(200);
    const page = ApplicationPage.parse(await mine.json());
    expect(page.items.map((item) => item.id)).toEqual([applicationId]);
    const own = await f.call('GET', `/api/v1/applications/${applicationId}`, {
      headers: { cookie },
    });
    expect(own.status).toBe(200);
    expect(ApplicationView.parse(await own.json()).availableCommands).toEqual([]);
    expect((await f.call('GET', '/api/v1/applications', { headers: { cookie } })).status).toBe(403);
    expect((await f.call('GET', '/api/v1/inbox', { headers: { cookie } })).status).toBe(403);

    const strangerCookie = await signIn(stranger, '+77020003344');
    const foreign = await f.call('GET', `/api/v1/applications/${applicationId}`, {
      headers: { cookie: strangerCookie },
    });
    expect(foreign.status).toBe(404);
    const empty = await f.call('GET', '/api/v1/me/applications', {
      headers: { cookie: strangerCookie },
    });
    expect(ApplicationPage.parse(await empty.json()).items).toEqual([]);
    expect(
      (await f.call('GET', '/api/v1/me/applications', { token: f.staff.head.token })).status,
    ).toBe(403);
  });
});
