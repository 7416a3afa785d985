import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/config/logger.js';
import { DomainError } from '../../src/domain/shared/domain-error.js';
import { sampleFields } from '../../src/documents/sample-fields.js';
import { findTemplate } from '../../src/documents/templates.js';
import { issueDocument, type IssuedDocument } from '../../src/features/documents/issue-document.js';
import { reissueDocument } from '../../src/features/documents/reissue-document.js';
import {
  getDocumentPdf,
  listDocumentsOfApplication,
} from '../../src/features/documents/get-document.js';
import { composeApp } from '../../src/cli/compose.js';
import { issueCrl } from '../../src/signing/certificate-authority.js';
import { createDemoPki, type DemoPki } from '../../src/signing/demo-pki.js';
import type { DatabaseHandle } from '../../src/storage/db.js';
import { createTestDatabase } from '../support/database.js';
import { regulationOf } from '../support/regulation-of.js';
import { pdfQrCodes, pdfText } from '../support/documents.js';
import { testConfig } from '../support/server.js';
import { applicationServices } from '../support/applications.js';

const now = new Date('2026-03-20T05:00:00Z');
const publicUrl = 'https://qyzmet.example.kz';
const head = {
  iin: '780312350345',
  surname: 'Жұмабеков',
  name: 'Ержан',
  patronymic: 'Бауыржанұлы',
  organisation: { name: 'ГУ «Отдел образования города Актобе»', bin: '040340001234', isHead: true },
};
// The result of Kostanay's extern-permission regulation, as its definition lists it.
const definition = regulationOf('extern-permission', 'kostanay').results.find(
  (entry) => entry.kind === 'result',
)!;
const template = findTemplate('result', definition);

let database: DatabaseHandle;
let pki: DemoPki;
let issued: IssuedDocument;
let app: ReturnType<typeof composeApp>;
let storedInTransaction: string | undefined;

beforeAll(async () => {
  database = await createTestDatabase();
  pki = await createDemoPki({ now, holders: [head] });
  const trustStore = pki.trustStore();
  issued = await issueDocument(
    database.db,
    { trustStore, publicUrl },
    {
      kind: 'result',
      serviceCode: 'extern-permission',
      definition,
      applicationId: 'APP-000123',
      fields: sampleFields(template),
      signer: pki.holders[0]!.signing,
      expectedSigner: { iin: head.iin, bin: head.organisation.bin },
      actor: { kind: 'staff', id: 'staff-head-1' },
      onStored: async (transaction, document) => {
        storedInTransaction = (
          await transaction
            .selectFrom('document')
            .select('number')
            .where('id', '=', document.id)
            .executeTakeFirst()
        )?.number;
      },
    },
    now,
  );
  // The app is given the open test database; the configured one is not used.
  const config = testConfig({ kind: 'pglite', dataDir: 'memory://' });
  app = composeApp({
    config,
    logger: createLogger(config),
    database,
    now: () => new Date(now.getTime() + 60_000),
    trustStore: () => trustStore,
    applications: applicationServices(database, () => now),
  });
}, 120_000);

afterAll(async () => {
  await database?.close();
});

const json = (path: string, init?: RequestInit) =>
  app.request(path, { ...init, headers: { accept: 'application/json', ...(init?.headers ?? {}) } });

