import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { getFlow } from '../../domain/application/fold.js';
import type { Principal } from '../../domain/identity/authorisation.js';
import type { Channel } from '../../domain/regulation/Channel.js';
import type { RegulationDefinition } from '../../domain/regulation/RegulationDefinition.js';
import { ActorRole } from '../../domain/shared/roles.js';
import { canonicalJson, sha256Hex } from '../../documents/document-content.js';
import { appendAudit } from '../../storage/audit.repository.js';
import {
  findFrontOfficeRequest,
  insertFrontOfficeRequest,
  listIssuedDocumentHashes,
  type FrontOfficeRequestRecord,
} from '../../storage/front-office-request.repository.js';
import { getOrganisation, type ApplicationServices } from '../../engine/application-services.js';
import { getApplicationFor } from '../../engine/load-application.js';
import type { FrontOfficeStaff } from './front-office-context.js';

const bilingual = z.object({ kk: z.string(), ru: z.string() });

/**
 * The electronic request (запрос услугополучателя) the front office sends to the provider,
 * signed with the operator's ЭЦП (seed 000, annex 1, point 9, item 7; seed 003, annex 2,
 * point 7, item 5). Its canonical JSON (keys sorted, UTF-8) is exactly what is signed.
 */
export const ElectronicRequestContent = z.object({
  kind: z.literal('front_office_request'),
  applicationId: z.string(),
  number: z.string(),
  submittedAt: z.string(),
  regulationId: z.string(),
  serviceCode: z.string(),
  service: bilingual,
  provider: z.object({ id: z.string(), name: bilingual }),
  frontOffice: z.object({ id: z.string(), name: bilingual, bin: z.string().nullable() }),
  applicant: z.object({ iin: z.string(), name: z.string() }),
  representative: z
    .object({ iin: z.string(), name: z.string(), powerOfAttorneyNumber: z.string() })
    .nullable(),
  applicantPhone: z.string().nullable(),
  fields: z.record(z.string(), z.string()),
  /** The paper documents presented, from the regulation's checklist. */
  presentedDocuments: z.array(z.object({ id: z.string(), title: bilingual })),
  /** The documents issued at intake (the receipt) with the SHA-256 of their PDFs. */
  issuedDocuments: z.array(
    z.object({ id: z.string(), number: z.string(), kind: z.string(), sha256: z.string() }),
  ),
  operator: z.object({ iin: z.string(), name: z.string() }),
  preparedAt: z.string(),
});
export type ElectronicRequestContent = z.infer<typeof ElectronicRequestContent>;

/** The request as pages and the API show it. */
export const ElectronicRequestView = z.object({
  id: z.string(),
  applicationId: z.string(),
  content: ElectronicRequestContent,
  contentBase64: z.string().describe('The canonical JSON bytes that are signed, base64'),
  sha256: z.string().describe('SHA-256 of the canonical bytes, hex'),
  sha256Base64: z.string().describe('The same hash in base64 (createCAdESFromBase64Hash)'),
  signStepId: z
    .string()
    .nullable()
    .describe("The regulation's sign_request step of the operator, when the flow has one"),
  isSignStepCurrent: z.boolean(),
  signed: z
    .object({
      signerName: z.string(),
      signerIin: z.string().nullable(),
      signedAt: z.string(),
      certificateSerial: z.string().nullable(),
    })
    .nullable(),
});
export type ElectronicRequestView = z.infer<typeof ElectronicRequestView>;

/** The operator's sign_request step of the front-office flow, if the regulation has one. */
export function operatorSignStep(regulation: RegulationDefinition, channel: Channel) {
  if (!regulation.channels.some((flow) => flow.channel === channel)) return undefined;
  return getFlow(regulation, channel).steps.find(
    (step) => step.action === 'sign_request' && step.actor === ActorRole.frontOfficeOperator,
  );
}

/** What intake knows of the people and the package (from the registries and the checklist). */
export interface RequestParticulars {
  applicantName: string;
  representative?: { name: string; powerOfAttorneyNumber: string };
  applicantPhone: string;
  presentedDocuments: { id: string; title: { kk: string; ru: string } }[];
}

/**
 * Prepares the electronic request of an accepted application at intake: builds its content
 * from the application, the registries' names and the receipt's hash, and stores it (with
 * its canonical bytes and their SHA-256) for the operator's signature. Repeating it for the
 * same application keeps the first.
 */
