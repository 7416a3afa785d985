import { kazakhstanDay } from '../../src/domain/calendar/kazakhstan-day.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLogger } from '../../src/config/logger.js';
import type { Principal } from '../../src/domain/identity/authorisation.js';
import { createApiToken } from '../../src/features/api-tokens/create-api-token.js';
import type { ApplicationServices } from '../../src/engine/application-services.js';
import { submitApplication } from '../../src/features/applications/submit-application.js';
import { demoFields } from '../../src/features/demo/demo-plan.js';
import { sampleDraftFields } from '../../src/features/demo/sign-result.js';
import { regulationOf } from './regulation-of.js';
import { registerProvenCitizen } from './citizens.js';
import { startServer } from '../../src/cli/server.js';
import { InMemorySmsOutbox } from '../../src/integrations/sms/sms-sender.js';
import type { SigningCredential } from '../../src/signing/cms-sign.js';
import { initialiseEmbeddedPki } from '../../src/signing/pki-directory.js';
import type { DatabaseHandle } from '../../src/storage/db.js';
import { createOrganisation, createStaff } from './applications.js';
import { provisionDatabase } from './database.js';
import { testConfig } from './server.js';
import { cmsOverSha256 } from './sign-result.js';

/**
 * A small world for the personal cabinet: in South Kazakhstan (which applies the national
 * duplicates standard, having no regional one) a school with a registry office, a head and an
 * executor, a front office with an operator — each with an API token — and two citizens with
 * portal accounts.
 */
export const cabinetWorld = {
  region: 'south_kazakhstan',
  school: 'sko-cabinet-school',
  frontOffice: 'sko-cabinet-front-office',
  applicant: { iin: '900101300007', password: 'Qazaq2026', phone: '+77020001122' },
  stranger: { iin: '880215300010', password: 'Qazaq2026', phone: '+77020003344' },
} as const;

export interface StaffMember {
  readonly principal: Principal & { kind: 'staff' };
  readonly token: string;
}

/** Creates the organisations, staff (with API tokens) and the two citizens' accounts. */
export async function createCabinetWorld(database: DatabaseHandle, now: Date) {
  await createOrganisation(database, {
    id: cabinetWorld.school,
    kind: 'school',
    regionCode: cabinetWorld.region,
    nameKk: 'Шымкент қаласының №7 мектебі',
    nameRu: 'Школа №7 города Шымкента',
  });
  await createOrganisation(database, {
    id: cabinetWorld.frontOffice,
    kind: 'front_office',
    regionCode: cabinetWorld.region,
    nameKk: 'Шымкент қаласының ХҚКО',
    nameRu: 'ЦОН города Шымкента',
  });
  const member = async (organisationId: string, role: string): Promise<StaffMember> => {
    const principal = await createStaff(database, organisationId, cabinetWorld.region, [role]);
    const created = await createApiToken(
      database.db,
      { kind: 'system', id: 'test' },
      { name: role, organisationId, roles: [role] as never, staffAccountId: principal.staffId },
      now,
    );
    return { principal, token: created.token };
  };
  const staff = {
    registry: await member(cabinetWorld.school, 'registry_office'),
    head: await member(cabinetWorld.school, 'head'),
    executor: await member(cabinetWorld.school, 'executor'),
    operator: await member(cabinetWorld.frontOffice, 'front_office_operator'),
  };
  for (const citizen of [cabinetWorld.applicant, cabinetWorld.stranger]) {
    await registerProvenCitizen({ db: database.db }, citizen, now);
  }
  return { staff };
}
export type CabinetStaff = Awaited<ReturnType<typeof createCabinetWorld>>['staff'];

