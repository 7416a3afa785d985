import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatKazakhstanTime } from '../../src/documents/document-content.js';
import { findDocument } from '../../src/storage/document.repository.js';
import { createBackOfficeFixture, type BackOfficeFixture } from '../support/back-office.js';
import { pdfQrCodes, pdfText } from '../support/documents.js';

/**
 * Issue 18, points 1 and 2: a draft never looks signed; the issued document states who signed
 * it and when, exactly as /verify records it; the values printed on it verify on /verify.
 */
const duplicateFields = {
  'document-type': 'Аттестат об общем среднем образовании',
  'holder-name': 'Сейітқали Әлия',
  school: 'School 1',
};
const normalise = (value: string) => value.replace(/\s+/g, ' ');
const toPem = (der: Uint8Array) =>
  `-----BEGIN CERTIFICATE-----\n${Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')}\n-----END CERTIFICATE-----\n`;

describe('a draft is marked as a draft; the issued document states the signature', () => {
  let f: BackOfficeFixture;
  let draftPdf: Uint8Array;
  let issuedPdf: Uint8Array;
  let documentId: string;
  let draftTime: Date;
  let signingTime: Date;
  let verification: {
    genuine: boolean;
    signerName: string;
    signedAt: string;
    verificationCode: string;
    signedContentSha256: string;
  };

  beforeAll(async () => {
    f = await createBackOfficeFixture();
    const { applicationId } = await f.toReview();
    draftTime = f.clock.now();
    const prepared = await f.prepare(f.staff.executor, applicationId, {
      outcome: 'result',
      fields: duplicateFields,
    });
    expect(prepared.status).toBe(200);
    const draft = (await prepared.json()) as {
      draftId: string;
      documentId: string;
      pdfSha256: string;
    };
    documentId = draft.documentId;
    const session = await f.logIn(f.staff.head);
    const download = await f.app.request(
      `/back-office/applications/${applicationId}/drafts/${draft.draftId}.pdf`,
      { headers: { cookie: session.cookie } },
    );
    expect(download.status).toBe(200);
    draftPdf = new Uint8Array(await download.arrayBuffer());

    // The head signs three minutes later: the document must state that time, not the draft's.
    signingTime = new Date(draftTime.getTime() + 3 * 60_000);
    f.clock.set(signingTime.toISOString());
    const signed = await f.sign(
      f.staff.head,
      applicationId,
      draft.draftId,
      await f.cmsOverHash(0, draft.pdfSha256),
    );
    expect(signed.status).toBe(200);
    const stored = await findDocument(f.database.db, documentId);
    issuedPdf = stored!.pdf;
    const response = await f.call('GET', `/verify/${documentId}`, {
      headers: { accept: 'application/json' },
    });
    verification = (await response.json()) as typeof verification;
  }, 180_000);

  afterAll(async () => {
    await f.database.close();
  });

  it('marks the draft on every page, with no signature line and no QR code', () => {
    const text = normalise(pdfText(draftPdf));
    expect(text).toContain('ЖОБА — қол қойылмаған');
    expect(text).toContain('ПРОЕКТ — не подписан');
    expect(text).not.toMatch(/Подписано|ЭЦҚ-мен|Код проверки|SHA-256|\/verify\//);
    expect(text).not.toContain(formatKazakhstanTime(draftTime));
    expect(pdfQrCodes(draftPdf)).toEqual([]);
  });

  it('states the signer’s name and the signing time exactly as the verification record', () => {
    expect(verification.genuine).toBe(true);
    expect(verification.signedAt).toBe(signingTime.toISOString());
    // The fixture head's certificate: CN «ДИРЕКТОРОВА АЙГҮЛ» (nca-conventions displayName).
    expect(verification.signerName).toBe('ДИРЕКТОРОВА АЙГҮЛ');
    const text = normalise(pdfText(issuedPdf));
    // The title of the regulation's own result (`results`), not a template in code.
    expect(text).toContain('Дубликат');
    expect(text).not.toContain('Запись о выдаче');
    expect(text).toContain(`Подписал: ${verification.signerName}`);
    expect(text).toContain(`Время подписания: ${formatKazakhstanTime(signingTime)}`);
    expect(text).not.toContain(formatKazakhstanTime(draftTime));
    expect(text).not.toMatch(/ПРОЕКТ|ЖОБА/);
    const codes = pdfQrCodes(issuedPdf);
    expect(codes).toHaveLength(1);
    expect(codes[0]).toMatch(new RegExp(`^https?://[^/]+/verify/${documentId}$`));
  });

  it('the verification code printed on the PDF, typed into /verify, says genuine', async () => {
    const printed = /Код проверки: ([0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4})/.exec(
      normalise(pdfText(issuedPdf)),
    )?.[1];
    expect(printed).toBe(verification.verificationCode);
    // Typed as a person would: lower case, with spaces instead of dashes.
    const typed = printed!.toLowerCase().replace(/-/g, ' ');
    const redirect = await f.call('GET', `/verify?code=${encodeURIComponent(typed)}&lang=ru`);
    expect(redirect.status).toBe(303);
    expect(redirect.headers.get('location')).toBe(`/verify/${documentId}?lang=ru`);
    const page = await (await f.call('GET', redirect.headers.get('location')!)).text();
    expect(page).toContain('data-genuine="true"');
    expect(page).toContain('Документ подлинный');
    expect(page).toContain('SHA-256 подписанного содержания');
    expect(page).toContain(verification.signedContentSha256);
    // A code no document has: not found, with the form again; a malformed one: 422.
    expect((await f.call('GET', '/verify?code=0000-0000-0000')).status).toBe(404);
    expect((await f.call('GET', '/verify?code=not-a-code')).status).toBe(422);
  });

  it('the SHA-256 printed on the PDF is the one /verify names the same and accepts', async () => {
    const printed = /SHA-256 подписанного содержания: ([0-9a-f]{64})/.exec(
      normalise(pdfText(issuedPdf)),
    )?.[1];
    expect(printed).toBe(verification.signedContentSha256);
    const checked = await f.call('GET', `/verify/${documentId}?sha256=${printed}`, {
      headers: { accept: 'application/json' },
    });
    expect(await checked.json()).toMatchObject({ genuine: true, presented: { matches: true } });
    const page = await (
      await f.call('GET', `/verify/${documentId}?sha256=${printed}&lang=kk`)
    ).text();
    expect(page).toContain('data-genuine="true"');
    expect(page).toContain('Қол қойылған мазмұнның SHA-256');
  });

  it('the head’s CMS covers the signed content and openssl cms -verify accepts it', async () => {
    const stored = (await findDocument(f.database.db, documentId))!;
    expect(stored.signedContent).not.toBeNull();
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qyzmet-stamp-'));
    try {
      fs.writeFileSync(
        path.join(tmp, 'root.pem'),
        toPem(new Uint8Array(f.pki.root.certificate.rawData)),
      );
      fs.writeFileSync(path.join(tmp, 'content.pdf'), stored.signedContent!);
      fs.writeFileSync(path.join(tmp, 'signature.p7s'), stored.signature);
      execFileSync(
        'openssl',
        [
          'cms',
          '-verify',
          '-inform',
          'DER',
          '-binary',
          '-in',
          path.join(tmp, 'signature.p7s'),
          '-content',
          path.join(tmp, 'content.pdf'),
          '-CAfile',
          path.join(tmp, 'root.pem'),
          '-out',
          path.join(tmp, 'out.bin'),
          // The fixture's certificates are valid at the fixture's time (2019), not today.
          '-attime',
          String(Math.floor(signingTime.getTime() / 1000)),
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      expect(
        fs.readFileSync(path.join(tmp, 'out.bin')).equals(Buffer.from(stored.signedContent!)),
      ).toBe(true);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
