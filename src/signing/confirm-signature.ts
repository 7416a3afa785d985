import { DomainError, ErrorCode } from '../domain/shared/domain-error.js';
import { verifyCms, type CmsVerification, type VerifyCmsInput } from './cms-verify.js';

/**
 * Verifies a signature and throws the regulations' refusal "не подтверждение подлинности
 * ЭЦП" (condition 2) when it fails: a DomainError `signature_not_confirmed` whose details
 * carry the reason code and its kk/ru/en message. Returns the verified result otherwise.
 */
export function confirmSignature(input: VerifyCmsInput): Extract<CmsVerification, { valid: true }> {
  const result = verifyCms(input);
  if (!result.valid) {
    throw new DomainError(
      ErrorCode.signatureNotConfirmed,
      { reason: result.failure, reasonMessage: result.message },
      `signature not confirmed: ${result.failure}`,
    );
  }
  return result;
}
