import type { Transaction } from 'kysely';
import { ConsentMethod, ConsentScope, type ConsentChannel } from '../../domain/identity/consent.js';
import { isValidIin } from '../../domain/identity/iin.js';
import { DomainError, type FieldIssue } from '../../domain/shared/domain-error.js';
import { OtpPurpose } from '../../signing/one-time-password.js';
import { appendAudit, type AuditActor } from '../../storage/audit.repository.js';
import { insertConsent, type ConsentRow } from '../../storage/consent.repository.js';
import type { Tables } from '../../storage/schema.js';
import type { IdentityServices } from './identity-services.js';
import { consumeOneTimePassword, otpRefusal } from './verify-one-time-password.js';

/** How the consent is proven, per method. */
export type ConsentProof =
  /** a one-time password issued with purpose registry_consent for the application/request id */
  | { readonly method: 'otp'; readonly challengeId: string; readonly code: string }
  /** a signature made elsewhere (signing module); its id is kept */
  | { readonly method: 'signature'; readonly signatureId: string }
  /** written consent taken by an operator; its scan or register reference is kept */
  | { readonly method: 'paper'; readonly documentReference: string };

export interface ConsentInput {
  /** ИИН of the applicant whose data is used. */
  readonly applicantIin: string;
  /** ИИН of who consents: the applicant, or a representative; default the applicant. */
  readonly givenByIin?: string;
  readonly applicationId?: string;
  /** A gateway request id when there is no application yet. */
  readonly requestId?: string;
  readonly scope?: ConsentScope;
  readonly channel: ConsentChannel;
  readonly proof: ConsentProof;
  /** The operator who took a paper consent; required for paper. */
  readonly recordedByStaffId?: string;
  readonly actor: AuditActor;
}

/**
 * Records the applicant's consent to the use of legally protected data held in information
 * systems, kept with the application (or the gateway request), inside the caller's
 * transaction. An OTP proof is checked and used up here; a refused code throws
 * DomainError('unauthenticated') and records nothing (the attempt is still counted when
 * the caller commits — prefer {@link recordConsent}, which commits the attempt).
 */
export async function recordConsentInTransaction(
  trx: Transaction<Tables>,
  input: ConsentInput,
  now: Date,
): Promise<ConsentRow> {
  const givenByIin = input.givenByIin ?? input.applicantIin;
  const issues: FieldIssue[] = [];
  if (!isValidIin(input.applicantIin)) issues.push({ path: 'applicantIin', rule: 'iin' });
  if (!isValidIin(givenByIin)) issues.push({ path: 'givenByIin', rule: 'iin' });
  if (!input.applicationId && !input.requestId) {
    issues.push({ path: 'applicationId', rule: 'application_or_request_required' });
  }
  if (input.proof.method === ConsentMethod.paper && !input.recordedByStaffId) {
    issues.push({ path: 'recordedByStaffId', rule: 'operator_required_for_paper' });
  }
  if (issues.length > 0) throw new DomainError('validation_failed', { issues });

  let evidence: Record<string, string>;
  switch (input.proof.method) {
    case 'otp': {
      const check = await consumeOneTimePassword(
        trx,
        {
          challengeId: input.proof.challengeId,
          code: input.proof.code,
          purpose: OtpPurpose.registryConsent,
          subjectId: input.applicationId ?? input.requestId,
          actor: input.actor,
        },
        now,
      );
      if (!check.isAccepted) throw otpRefusal(check);
      evidence = { otpChallengeId: check.challengeId, phone: check.phone };
      break;
    }
    case 'signature':
      evidence = { signatureId: input.proof.signatureId };
      break;
    case 'paper':
      evidence = { documentReference: input.proof.documentReference };
      break;
  }
  const consent = await insertConsent(trx, {
    applicantIin: input.applicantIin,
    givenByIin,
    applicationId: input.applicationId ?? null,
    requestId: input.requestId ?? null,
    scope: input.scope ?? ConsentScope.protectedDataInInformationSystems,
    channel: input.channel,
    method: input.proof.method,
    evidence,
    recordedByStaffId: input.recordedByStaffId ?? null,
    givenAt: now,
  });
  await appendAudit(trx, {
    occurredAt: now,
    actor: input.actor,
    action: 'consent.recorded',
    subjectType: input.applicationId ? 'application' : 'gateway_request',
    subjectId: input.applicationId ?? input.requestId ?? null,
    details: {
      consentId: consent.id,
      scope: consent.scope,
      channel: consent.channel,
      method: consent.method,
      givenByIin,
    },
  });
  return consent;
}

/**
 * Records a consent in its own transaction. For an OTP proof, a wrong code is counted
 * (committed) before DomainError('unauthenticated') is thrown.
 */
export async function recordConsent(
  services: Pick<IdentityServices, 'db'>,
  input: ConsentInput,
  now: Date,
): Promise<ConsentRow> {
  if (input.proof.method !== 'otp') {
    return services.db.transaction().execute((trx) => recordConsentInTransaction(trx, input, now));
  }
  // A refused code is caught inside the transaction, so the counted attempt is committed.
  const outcome = await services.db.transaction().execute(async (trx) => {
    try {
      return { consent: await recordConsentInTransaction(trx, input, now) };
    } catch (error) {
      if (error instanceof DomainError && error.code === 'unauthenticated') return { error };
      throw error;
    }
  });
  if ('error' in outcome) throw outcome.error;
  return outcome.consent;
}
