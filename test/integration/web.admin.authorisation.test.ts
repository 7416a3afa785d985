import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StaffRole } from '../../src/domain/shared/roles.js';
import {
  ensureDemoStaff,
  hashDemoPassword,
  demoPassword,
} from '../../src/features/demo/demo-accounts.js';
import { logInStaff } from '../../src/features/identity/log-in-staff.js';
import type { DatabaseHandle } from '../../src/storage/db.js';
import { administrationTestApp, type AdministrationTestApp } from '../support/admin-session.js';
import { createOrganisation } from '../support/applications.js';
import { testBackend } from '../support/database.js';
import { openRefusedForm } from '../support/refused-form.js';

describe(`the administration's scope on ${testBackend}`, () => {
  let database: DatabaseHandle;
  let clock: AdministrationTestApp['clock'];
  let app: AdministrationTestApp['app'];
  const jars: Record<'admin' | 'head', Record<string, string>> = { admin: {}, head: {} };
  let kostanayHeadId: string;
  let aktobeExecutorId: string;

  const request = (path: string, jar: Record<string, string>, init: RequestInit = {}) =>
    app.request(path, {
      ...init,
      headers: {
        accept: 'text/html',
        'accept-language': 'ru',
        cookie: Object.entries(jar)
          .map(([name, value]) => `${name}=${value}`)
          .join('; '),
        ...(init.headers as Record<string, string> | undefined),
      },
    });
  const post = (path: string, jar: Record<string, string>, fields: Record<string, string>) =>
    request(path, jar, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields),
    });
  const isActive = async (id: string) =>
    (
      await database.db
        .selectFrom('staff_account')
        .select('is_active')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).is_active;

  beforeAll(async () => {
    ({ database, clock, app } = await administrationTestApp({
      start: '2026-03-17T05:00:00Z',
      akimat: { id: 'kst-akimat', regionCode: 'kostanay' },
    }));
    await createOrganisation(database, {
      id: 'kst-school',
      kind: 'school',
      regionCode: 'kostanay',
    });
    await createOrganisation(database, { id: 'akt-school', kind: 'school', regionCode: 'aktobe' });
    const hash = hashDemoPassword();
    const [admin] = await ensureDemoStaff(
      database.db,
      'kst-akimat',
      [StaffRole.regionAdministrator],
      clock.now(),
      hash,
    );
    const [head] = await ensureDemoStaff(
      database.db,
      'kst-school',
      [StaffRole.head],
      clock.now(),
      hash,
    );
    const [executor] = await ensureDemoStaff(
      database.db,
      'akt-school',
      [StaffRole.executor],
      clock.now(),
      hash,
    );
    kostanayHeadId = head!.principal.staffId;
    aktobeExecutorId = executor!.principal.staffId;
    for (const [who, member] of [
      ['admin', admin!],
      ['head', head!],
    ] as const) {
      const outcome = await logInStaff(
        { db: database.db },
        { iin: member.iin, password: demoPassword },
        clock.now(),
      );
      if (outcome.kind !== 'signed_in') throw new Error('not signed in');
      jars[who].qyzmet_session = outcome.session.token;
      const page = await request('/admin/organisations', jars[who]);
      for (const header of page.headers.getSetCookie()) {
        const [name, value] = header.split(';')[0]!.split('=');
        if (name === 'qyzmet_csrf') jars[who].qyzmet_csrf = value!;
      }
    }
  }, 120_000);
  afterAll(async () => {
    await database?.close();
  });

  it('shows a region administrator only their region’s organisations; another region’s is 404', async () => {
    const list = await request('/admin/organisations', jars.admin);
    expect(list.status).toBe(200);
    const html = await list.text();
    expect(html).toContain('data-organisation-id="kst-school"');
    expect(html).not.toContain('akt-school');
    expect((await request('/admin/organisations/kst-school', jars.admin)).status).toBe(200);
    for (const path of [
      '/admin',
      '/admin/regulations',
      '/admin/calendar?year=2026',
      '/admin/staff',
    ]) {
      const english = await request(`${path}${path.includes('?') ? '&' : '?'}lang=en`, jars.admin);
      expect(english.status, path).toBe(200);
      expect(await english.text()).toContain('lang="en"');
    }
    const foreign = await request('/admin/organisations/akt-school', jars.admin);
    expect(foreign.status).toBe(404);
    const foreignHtml = await foreign.text();
    expect(foreignHtml).toContain('Страница не найдена');
    expect(foreignHtml).not.toContain('<code>akt-school</code>');
    const staff = await (await request('/admin/staff', jars.admin)).text();
    expect(staff).toContain(kostanayHeadId);
    expect(staff).not.toContain(aktobeExecutorId);
  });

  it('serves the diagram of the region’s regulations only', async () => {
    const own = await request(
      '/admin/regulations/kostanay.duplicates.2018-12-21/diagram.svg',
      jars.admin,
    );
    expect(own.status).toBe(200);
    expect(own.headers.get('content-type')).toContain('image/svg+xml');
    expect(await own.text()).toContain('<svg');
    const foreign = await request(
      '/admin/regulations/aktobe.duplicates.2018-07-20/diagram.svg',
      jars.admin,
    );
    expect(foreign.status).toBe(404);
  });

  it('refuses the administration to a head (403) and to a visitor (sign-in)', async () => {
    expect((await request('/admin', jars.head)).status).toBe(403);
    const visitor = await request('/admin/staff', {});
    expect(visitor.status).toBe(303);
    expect(visitor.headers.get('location')).toBe('/staff/login?next=%2Fadmin%2Fstaff');
  });

  it('deactivates a staff member of the region (audited), not one of another region, not without the token', async () => {
    const foreign = await post(`/admin/staff/${aktobeExecutorId}/active`, jars.admin, {
      _csrf: jars.admin.qyzmet_csrf!,
      isActive: 'false',
    });
    expect(foreign.status).toBe(404);
    expect(await isActive(aktobeExecutorId)).toBe(true);

    const forged = await post(`/admin/staff/${kostanayHeadId}/active`, jars.admin, {
      isActive: 'false',
    });
    expect(forged.status).toBe(403);
    expect(await isActive(kostanayHeadId)).toBe(true);

    const done = await post(`/admin/staff/${kostanayHeadId}/active`, jars.admin, {
      _csrf: jars.admin.qyzmet_csrf!,
      isActive: 'false',
    });
    expect(done.status).toBe(303);
    expect(await isActive(kostanayHeadId)).toBe(false);
    // The deactivated head's session stops working at once.
    expect((await request('/admin', jars.head)).status).toBe(303);
    const audit = await database.db
      .selectFrom('audit_event')
      .select(['action', 'subject_id'])
      .where('action', 'like', 'staff_account.%activated')
      .execute();
    expect(audit).toEqual([{ action: 'staff_account.deactivated', subject_id: kostanayHeadId }]);
  });

  it('changes the roles of a staff member of the region (audited), with a 422 for none and no system role', async () => {
    const roles = async (id: string) =>
      (
        await database.db
          .selectFrom('staff_account')
          .select('roles')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).roles;
    const send = (id: string, organisationId: string, chosen: string[]) => {
      const body = new URLSearchParams({ _csrf: jars.admin.qyzmet_csrf!, organisationId });
      for (const role of chosen) body.append('roles', role);
      return request(`/admin/staff/${id}/roles`, jars.admin, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
      });
    };
    // Post/redirect/get (issue 18, point 11): 303 to the organisation's page, whose GET shows it.
    const none = await openRefusedForm(
      app,
      await send(kostanayHeadId, 'kst-school', []),
      Object.entries(jars.admin)
        .map(([name, value]) => `${name}=${value}`)
        .join('; '),
      '/admin/organisations/kst-school',
      { accept: 'text/html', 'accept-language': 'ru' },
    );
    expect(none.status).toBe(422);
    const html = await none.text();
    expect(html).toContain(`href="#roles-${kostanayHeadId}-head"`);
    expect(html).toContain('Выберите хотя бы одну роль');
    expect(await roles(kostanayHeadId)).toEqual(['head']);

    expect((await send(kostanayHeadId, 'kst-school', ['system_administrator'])).status).toBe(403);
    expect((await send(aktobeExecutorId, 'kst-school', ['head'])).status).toBe(404);
    expect(await roles(aktobeExecutorId)).toEqual(['executor']);

    const done = await send(kostanayHeadId, 'kst-school', ['head', 'executor']);
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/admin/organisations/kst-school?done=1');
    expect(await roles(kostanayHeadId)).toEqual(['executor', 'head']);
    const audit = await database.db
      .selectFrom('audit_event')
      .select(['subject_id', 'details'])
      .where('action', '=', 'staff_account.roles_changed')
      .execute();
    expect(audit).toEqual([
      {
        subject_id: kostanayHeadId,
        details: expect.objectContaining({ before: ['head'], after: ['executor', 'head'] }),
      },
    ]);
  });
});
