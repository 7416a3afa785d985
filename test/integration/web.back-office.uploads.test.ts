import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateIin } from '../../src/domain/identity/identity-number-generator.js';
import { Sex } from '../../src/domain/identity/iin.js';
import { registerProvenCitizen } from '../support/citizens.js';
import {
  attachDraftDocument,
  otherDocumentKind,
} from '../../src/features/portal/attach-draft-document.js';
import { requestDraftCertification } from '../../src/features/portal/request-draft-certification.js';
import { savePortalDraft } from '../../src/features/portal/save-portal-draft.js';
import { submitPortalDraft } from '../../src/features/portal/submit-portal-draft.js';
import { InMemorySmsOutbox } from '../../src/integrations/sms/sms-sender.js';
import { applicationServices, createOrganisation } from '../support/applications.js';
import {
  createBackOfficeFixture,
  type BackOfficeFixture,
  type FixtureStaff,
} from '../support/back-office.js';

const duplicatesRegulationId = 'national.duplicates.2020-01-01';
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('the applicant’s portal uploads in the back office', () => {
  let f: BackOfficeFixture;
  let applicationId = '';
  let applicantCookie = '';
  const scan = new TextEncoder().encode(
    '%PDF-1.7\n1 0 obj <<>> endobj\n% диплом, повреждённый\n%%EOF\n',
  );
  const photo = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
  const uploadIds: Record<string, string> = {};

  beforeAll(async () => {
    f = await createBackOfficeFixture('2026-03-02T05:00:00Z');
    await createOrganisation(f.database, {
      id: 'kst-front-office',
      kind: 'front_office',
      regionCode: 'kostanay',
    });
    const services = applicationServices(f.database, f.clock.now);
    const sms = new InMemorySmsOutbox();
    const iin = generateIin('1990-01-15', Sex.female, 7301);
    const phone = '+77015550301';
    const registered = await registerProvenCitizen(
      { db: f.database.db },
      { iin, phone, password: 'Portal-2026-pass' },
      f.clock.now(),
    );
    const citizen = { accountId: registered.citizenAccountId, iin, phone };
    const { draftId } = await savePortalDraft(services, citizen, {
      regulationId: duplicatesRegulationId,
      providerOrganisationId: 'kst-school-1',
      frontOfficeId: 'kst-front-office',
      fields: { 'applicant-iin': iin, 'document-status': 'damaged', 'name-changed': 'no' },
      language: 'ru',
    });
    for (const [kind, fileName, content] of [
      ['original-education-document', 'Аттестат (повреждён).pdf', scan],
      [otherDocumentKind, 'photo.png', photo],
    ] as const) {
      const attached = await attachDraftDocument(services, citizen, {
        draftId,
        kind,
        fileName,
        content,
      });
      uploadIds[kind] = attached.documentId;
    }
    const challenge = await requestDraftCertification({ ...services, sms }, citizen, draftId);
    const submitted = await submitPortalDraft(services, citizen, {
      draftId,
      challengeId: challenge.challengeId,
      code: sms.lastCodeTo(phone),
    });
    applicationId = submitted.applicationId;
    applicantCookie = `qyzmet_lang=ru`;
  }, 120_000);
  afterAll(async () => {
    await f.database.close();
  });

  const get = async (who: FixtureStaff, path: string) => {
    const session = await f.logIn(who);
    return f.app.request(path, { headers: { cookie: session.cookie } });
  };
  const auditRows = () =>
    f.database.db
      .selectFrom('audit_event')
      .select(['action', 'subject_id', 'details'])
      .where('action', '=', 'application.read')
      .orderBy('id')
      .execute();

  it('lists the files with their SHA-256 equal to the application’s, and serves them to the holder', async () => {
    const page = await get(f.staff.registry, `/back-office/applications/${applicationId}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    const uploadId = uploadIds['original-education-document']!;
    const link = `/back-office/applications/${applicationId}/uploads/${uploadId}`;
    expect(html).toContain(`href="${link}"`);
    expect(html).toContain(`<code class="sha256">${sha256(scan)}</code>`);
    // Each file is named by the regulation's document title, never by its internal id.
    const attachments = html.slice(
      html.indexOf('id="attachments"'),
      html.indexOf('</ul>', html.indexOf('id="attachments"')),
    );
    expect(attachments).toContain('Оригинал документа об образовании');
    expect(attachments).toContain('Другой документ');
    expect(attachments).not.toContain('original-education-document');
    expect(attachments).not.toContain(`(${otherDocumentKind},`);
    const recorded = await f.database.db
      .selectFrom('application_event')
      .select('payload')
      .where('application_id', '=', applicationId)
      .execute();
    // The engine recorded exactly this SHA-256 in the submission.
    expect(JSON.stringify(recorded)).toContain(sha256(scan));

    const before = (await auditRows()).length;
    const download = await get(f.staff.executor, link);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('content-disposition')).toContain('attachment;');
    expect(download.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent('Аттестат (повреждён).pdf')}`,
    );
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    const bytes = new Uint8Array(await download.arrayBuffer());
    expect(sha256(bytes)).toBe(sha256(scan));
    const audit = await auditRows();
    expect(audit.length).toBe(before + 1);
    expect(audit.at(-1)).toMatchObject({
      subject_id: applicationId,
      details: { upload: uploadId, sha256: sha256(scan) },
    });
  });

  it('serves an image with its own content type', async () => {
    const uploadId = uploadIds[otherDocumentKind]!;
    const download = await get(
      f.staff.head,
      `/back-office/applications/${applicationId}/uploads/${uploadId}`,
    );
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('image/png');
  });

  it('answers 404 to another organisation, to a visitor without a staff session, and for another application’s file, and audits nothing', async () => {
    const uploadId = uploadIds['original-education-document']!;
    const before = (await auditRows()).length;
    const other = await get(
      f.staff.otherHead,
      `/back-office/applications/${applicationId}/uploads/${uploadId}`,
    );
    expect(other.status).toBe(404);
    expect(await other.text()).not.toContain('%PDF');
    // Another application of the same organisation does not open this file.
    const now = f.clock.now().toISOString();
    f.clock.set('2019-04-01T04:00:00Z'); // the Kostanay duplicates version the fixture submits
    const { applicationId: unrelated } = await f.submit();
    f.clock.set(now);
    const crossed = await get(
      f.staff.registry,
      `/back-office/applications/${unrelated}/uploads/${uploadId}`,
    );
    expect(crossed.status).toBe(404);
    const unknown = await get(
      f.staff.registry,
      `/back-office/applications/${applicationId}/uploads/00000000-0000-4000-8000-000000000000`,
    );
    expect(unknown.status).toBe(404);
    // Without a staff session: to the staff sign-in, no bytes.
    const anonymous = await f.app.request(
      `/back-office/applications/${applicationId}/uploads/${uploadId}`,
      { headers: { cookie: applicantCookie } },
    );
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toContain('/staff/login');
    expect((await auditRows()).length).toBe(before);
  });

  it('refuses to serve a file whose bytes no longer match the recorded SHA-256', async () => {
    const uploadId = uploadIds['original-education-document']!;
    await f.database.db
      .updateTable('portal_draft_document')
      .set({ content: new TextEncoder().encode('%PDF-1.7\n tampered \n%%EOF\n') })
      .where('id', '=', uploadId)
      .execute();
    const response = await get(
      f.staff.registry,
      `/back-office/applications/${applicationId}/uploads/${uploadId}`,
    );
    expect(response.status).toBe(404);
  });
});