export async function prepareElectronicRequest(
  services: ApplicationServices,
  staff: FrontOfficeStaff,
  applicationId: string,
  particulars: RequestParticulars,
): Promise<void> {
  const { record, regulation, state, events } = await getApplicationFor(
    services,
    staff.principal,
    applicationId,
  );
  const submitted = events[0];
  if (await findFrontOfficeRequest(services.db, record.id)) return;
  const provider = await getOrganisation(
    services,
    services.db,
    state.providerOrganisationId,
    'provider',
  );
  const frontOffice = await getOrganisation(
    services,
    services.db,
    staff.principal.organisationId,
    'frontOffice',
  );
  const now = services.now();
  const content: ElectronicRequestContent = {
    kind: 'front_office_request',
    applicationId: record.id,
    number: record.number,
    submittedAt: new Date(state.submittedAt).toISOString(),
    regulationId: regulation.id,
    serviceCode: regulation.service,
    service: { kk: regulation.name.kk, ru: regulation.name.ru },
    provider: { id: provider.id, name: { kk: provider.nameKk, ru: provider.nameRu } },
    frontOffice: {
      id: frontOffice.id,
      name: { kk: frontOffice.nameKk, ru: frontOffice.nameRu },
      bin: frontOffice.bin ?? null,
    },
    applicant: { iin: state.applicantIin, name: particulars.applicantName },
    representative:
      state.representativeIin && particulars.representative
        ? { iin: state.representativeIin, ...particulars.representative }
        : null,
    applicantPhone: particulars.applicantPhone || null,
    fields: submitted?.type === 'submitted' ? { ...submitted.fields } : {},
    presentedDocuments: particulars.presentedDocuments,
    issuedDocuments: (await listIssuedDocumentHashes(services.db, record.id)).map((document) => ({
      id: document.id,
      number: document.number,
      kind: document.kind,
      sha256: document.pdfSha256,
    })),
    operator: { iin: staff.iin, name: staff.fullName },
    preparedAt: now.toISOString(),
  };
  const bytes = new Uint8Array(Buffer.from(canonicalJson(content), 'utf8'));
  const id = randomUUID();
  const contentSha256 = sha256Hex(bytes);
  await services.db.transaction().execute(async (trx) => {
    await insertFrontOfficeRequest(trx, {
      id,
      applicationId: record.id,
      content,
      contentBytes: bytes,
      contentSha256,
      preparedBy: staff.principal.staffId,
      preparedAt: now,
    });
    await appendAudit(trx, {
      occurredAt: now,
      actor: { kind: 'staff', id: staff.principal.staffId },
      action: 'front_office_request.prepared',
      subjectType: 'application',
      subjectId: record.id,
      details: { number: record.number, requestId: id, contentSha256 },
    });
  });
}

/** The view of a stored request. */
export function viewOfRequest(
  request: FrontOfficeRequestRecord,
  signStepId: string | undefined,
  currentStepId: string | undefined,
): ElectronicRequestView {
  return {
    id: request.id,
    applicationId: request.applicationId,
    content: ElectronicRequestContent.parse(request.content),
    contentBase64: Buffer.from(request.contentBytes).toString('base64'),
    sha256: request.contentSha256,
    sha256Base64: Buffer.from(request.contentSha256, 'hex').toString('base64'),
    signStepId: signStepId ?? null,
    isSignStepCurrent: signStepId !== undefined && currentStepId === signStepId,
    signed:
      request.signedAt && request.signerName
        ? {
            signerName: request.signerName,
            signerIin: request.signerIin,
            signedAt: request.signedAt.toISOString(),
            certificateSerial: request.certificateSerial,
          }
        : null,
  };
}

/**
 * The electronic request of an application the principal may see (another organisation's
 * application is not found), or undefined when none was prepared (e.g. refused at intake).
 */
export async function findElectronicRequest(
  services: ApplicationServices,
  principal: Principal,
  applicationId: string,
): Promise<ElectronicRequestView | undefined> {
  const { record, regulation, state } = await getApplicationFor(services, principal, applicationId);
  const request = await findFrontOfficeRequest(services.db, record.id);
  if (!request) return undefined;
  return viewOfRequest(
    request,
    operatorSignStep(regulation, state.channel)?.id,
    state.currentStepId,
  );
}
