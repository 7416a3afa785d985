import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/config/logger.js';
import { commandFormTexts } from '../../src/features/command-table.js';
import { sampleDraftFields } from '../../src/features/demo/sign-result.js';
import { hashPassword } from '../../src/features/identity/identity-services.js';
import { bo } from '../../src/http/web/back-office/texts.js';
import { composeApp } from '../../src/cli/compose.js';
import { InMemorySmsOutbox } from '../../src/integrations/sms/sms-sender.js';
import type { DatabaseHandle } from '../../src/storage/db.js';
import { setStaffPasswordIfUnset } from '../../src/storage/demo.repository.js';
import { findStaffAccount } from '../../src/storage/staff-account.repository.js';
import { applicationServices, createStaff, manualClock } from '../support/applications.js';
import {
  createCabinetWorld,
  submitPortalDuplicate,
  type CabinetStaff,
  type StaffMember,
} from '../support/cabinet.js';
import { createTestDatabase, testBackend } from '../support/database.js';
import { openRefusedForm } from '../support/refused-form.js';
import { regulationOf } from '../support/regulation-of.js';
import { cmsOverSha256, createTestResultSigning } from '../support/sign-result.js';

const password = 'qyzmet2024';

/**
 * Issue 18, point 7: the head returns the draft waiting for their signature to the executor with
 * a comment — an engine command (`return_draft`): offered by the domain at the head's signing
 * step after an executor drafted, bounded comment, audited, shown to the executor; the draft can
 * no longer be signed; the executor drafts again and the head signs the new one.
 */