describe('issued documents and /verify', () => {
  it('the PDF carries both titles and the number, and its QR code opens the verification page', () => {
    const text = pdfText(issued.pdf).replace(/\s+/g, ' ');
    expect(text).toContain(template.title.kk);
    expect(text).toContain(template.title.ru);
    expect(text).toMatch(/RES-2026-\d{6}/);
    expect(text).toContain(issued.number);
    // The value printed on the PDF is the one /verify shows under the same name.
    expect(text).toContain(issued.signedContentSha256);
    expect(text).toContain('ЖҰМАБЕКОВ ЕРЖАН БАУЫРЖАНҰЛЫ');
    expect(pdfQrCodes(issued.pdf)).toEqual([`${publicUrl}/verify/${issued.id}`]);
    expect(storedInTransaction).toBe(issued.number);
  });

  it('records an audit row with the hashes in the same transaction', async () => {
    const rows = await database.db
      .selectFrom('audit_event')
      .select(['action', 'actor_kind', 'actor_id', 'subject_id', 'details'])
      .where('subject_type', '=', 'document')
      .where('subject_id', '=', issued.id)
      .execute();
    expect(rows).toEqual([
      {
        action: 'document.issued',
        actor_kind: 'staff',
        actor_id: 'staff-head-1',
        subject_id: issued.id,
        details: expect.objectContaining({ number: issued.number, pdfSha256: issued.pdfSha256 }),
      },
    ]);
  });

  it('answers genuine for the issued document, with who signed it and when', async () => {
    const response = await json(`/verify/${issued.id}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      genuine: true,
      intact: true,
      signature: { valid: true },
      number: issued.number,
      kind: 'result',
      signerName: 'ЖҰМАБЕКОВ ЕРЖАН БАУЫРЖАНҰЛЫ',
      signedAt: now.toISOString(),
      pdfSha256: issued.pdfSha256,
    });
    // No personal data beyond the document's own header facts: the applicant is not shown.
    expect(JSON.stringify(body)).not.toContain('Сейітқали');
  });

  it('renders a server-side page in the language asked for, without login', async () => {
    const kk = await (
      await app.request(`/verify/${issued.id}`, { headers: { 'accept-language': 'kk' } })
    ).text();
    expect(kk).toContain('lang="kk"');
    expect(kk).toContain('Құжат түпнұсқа');
    expect(kk).toContain('data-genuine="true"');
    const ru = await (await app.request(`/verify/${issued.id}?lang=ru`)).text();
    expect(ru).toContain('Документ подлинный');
    expect(ru).toContain(template.title.kk);
    expect(ru).toContain(template.title.ru);
    expect(ru).not.toContain('Сейітқали');
    const en = await (
      await app.request(`/verify/${issued.id}`, {
        headers: { 'accept-language': 'en-GB,en;q=0.9' },
      })
    ).text();
    expect(en).toContain('The document is genuine');
  });

  it('accepts an identical copy and answers not genuine for an altered one', async () => {
    const same = await json(`/verify/${issued.id}?sha256=${issued.pdfSha256}`);
    expect(await same.json()).toMatchObject({ genuine: true, presented: { matches: true } });

    const altered = new Uint8Array(issued.pdf);
    const index = Buffer.from(altered).indexOf('RES-2026');
    altered[index + 4] = '3'.charCodeAt(0);
    const post = await json(`/verify/${issued.id}`, {
      method: 'POST',
      body: altered,
      headers: { 'content-type': 'application/pdf' },
    });
    expect(await post.json()).toMatchObject({ genuine: false, presented: { matches: false } });

    const form = new FormData();
    form.set('file', new File([altered], 'copy.pdf', { type: 'application/pdf' }));
    const page = await (
      await app.request(`/verify/${issued.id}?lang=ru`, { method: 'POST', body: form })
    ).text();
    expect(page).toContain('Документ не подлинный');
    expect(page).toContain('копия отличается');

    const upload = new FormData();
    upload.set('file', new File([issued.pdf], 'copy.pdf', { type: 'application/pdf' }));
    expect(
      await (
        await app.request(`/verify/${issued.id}?lang=en`, { method: 'POST', body: upload })
      ).text(),
    ).toContain('The presented copy is identical');
  });

  it('answers 404 for an unknown id and 422 for a malformed hash', async () => {
    expect((await json('/verify/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await app.request('/verify/not-a-uuid?lang=kk')).status).toBe(404);
    expect((await json(`/verify/${issued.id}?sha256=xyz`)).status).toBe(422);
  });

  it('keeps document rows immutable in SQL', async () => {
    await expect(
      sql`update document set signer_name = 'x' where id = ${issued.id}`.execute(database.db),
    ).rejects.toThrow(/immutable/);
    await expect(
      sql`delete from document where id = ${issued.id}`.execute(database.db),
    ).rejects.toThrow(/immutable/);
    const row = await database.db
      .selectFrom('document')
      .select('signer_name')
      .where('id', '=', issued.id)
      .executeTakeFirstOrThrow();
    expect(row.signer_name).toBe('ЖҰМАБЕКОВ ЕРЖАН БАУЫРЖАНҰЛЫ');
  });

  it('reissues as a new document referencing the old one, once', async () => {
    const trustStore = pki.trustStore();
    const later = new Date(now.getTime() + 3_600_000);
    const second = await reissueDocument(
      database.db,
      { trustStore, publicUrl },
      {
        documentId: issued.id,
        fields: { 'student-name': 'Сейітқали Нұрсұлтан' },
        signer: pki.holders[0]!.signing,
      },
      later,
    );
    expect(second.id).not.toBe(issued.id);
    expect(second.number).not.toBe(issued.number);
    expect(pdfText(second.pdf)).toContain(issued.number);
    const old = (await (await json(`/verify/${issued.id}`)).json()) as Record<string, unknown>;
    expect(old).toMatchObject({
      genuine: true,
      replacedBy: { id: second.id, number: second.number },
    });
    expect(await listDocumentsOfApplication(database.db, 'APP-000123')).toEqual([
      expect.objectContaining({ id: issued.id, isCurrent: false }),
      expect.objectContaining({ id: second.id, replacesDocumentId: issued.id, isCurrent: true }),
    ]);
    const download = await getDocumentPdf(database.db, second.id);
    expect(download.fileName).toBe(`${second.number}.pdf`);
    expect(Buffer.from(download.pdf).equals(Buffer.from(second.pdf))).toBe(true);
    const fresh = (await (await json(`/verify/${second.id}`)).json()) as Record<string, unknown>;
    expect(fresh).toMatchObject({ replaces: { id: issued.id, number: issued.number } });
    await expect(
      reissueDocument(
        database.db,
        { trustStore, publicUrl },
        { documentId: issued.id, signer: pki.holders[0]!.signing },
        later,
      ),
    ).rejects.toMatchObject({ code: 'conflict' });
  });

  it('refuses to issue when the key is not the expected official’s', async () => {
    await expect(
      issueDocument(
        database.db,
        { trustStore: pki.trustStore(), publicUrl },
        {
          kind: 'result',
          serviceCode: 'extern-permission',
          definition,
          fields: sampleFields(template),
          signer: pki.holders[0]!.signing,
          expectedSigner: { bin: '160440007161' },
        },
        now,
      ),
    ).rejects.toMatchObject({
      code: 'signature_not_confirmed',
      details: { reason: 'bin_mismatch' },
    });
    await expect(
      issueDocument(
        database.db,
        { trustStore: pki.trustStore(), publicUrl },
        {
          // Not a kind Qyzmet issues.
          kind: 'enrolment_notice' as never,
          serviceCode: 'extern-permission',
          fields: {},
          signer: pki.holders[0]!.signing,
        },
        now,
      ),
    ).rejects.toMatchObject({ code: 'validation_failed' });
  });

  it('refuses to issue with a revoked official key, and keeps earlier documents genuine', async () => {
    // A newer CRL of the issuing CA revokes the head's signing key half an hour after `now`.
    const trustStore = pki.trustStore();
    const crl = await issueCrl(pki.issuing, {
      revoked: [
        {
          serialNumber: pki.holders[0]!.signing.certificate.serialNumber,
          revokedAt: new Date(now.getTime() + 30 * 60_000),
        },
      ],
      thisUpdate: new Date(now.getTime() + 30 * 60_000),
      nextUpdate: new Date(now.getTime() + 86_400_000),
    });
    trustStore.addCrl(new Uint8Array(crl.rawData));
    const attempt = issueDocument(
      database.db,
      { trustStore, publicUrl },
      {
        kind: 'receipt',
        serviceCode: 'extern-permission',
        fields: sampleFields(findTemplate('receipt')),
        signer: pki.holders[0]!.signing,
      },
      new Date(now.getTime() + 2 * 3_600_000),
    );
    await expect(attempt).rejects.toBeInstanceOf(DomainError);
    await expect(attempt).rejects.toMatchObject({
      code: 'signature_not_confirmed',
      details: { reason: 'certificate_revoked' },
    });
    const verifyApp = composeApp({ ...appDeps(), trustStore: () => trustStore });
    const body = (await (
      await verifyApp.request(`/verify/${issued.id}`, { headers: { accept: 'application/json' } })
    ).json()) as Record<string, unknown>;
    expect(body).toMatchObject({ genuine: true });
  });
});

function appDeps() {
  const config = testConfig({ kind: 'pglite', dataDir: 'memory://' });
  return {
    config,
    logger: createLogger(config),
    database,
    now: () => new Date(now.getTime() + 3 * 3_600_000),
    applications: applicationServices(database, () => now),
  };
}
