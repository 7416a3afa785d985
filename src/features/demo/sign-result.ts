import type { ChannelFlow } from '../../domain/regulation/ChannelFlow.js';
import type { RegulationDefinition } from '../../domain/regulation/RegulationDefinition.js';
import type { Step } from '../../domain/regulation/Step.js';
import { getApplicationFor } from '../../engine/load-application.js';
import type { Principal } from '../../domain/identity/authorisation.js';
import { sampleFields } from '../../documents/sample-fields.js';
import { signCms, type SigningCredential } from '../../signing/cms-sign.js';
import type { TrustStore } from '../../signing/trust-store.js';
import { findCurrentDraft } from '../../storage/prepared-document.repository.js';
import type { ApplicationServices } from '../../engine/application-services.js';
import {
  DraftOutcome,
  draftableOutcomes,
  signedOutcome,
} from '../../domain/application/drafting.js';
import {
  prepareResultDocument,
  type PreparedDocumentResult,
} from '../documents/prepare-result-document.js';
import { draftTemplate } from '../documents/result-draft.js';
import {
  signPreparedDocument,
  type SignedDocumentResult,
} from '../documents/sign-prepared-document.js';

type StaffPrincipal = Principal & { kind: 'staff' };

/** How a scripted drive signs results: the staff's keys and the trust store that checks them. */
export interface ResultSigning {
  readonly publicUrl: string;
  readonly trustStore: TrustStore;
  /** The signing key of a staff member; undefined when there is none (the drive stops). */
  readonly keyFor: (principal: StaffPrincipal) => Promise<SigningCredential | undefined>;
}

/**
 * The outcome the executor drafts by doing `step` with `answer`: a drafting step's own, or
 * the review's "yes" (result) / "no" (refusal) when it leads to the signature; undefined when
 * the step drafts nothing (it is completed as usual).
 */
export function draftedOutcomeAt(
  step: Step,
  flow: ChannelFlow,
  answer: boolean | undefined,
): DraftOutcome | undefined {
  if (step.action === 'sign_result') return undefined;
  const draftable = draftableOutcomes(step, flow);
  const outcome =
    step.action === 'draft_result'
      ? DraftOutcome.result
      : step.action === 'draft_refusal'
        ? DraftOutcome.reasonedRefusal
        : answer === false
          ? DraftOutcome.reasonedRefusal
          : DraftOutcome.result;
  return draftable.includes(outcome) ? outcome : undefined;
}

const systemFilled = new Set(['requestNumber', 'requestDate', 'service']);

/** Sample values of the template's fields the executor fills (the system fills the rest). */
export function sampleDraftFields(
  outcome: DraftOutcome,
  regulation: Pick<RegulationDefinition, 'results'>,
): Record<string, string | string[]> {
  const template = draftTemplate(outcome, regulation);
  if (!template) return {};
  return Object.fromEntries(
    Object.entries(sampleFields(template)).filter(([key]) => !systemFilled.has(key)),
  ) as Record<string, string | string[]>;
}

/** The executor prepares the draft of `outcome` with sample field values (phase one). */
export async function prepareSampleDraft(
  services: ApplicationServices,
  signing: Pick<ResultSigning, 'publicUrl'>,
  principal: Principal,
  input: {
    applicationId: string;
    serviceCode: string;
    outcome: DraftOutcome;
    idempotencyKey: string;
  },
): Promise<PreparedDocumentResult> {
  const { regulation } = await getApplicationFor(services, principal, input.applicationId);
  return prepareResultDocument(services, { publicUrl: signing.publicUrl }, principal, {
    idempotencyKey: input.idempotencyKey,
    applicationId: input.applicationId,
    outcome: input.outcome,
    fields: sampleDraftFields(input.outcome, regulation),
  });
}

/**
 * The signer signs the application's current draft at the signing step (phase two): a
 * detached CMS over the PDF's SHA-256 with the signer's key, as NCALayer makes it. When the
 * signer is the executor (seed 003) and nothing was drafted before, the executor prepares the
 * draft first. Undefined when the signer has no key.
 */
export async function signAtSigningStep(
  services: ApplicationServices,
  signing: ResultSigning,
  principal: StaffPrincipal,
  input: {
    applicationId: string;
    serviceCode: string;
    step: Step;
    flow: ChannelFlow;
    idempotencyKey: string;
  },
): Promise<SignedDocumentResult | undefined> {
  const credential = await signing.keyFor(principal);
  if (!credential) return undefined;
  let draft = await findCurrentDraft(services.db, input.applicationId);
  if (!draft) {
    await prepareSampleDraft(services, signing, principal, {
      applicationId: input.applicationId,
      serviceCode: input.serviceCode,
      outcome: signedOutcome(input.step, input.flow),
      idempotencyKey: `${input.idempotencyKey}-prepare`,
    });
    draft = await findCurrentDraft(services.db, input.applicationId);
  }
  if (!draft) throw new Error(`no draft to sign for application ${input.applicationId}`);
  const cms = await signCms({
    credential,
    signingTime: services.now(),
    attached: false,
    digest: new Uint8Array(Buffer.from(draft.pdfSha256, 'hex')),
  });
  return signPreparedDocument(services, signing, principal, {
    idempotencyKey: input.idempotencyKey,
    applicationId: input.applicationId,
    draftId: draft.id,
    cms: Buffer.from(cms).toString('base64'),
  });
}