describe(`the head returns a draft to the executor on ${testBackend}`, () => {
  let database: DatabaseHandle;
  const clock = manualClock('2026-03-17T05:00:00Z');
  let app: ReturnType<typeof composeApp>;
  let staff: CabinetStaff;
  let signing: Awaited<ReturnType<typeof createTestResultSigning>>;
  let applicationId = '';
  let firstDraft: { draftId: string; pdfSha256: string };
  let sequence = 0;
  const cookies: Record<'head' | 'executor', { cookie: string; csrf: string }> = {
    head: { cookie: '', csrf: '' },
    executor: { cookie: '', csrf: '' },
  };

  const api = async (member: StaffMember, path: string, body: Record<string, unknown>) => {
    sequence += 1;
    return app.request(`/api/v1/applications/${applicationId}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${member.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ idempotencyKey: `return-draft-${sequence}`, ...body }),
    });
  };
  const prepare = async () => {
    const response = await api(staff.executor, '/documents/prepare', {
      outcome: 'result',
      fields: sampleDraftFields('result', regulationOf('duplicates', 'national')),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as { draftId: string; pdfSha256: string };
  };
  const row = () =>
    database.db
      .selectFrom('application')
      .select(['current_step_id', 'current_actor', 'version', 'status'])
      .where('id', '=', applicationId)
      .executeTakeFirstOrThrow();
  const logIn = async (staffId: string) => {
    const first = await app.request('/staff/login');
    const csrf = /qyzmet_csrf=([^;]+)/.exec(first.headers.get('set-cookie') ?? '')![1]!;
    const account = await findStaffAccount(database.db, staffId);
    const response = await app.request('/staff/login', {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: `qyzmet_csrf=${csrf}`,
      },
      body: new URLSearchParams({ iin: account!.iin, password, _csrf: csrf }).toString(),
    });
    const session = /qyzmet_session=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')![1]!;
    return { cookie: `qyzmet_csrf=${csrf}; qyzmet_session=${session}; qyzmet_lang=ru`, csrf };
  };
  const postForm = (who: 'head' | 'executor', fields: Record<string, string>) =>
    app.request(`/back-office/applications/${applicationId}/actions/return-draft`, {
      method: 'POST',
      headers: {
        cookie: cookies[who].cookie,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ _csrf: cookies[who].csrf, ...fields }).toString(),
    });
  const pageOf = async (who: 'head' | 'executor') => {
    const response = await app.request(`/back-office/applications/${applicationId}`, {
      headers: { cookie: cookies[who].cookie },
    });
    expect(response.status).toBe(200);
    return response.text();
  };
  const returnAudits = () =>
    database.db
      .selectFrom('audit_event')
      .select(['actor_id', 'subject_id', 'details'])
      .where('action', '=', 'application.draft_returned')
      .execute();

  beforeAll(async () => {
    database = await createTestDatabase();
    const services = applicationServices(database, clock.now);
    signing = await createTestResultSigning(database, clock.now());
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
    app = composeApp({
      config,
      logger: createLogger(config),
      database,
      now: clock.now,
      sms: new InMemorySmsOutbox(),
      applications: services,
      trustStore: () => signing.trustStore,
    });
    ({ staff } = await createCabinetWorld(database, clock.now()));
    const hash = await hashPassword(password);
    for (const member of [staff.head, staff.executor])
      await setStaffPasswordIfUnset(database.db, member.principal.staffId, hash, clock.now());
    applicationId = (await submitPortalDuplicate(services, 'return-draft-submit')).applicationId;
    const assigned = await api(staff.head, '/commands', {
      kind: 'complete_step',
      stepId: 'assign',
      executorId: staff.executor.principal.staffId,
    });
    expect(assigned.status).toBe(200);
    firstDraft = await prepare();
    cookies.head = await logIn(staff.head.principal.staffId);
    cookies.executor = await logIn(staff.executor.principal.staffId);
  }, 180_000);
  afterAll(async () => {
    await database?.close();
  });

  it('offers the head the return form at the signing step, and not the executor', async () => {
    expect((await row()).current_actor).toBe('head');
    const head = await pageOf('head');
    expect(head).toContain('id="return-draft-form"');
    expect(head).toContain(bo.returnDraft.ru);
    const executor = await pageOf('executor');
    expect(executor).not.toContain('id="return-draft-form"');
    const refused = await postForm('executor', {
      comment: 'Исправьте фамилию заявителя',
      idempotencyKey: 'return-draft-by-executor',
    });
    expect(refused.status).toBe(403);
    expect((await row()).current_actor).toBe('head');
  });

  it('refuses an empty, too short or too long comment with a localised 422 and changes nothing', async () => {
    const before = await row();
    for (const comment of ['', '  ', 'ok', 'я'.repeat(2001)]) {
      // Post/redirect/get (issue 18, point 11): 303 to the application, whose GET shows the 422.
      const response = await openRefusedForm(
        app,
        await postForm('head', { comment, expectedVersion: String(before.version) }),
        cookies.head.cookie,
        `/back-office/applications/${applicationId}`,
      );
      expect(response.status, `comment of ${comment.length}`).toBe(422);
      const html = await response.text();
      expect(html).toContain(commandFormTexts.commentRequired.ru);
      expect(html).toContain('href="#return-draft-comment"');
    }
    const tooLong = await api(staff.head, '/commands', {
      kind: 'return_draft',
      comment: 'x'.repeat(2001),
    });
    expect(tooLong.status).toBe(422);
    const notAString = await api(staff.head, '/commands', { kind: 'return_draft', comment: 42 });
    expect(notAString.status).toBe(422);
    expect(await row()).toEqual(before);
    expect(await returnAudits()).toEqual([]);
  });

  it('refuses another organisation’s head (404) and changes nothing', async () => {
    const foreign = await createStaff(database, 'sko-cabinet-front-office', 'south_kazakhstan', [
      'front_office_operator',
    ]);
    const before = await row();
    const { createApiToken } = await import('../../src/features/api-tokens/create-api-token.js');
    const token = await createApiToken(
      database.db,
      { kind: 'system', id: 'test' },
      {
        name: 'operator',
        organisationId: 'sko-cabinet-front-office',
        roles: ['front_office_operator'],
        staffAccountId: foreign.staffId,
      },
      clock.now(),
    );
    const response = await api({ principal: foreign, token: token.token }, '/commands', {
      kind: 'return_draft',
      comment: 'Чужой комментарий',
    });
    expect([403, 404]).toContain(response.status);
    expect(await row()).toEqual(before);
  });

  it('returns the draft with the comment: the executor’s step again, the draft set aside, audited', async () => {
    const before = await row();
    const response = await postForm('head', {
      comment: '  Исправьте год окончания в дубликате  ',
      expectedVersion: String(before.version),
      idempotencyKey: 'return-draft-web-1',
    });
    expect(response.status).toBe(303);
    const after = await row();
    expect(after.current_actor).toBe('executor');
    expect(after.version).toBe(before.version + 1);
    const [event] = await database.db
      .selectFrom('application_event')
      .select(['type', 'payload'])
      .where('application_id', '=', applicationId)
      .orderBy('sequence', 'desc')
      .limit(1)
      .execute();
    expect(event).toEqual({
      type: 'draft_returned',
      payload: {
        type: 'draft_returned',
        stepId: after.current_step_id,
        comment: 'Исправьте год окончания в дубликате',
      },
    });
    const drafts = await database.db
      .selectFrom('prepared_document')
      .select(['id', 'state'])
      .where('application_id', '=', applicationId)
      .execute();
    expect(drafts).toEqual([{ id: firstDraft.draftId, state: 'superseded' }]);
    const audits = await returnAudits();
    expect(audits).toHaveLength(1);
    expect(audits[0]!.actor_id).toBe(staff.head.principal.staffId);
    expect(audits[0]!.subject_id).toBe(applicationId);

    // The same form posted again (its idempotency key) is one command.
    const again = await postForm('head', {
      comment: 'Исправьте год окончания в дубликате',
      expectedVersion: String(before.version),
      idempotencyKey: 'return-draft-web-1',
    });
    expect(again.status).toBe(303);
    expect(await returnAudits()).toHaveLength(1);
    // Another return now is refused: nothing waits for the head's signature.
    const conflict = await api(staff.head, '/commands', {
      kind: 'return_draft',
      comment: 'Ещё раз',
    });
    expect(conflict.status).toBe(409);
  });

  it('shows the executor the comment, who returned it and the drafting forms again', async () => {
    const html = await pageOf('executor');
    expect(html).toContain(bo.returnedTitle.ru);
    expect(html).toContain(
      '<blockquote id="returned-comment">Исправьте год окончания в дубликате</blockquote>',
    );
    const head = await findStaffAccount(database.db, staff.head.principal.staffId);
    expect(html).toContain(head!.fullName);
    expect(html).toContain('id="draft-result-form"');
    const kk = await (
      await app.request(`/back-office/applications/${applicationId}?lang=kk`, {
        headers: { cookie: cookies.executor.cookie },
      })
    ).text();
    expect(kk).toContain(bo.returnedTitle.kk);
  });

  it('refuses the returned draft’s signature; the new draft is signed', async () => {
    const key = (await signing.keyFor(staff.head.principal))!;
    const stale = await api(staff.head, `/documents/${firstDraft.draftId}/sign`, {
      cms: await cmsOverSha256(key, firstDraft.pdfSha256, clock.now()),
    });
    expect(stale.status).toBe(409);
    const second = await prepare();
    expect((await pageOf('executor')).includes(bo.returnedTitle.ru)).toBe(false);
    const signed = await api(staff.head, `/documents/${second.draftId}/sign`, {
      cms: await cmsOverSha256(key, second.pdfSha256, clock.now()),
    });
    expect(signed.status).toBe(200);
    expect((await row()).current_actor).not.toBe('head');
  });
});
