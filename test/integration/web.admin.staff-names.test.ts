import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/config/logger.js';
import { generateIin } from '../../src/domain/identity/identity-number-generator.js';
import { Sex } from '../../src/domain/identity/iin.js';
import { StaffRole } from '../../src/domain/shared/roles.js';
import {
  demoPassword,
  ensureDemoStaff,
  hashDemoPassword,
  type DemoStaff,
} from '../../src/features/demo/demo-accounts.js';
import { logInStaff } from '../../src/features/identity/log-in-staff.js';
import { composeApp } from '../../src/cli/compose.js';
import type { DatabaseHandle } from '../../src/storage/db.js';
import { applicationServices, createOrganisation, manualClock } from '../support/applications.js';
import { createTestDatabase, testBackend } from '../support/database.js';
import { openRefusedForm } from '../support/refused-form.js';

/** Issue 18, point 4: staff carry a full name in both spellings; the administration keeps them. */
describe(`staff names in the administration on ${testBackend}`, () => {
  let database: DatabaseHandle;
  const clock = manualClock('2026-03-17T05:00:00Z');
  let app: ReturnType<typeof composeApp>;
  const jar: Record<string, string> = {};
  let head: DemoStaff;
  let foreignExecutor: DemoStaff;

  const request = (path: string, init: RequestInit = {}) =>
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
  const post = (path: string, fields: Record<string, string | string[]>) => {
    const body = new URLSearchParams({ _csrf: jar.qyzmet_csrf! });
    for (const [name, value] of Object.entries(fields))
      for (const one of Array.isArray(value) ? value : [value]) body.append(name, one);
    return request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
  };
  /** A refused form: 303 to its page, whose GET (this browser's cookies) shows the refusal. */
  const refused = (posted: Response, page: string) =>
    openRefusedForm(
      app,
      posted,
      Object.entries(jar)
        .map(([name, value]) => `${name}=${value}`)
        .join('; '),
      page,
      { accept: 'text/html', 'accept-language': 'ru' },
    );
  const accountsOf = (organisationId: string) =>
    database.db
      .selectFrom('staff_account')
      .select(['id', 'iin', 'full_name', 'full_name_kk', 'roles'])
      .where('organisation_id', '=', organisationId)
      .orderBy('iin')
      .execute();
  const audits = (action: string) =>
    database.db
      .selectFrom('audit_event')
      .select(['subject_id', 'details'])
      .where('action', '=', action)
      .execute();

  beforeAll(async () => {
    database = await createTestDatabase();
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
    app = composeApp({
      config,
      logger: createLogger(config),
      database,
      now: clock.now,
      applications: applicationServices(database, clock.now),
    });
    await createOrganisation(database, {
      id: 'kst-akimat',
      kind: 'region_akimat',
      regionCode: 'kostanay',
    });
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
    [head] = (await ensureDemoStaff(
      database.db,
      'kst-school',
      [StaffRole.head],
      clock.now(),
      hash,
    )) as [DemoStaff];
    [foreignExecutor] = (await ensureDemoStaff(
      database.db,
      'akt-school',
      [StaffRole.executor],
      clock.now(),
      hash,
    )) as [DemoStaff];
    const outcome = await logInStaff(
      { db: database.db },
      { iin: admin!.iin, password: demoPassword },
      clock.now(),
    );
    if (outcome.kind !== 'signed_in') throw new Error('not signed in');
    jar.qyzmet_session = outcome.session.token;
    const page = await request('/admin/organisations');
    for (const header of page.headers.getSetCookie()) {
      const [name, value] = header.split(';')[0]!.split('=');
      if (name === 'qyzmet_csrf') jar.qyzmet_csrf = value!;
    }
  }, 120_000);
  afterAll(async () => {
    await database?.close();
  });

  it('gives the demo staff real-looking names in both spellings, no role strings', () => {
    for (const member of [head, foreignExecutor]) {
      expect(member.fullName).toMatch(/^[А-ЯЁ][а-яё]+ [А-ЯЁ][а-яё]+ [А-ЯЁ][а-яё]+(вич|вна)$/);
      expect(member.fullNameKk).toMatch(/^\S+ \S+ \S+(ұлы|қызы|вич|вна)$/);
      expect(member.fullName).not.toMatch(/Head|Руководитель|Executor|Исполнитель|—/);
    }
  });

  it('lists staff by name in the page’s spelling, with Kazakh and Russian role names', async () => {
    const kk = await (await request('/admin/staff?lang=kk')).text();
    expect(kk).toContain(head.fullNameKk);
    expect(kk).toContain('Басшы');
    expect(kk).not.toMatch(/>Head<|Руководитель —|Head \//);
    const ru = await (await request('/admin/staff?lang=ru')).text();
    expect(ru).toContain(head.fullName);
    expect(ru).toContain('Руководитель');
    expect(ru).not.toMatch(/>Head<|Руководитель —|Head \//);
  });

  it('adds a staff member with both spellings and roles (audited); bad input changes nothing', async () => {
    const iin = generateIin('1991-07-15', Sex.female, 2345);
    const before = await accountsOf('kst-school');
    // Post/redirect/get (issue 18, point 11): 303 to the organisation's page, which shows it.
    const empty = await refused(
      await post('/admin/organisations/kst-school/staff', {
        iin,
        fullName: '',
        fullNameKk: '',
      }),
      '/admin/organisations/kst-school',
    );
    expect(empty.status).toBe(422);
    const emptyHtml = await empty.text();
    expect(emptyHtml).toContain('href="#add-staff-fullName"');
    expect(emptyHtml).toContain('href="#add-staff-roles"');
    expect(emptyHtml).toContain(`value="${iin}"`);
    const badIin = await refused(
      await post('/admin/organisations/kst-school/staff', {
        iin: '123456789012',
        fullName: 'Сейткалиева Алия Маратовна',
        fullNameKk: 'Сейітқалиева Әлия Маратқызы',
        roles: 'executor',
      }),
      '/admin/organisations/kst-school',
    );
    expect(badIin.status).toBe(422);
    expect(await badIin.text()).toContain('href="#add-staff-iin"');
    expect(await accountsOf('kst-school')).toEqual(before);
    expect(
      (
        await post('/admin/organisations/akt-school/staff', {
          iin,
          fullName: 'А Б',
          fullNameKk: 'А Б',
          roles: 'executor',
        })
      ).status,
    ).toBe(404);

    const added = await post('/admin/organisations/kst-school/staff', {
      iin,
      fullName: 'Сейткалиева Алия Маратовна',
      fullNameKk: 'Сейітқалиева Әлия Маратқызы',
      roles: ['executor', 'registry_office'],
    });
    expect(added.status).toBe(303);
    expect(added.headers.get('location')).toBe('/admin/organisations/kst-school?done=1');
    const row = (await accountsOf('kst-school')).find((account) => account.iin === iin)!;
    expect(row).toMatchObject({
      full_name: 'Сейткалиева Алия Маратовна',
      full_name_kk: 'Сейітқалиева Әлия Маратқызы',
    });
    expect([...row.roles].sort()).toEqual(['executor', 'registry_office']);
    expect((await audits('staff_account.created')).map((audit) => audit.subject_id)).toContain(
      row.id,
    );
    const again = await refused(
      await post('/admin/organisations/kst-school/staff', {
        iin,
        fullName: 'Другая Фамилия Имя',
        fullNameKk: 'Басқа Тегі Аты',
        roles: 'executor',
      }),
      '/admin/organisations/kst-school',
    );
    expect(again.status).toBe(422);
    expect(await again.text()).toContain('Сотрудник с этим ИИН уже есть в этой организации');
  });

  it('corrects a name in both spellings (audited with before and after); empty or foreign refused', async () => {
    const path = `/admin/organisations/kst-school/staff/${head.principal.staffId}/name`;
    const empty = await refused(
      await post(path, { fullName: '', fullNameKk: 'Нұрпейісов' }),
      '/admin/organisations/kst-school',
    );
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain(`href="#name-${head.principal.staffId}-fullName"`);
    const foreign = await post(
      `/admin/organisations/akt-school/staff/${foreignExecutor.principal.staffId}/name`,
      { fullName: 'Иванов Иван Иванович', fullNameKk: 'Иванов Иван Иванұлы' },
    );
    expect(foreign.status).toBe(404);
    const elsewhere = await post(
      `/admin/organisations/kst-school/staff/${foreignExecutor.principal.staffId}/name`,
      { fullName: 'Иванов Иван Иванович', fullNameKk: 'Иванов Иван Иванұлы' },
    );
    expect(elsewhere.status).toBe(404);
    expect(await audits('staff_account.renamed')).toEqual([]);

    const done = await post(path, {
      fullName: 'Нурпеисов Асхат Кайратович',
      fullNameKk: 'Нұрпейісов Асхат Қайратұлы',
    });
    expect(done.status).toBe(303);
    const row = (await accountsOf('kst-school')).find(
      (account) => account.id === head.principal.staffId,
    )!;
    expect(row).toMatchObject({
      full_name: 'Нурпеисов Асхат Кайратович',
      full_name_kk: 'Нұрпейісов Асхат Қайратұлы',
    });
    expect(await audits('staff_account.renamed')).toEqual([
      {
        subject_id: head.principal.staffId,
        details: expect.objectContaining({
          before: { fullName: head.fullName, fullNameKk: head.fullNameKk },
          after: {
            fullName: 'Нурпеисов Асхат Кайратович',
            fullNameKk: 'Нұрпейісов Асхат Қайратұлы',
          },
        }),
      },
    ]);
    const kk = await (await request('/admin/organisations/kst-school?lang=kk')).text();
    expect(kk).toContain('Нұрпейісов Асхат Қайратұлы');
  });
});
