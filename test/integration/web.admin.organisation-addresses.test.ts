import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StaffRole } from '../../src/domain/shared/roles.js';
import { ensureDemoStaff, hashDemoPassword } from '../../src/features/demo/demo-accounts.js';
import type { DatabaseHandle } from '../../src/storage/db.js';
import {
  administrationTestApp,
  administratorCookie,
  type AdministrationTestApp,
} from '../support/admin-session.js';
import { createOrganisation } from '../support/applications.js';
import { testBackend } from '../support/database.js';

// Issue 18, point 11: where the administration lists an organisation — the organisations, the
// staff (each member's organisation), an organisation's parent — its address is shown beside it,
// in the page's spelling, and marked lang="ru"/"kk" where it is in another language than the
// page (an English page; a Kazakh page of an organisation whose address is stored in Russian).

const akimat = { kk: 'Қостанай, Әл-Фараби даңғылы, 66', ru: 'Костанай, проспект Аль-Фараби, 66' };
const schoolAddress = 'Костанай, улица Байтурсынова, 9';

describe(`organisation addresses on the administration's pages, on ${testBackend}`, () => {
  let database: DatabaseHandle;
  let app: AdministrationTestApp['app'];
  let cookie = '';

  const get = async (path: string, locale: 'kk' | 'ru' | 'en') => {
    const response = await app.request(`${path}?lang=${locale}`, {
      headers: { accept: 'text/html', cookie },
    });
    expect(response.status, path).toBe(200);
    return response.text();
  };
  /** The cell of the staff table naming the member's organisation. */
  const organisationCell = (html: string, organisationId: string) =>
    new RegExp(`<td[^>]*><a href="/admin/organisations/${organisationId}">([^]*?)</td>`).exec(
      html,
    )?.[1] ?? '';

  beforeAll(async () => {
    const setup = await administrationTestApp({
      start: '2026-03-17T05:00:00Z',
      akimat: {
        id: 'kst-akimat',
        regionCode: 'kostanay',
        addressKk: akimat.kk,
        addressRu: akimat.ru,
      },
    });
    ({ database, app } = setup);
    const { clock } = setup;
    // A school whose address is stored in Russian only.
    await createOrganisation(database, {
      id: 'kst-school',
      kind: 'school',
      regionCode: 'kostanay',
      parentId: 'kst-akimat',
      addressRu: schoolAddress,
    });
    await ensureDemoStaff(
      database.db,
      'kst-school',
      [StaffRole.head],
      clock.now(),
      hashDemoPassword(),
    );
    cookie = await administratorCookie(database, 'kst-akimat', clock.now());
  }, 120_000);
  afterAll(async () => database?.close());

  it('the staff list shows each member’s organisation with its address, in the page’s spelling', async () => {
    const ru = await get('/admin/staff', 'ru');
    expect(organisationCell(ru, 'kst-akimat')).toContain(akimat.ru);
    expect(organisationCell(ru, 'kst-school')).toContain(schoolAddress);
    const kk = await get('/admin/staff', 'kk');
    expect(organisationCell(kk, 'kst-akimat')).toContain(akimat.kk);
    expect(organisationCell(kk, 'kst-akimat')).not.toContain('lang=');
    // Stored in Russian only: shown in Russian, declared so on the Kazakh page.
    expect(organisationCell(kk, 'kst-school')).toContain(`<span lang="ru">${schoolAddress}</span>`);
    const en = await get('/admin/staff', 'en');
    expect(organisationCell(en, 'kst-akimat')).toContain(`<span lang="ru">${akimat.ru}</span>`);
  });

  it('an organisation’s page shows its parent’s address, and its own declared where foreign', async () => {
    const ru = await get('/admin/organisations/kst-school', 'ru');
    expect(ru).toMatch(
      new RegExp(
        `<a href="/admin/organisations/kst-akimat">[^]*?</a><br/><span[^>]*>${akimat.ru}</span>`,
      ),
    );
    const kk = await get('/admin/organisations/kst-school', 'kk');
    expect(kk).toContain(akimat.kk);
    expect(kk).toContain(`<dd><span lang="ru">${schoolAddress}</span></dd>`);
    const en = await get('/admin/organisations', 'en');
    expect(en).toMatch(
      new RegExp(
        `<tr data-organisation-id="kst-school">[^]*?<span lang="ru">${schoolAddress}</span>`,
      ),
    );
  });
});