/** The citizen applies on the portal for a duplicate of an education document (national standard). */
export async function submitPortalDuplicate(services: ApplicationServices, key: string) {
  const regulation = services.regulations.findInForce(
    'duplicates',
    cabinetWorld.region,
    kazakhstanDay(services.now()),
  );
  if (!regulation) throw new Error('no duplicates regulation in force in South Kazakhstan');
  return submitApplication(
    services,
    { kind: 'citizen', iin: cabinetWorld.applicant.iin },
    {
      idempotencyKey: key,
      serviceCode: 'duplicates',
      channel: 'portal',
      applicantIin: cabinetWorld.applicant.iin,
      providerOrganisationId: cabinetWorld.school,
      frontOfficeId: cabinetWorld.frontOffice,
      fields: demoFields(regulation, cabinetWorld.frontOffice),
    },
  );
}

/** A request to the HTTP application (in-process `app.request` or `fetch` to a server). */
export type Request = (path: string, init: RequestInit) => Promise<Response>;

/** The result document the head signed: its id, number and verification address. */
export interface SignedResult {
  readonly id: string;
  readonly number: string;
  readonly verifyUrl: string;
}

/**
 * The back office completes the application through /api/v1 with the staff's API tokens:
 * the head assigns the executor, the executor finds the documents compliant and prepares the
 * duplicate record (POST …/documents/prepare), the head signs its PDF with `headKey` (POST
 * …/documents/{draftId}/sign), the registry office sends it to the front office, and the
 * operator issues it. Returns the signed document.
 */
export async function completeThroughApi(
  request: Request,
  staff: CabinetStaff,
  applicationId: string,
  headKey: SigningCredential,
  now: Date,
): Promise<SignedResult> {
  let index = 0;
  const post = async (member: StaffMember, path: string, body: Record<string, unknown>) => {
    index += 1;
    const response = await request(`/api/v1/applications/${applicationId}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${member.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ idempotencyKey: `cabinet-${applicationId}-${index}`, ...body }),
    });
    if (response.status !== 200) {
      throw new Error(
        `${path} ${JSON.stringify(body)}: ${response.status} ${await response.text()}`,
      );
    }
    return (await response.json()) as Record<string, string>;
  };
  const step = (member: StaffMember, body: Record<string, unknown>) =>
    post(member, '/commands', { kind: 'complete_step', ...body });
  await step(staff.head, { stepId: 'assign', executorId: staff.executor.principal.staffId });
  const draft = await post(staff.executor, '/documents/prepare', {
    outcome: 'result',
    fields: sampleDraftFields('result', regulationOf('duplicates', 'national')),
  });
  const signed = await post(staff.head, `/documents/${draft.draftId!}/sign`, {
    cms: await cmsOverSha256(headKey, draft.pdfSha256!, now),
  });
  await step(staff.registry, { stepId: 'send-result' });
  await step(staff.operator, { stepId: 'fo-issue-result', documentIds: [signed.documentId] });
  return { id: signed.documentId!, number: signed.number!, verifyUrl: signed.verifyUrl! };
}

/**
 * The real server for the cabinet's browser journey: like `startWebTestServer`, plus a trust
 * folder (a fresh embedded PKI in a temporary directory) so that `/verify/<id>` checks the
 * documents signed with the returned PKI's keys.
 */
export async function startCabinetServer() {
  const provisioned = await provisionDatabase();
  const pkiDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'qyzmet-cabinet-pki-'));
  const pki = await initialiseEmbeddedPki(pkiDirectory, new Date());
  if (!pki) throw new Error('the PKI folder was not new');
  const base = testConfig(provisioned.database);
  const config = { ...base, pki: { ...base.pki, directory: pkiDirectory } };
  const sms = new InMemorySmsOutbox();
  const server = await startServer(config, createLogger(config), { sms });
  const url = `http://127.0.0.1:${server.port}`;
  return {
    ...server,
    url,
    sms,
    pki,
    pkiDirectory,
    publicUrl: config.http.publicUrl,
    close: async () => {
      await server.close();
      await provisioned.dispose();
      fs.rmSync(pkiDirectory, { recursive: true, force: true });
    },
  };
}
