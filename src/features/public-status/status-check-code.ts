import { createHash, timingSafeEqual } from 'node:crypto';

/** Crockford's base32: no I, L, O or U, so a code read aloud or typed is hard to get wrong. */
const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * The check code printed on the receipt (and shown on the portal's confirmation) that, with the
 * number, opens the public status of an application (issue 16, defect 9: numbers are
 * sequential, so a number alone must not be enough). Eight base32 characters (40 bits) derived
 * from the application's id — a random UUID that only the applicant, the representative and
 * the staff holding the application ever see — so nothing is stored and nothing changes on
 * the submit path. Formatted `XXXX-XXXX`.
 */
export function statusCheckCodeOf(applicationId: string): string {
  const digest = createHash('sha256').update(`qyzmet:public-status:${applicationId}`).digest();
  let bits = 0n;
  for (const byte of digest.subarray(0, 5)) bits = (bits << 8n) | BigInt(byte);
  let code = '';
  for (let index = 0; index < 8; index += 1) {
    code = alphabet[Number(bits & 31n)]! + code;
    bits >>= 5n;
  }
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** What the person typed, as the code's characters: upper case, no spaces or dashes, O→0, I/L→1. */
function normalise(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

function sameText(left: string, right: string): boolean {
  const a = Buffer.from(left);
  const b = Buffer.from(right);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Whether `proof` — the check code from the receipt, or the applicant's IIN (12 digits) —
 * opens the public status of this application. Compared in constant time.
 */
export function provesStatusAccess(
  proof: string,
  application: { readonly id: string; readonly applicantIin: string },
): boolean {
  const typed = proof.trim();
  if (/^\d{12}$/.test(typed)) return sameText(typed, application.applicantIin);
  return sameText(normalise(typed), normalise(statusCheckCodeOf(application.id)));
}
