import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createPortalFixture,
  duplicatesForm,
  duplicatesRegulationId,
  type PortalFixture,
} from '../support/portal.js';
import { openRefusedForm } from '../support/refused-form.js';

let fixture: PortalFixture;
let cookie = '';
let token = '';
let documentsPath = '';

beforeAll(async () => {
  fixture = await createPortalFixture();
  const citizen = await fixture.citizen(2);
  ({ cookie, token } = await fixture.csrf(citizen.cookie, `/apply/${duplicatesRegulationId}`));
  const saved = await fixture.post(
    `/apply/${duplicatesRegulationId}`,
    cookie,
    duplicatesForm(token, citizen.iin),
  );
  documentsPath = saved.headers.get('location')!;
});
afterAll(async () => {
  await fixture?.database.close();
});

const storedFiles = async () =>
  fixture.database.db.selectFrom('portal_draft_document').select(['sha256', 'file_name']).execute();

function upload(name: string, content: Uint8Array, type: string, lang = 'ru') {
  const form = new FormData();
  form.set('_csrf', token);
  form.set('kind', 'original-education-document');
  form.set('file', new File([content], name, { type }));
  return fixture.app.request(`${documentsPath}?lang=${lang}`, {
    method: 'POST',
    headers: { cookie },
    body: form,
  });
}

describe('uploads on the portal form', () => {
  it('refuses a renamed executable (type by content, not extension) with a localised error', async () => {
    const fake = new TextEncoder().encode('MZ\u0090\u0000 not a pdf at all');
    // Post/redirect/get (issue 18, point 11): 303 to the documents page, which shows the refusal.
    const posted = await upload('scan.pdf', fake, 'application/pdf', 'ru');
    const ru = await openRefusedForm(fixture.app, posted, cookie, `${documentsPath}?lang=ru`);
    expect(ru.status).toBe(422);
    const page = await ru.text();
    expect(page).toContain('Принимаются только файлы PDF, JPEG или PNG');
    expect(page).toContain('aria-invalid="true"');
    const postedKk = await upload('scan.pdf', fake, 'application/pdf', 'kk');
    const kk = await openRefusedForm(fixture.app, postedKk, cookie, `${documentsPath}?lang=kk`);
    expect(await kk.text()).toContain('Тек PDF, JPEG немесе PNG файлдары қабылданады');
    expect(await storedFiles()).toEqual([]);
  });

  it('refuses a file over 10 MB and stores nothing', async () => {
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(new TextEncoder().encode('%PDF-1.7\n'));
    const posted = await upload('big.pdf', big, 'application/pdf');
    const response = await openRefusedForm(fixture.app, posted, cookie, `${documentsPath}?lang=ru`);
    expect(response.status).toBe(422);
    expect(await response.text()).toContain('Файл должен быть не больше 10 МБ');
    expect(await storedFiles()).toEqual([]);
  });

  it('accepts a PNG, stores it with its SHA-256 and shows the checksum', async () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    const response = await upload('C:\\scans\\photo.png', png, 'image/png');
    expect(response.status).toBe(303);
    const sha256 = createHash('sha256').update(png).digest('hex');
    expect(await storedFiles()).toEqual([{ sha256, file_name: 'photo.png' }]);
    const page = await fixture.app.request(response.headers.get('location')!, {
      headers: { cookie },
    });
    expect(await page.text()).toContain(sha256);
  });
});
