import type { Principal } from '../../domain/identity/authorisation.js';
import { signCms } from '../../signing/cms-sign.js';
import { findFrontOfficeRequest } from '../../storage/front-office-request.repository.js';
import { findStaffAccount } from '../../storage/staff-account.repository.js';
import type { ApplicationServices } from '../../engine/application-services.js';
import { getApplicationFor } from '../../engine/load-application.js';
import { prepareElectronicRequest } from '../front-office/electronic-request.js';
import { intakeChecklist } from '../front-office/intake-catalog.js';
import {
  signElectronicRequest,
  type SignedElectronicRequestResult,
} from '../front-office/sign-electronic-request.js';
import type { ResultSigning } from './sign-result.js';

type StaffPrincipal = Principal & { kind: 'staff' };

/** Who the applicant is, as intake would have found them in ГБД ФЛ. */
export interface DemoApplicant {
  readonly name: string;
  readonly phone: string;
}

/**
 * The front-office operator signs the application's electronic request at the regulation's
 * sign_request step (seed 000, annex 1, point 9, item 7; seed 003, annex 2, point 7, item 5):
 * when intake did not prepare it (a drive submits with `submitApplication`), the operator
 * prepares it first — every document of the checklist presented — then signs its canonical
 * bytes' SHA-256 with the operator's key, as NCALayer does, through `signElectronicRequest`
 * (which completes the step and answers verify_signature). Undefined when the operator has
 * no key.
 */
export async function signRequestAtSigningStep(
  services: ApplicationServices,
  signing: ResultSigning,
  principal: StaffPrincipal,
  input: { applicationId: string; idempotencyKey: string; applicant?: DemoApplicant },
): Promise<SignedElectronicRequestResult | undefined> {
  const credential = await signing.keyFor(principal);
  if (!credential) return undefined;
  let request = await findFrontOfficeRequest(services.db, input.applicationId);
  if (!request) {
    const account = await findStaffAccount(services.db, principal.staffId);
    if (!account) return undefined;
    const { regulation, state } = await getApplicationFor(services, principal, input.applicationId);
    await prepareElectronicRequest(
      services,
      { principal, iin: account.iin, fullName: account.fullName },
      input.applicationId,
      {
        applicantName: input.applicant?.name ?? state.applicantIin,
        applicantPhone: input.applicant?.phone ?? '',
        presentedDocuments: intakeChecklist(regulation).map((document) => ({
          id: document.id,
          title: { kk: document.title.kk, ru: document.title.ru },
        })),
      },
    );
    request = await findFrontOfficeRequest(services.db, input.applicationId);
  }
  if (!request) throw new Error(`no electronic request for application ${input.applicationId}`);
  const cms = await signCms({
    credential,
    signingTime: services.now(),
    attached: false,
    digest: new Uint8Array(Buffer.from(request.contentSha256, 'hex')),
  });
  return signElectronicRequest(services, { trustStore: signing.trustStore }, principal, {
    idempotencyKey: input.idempotencyKey,
    applicationId: input.applicationId,
    cms: Buffer.from(cms).toString('base64'),
  });
}
