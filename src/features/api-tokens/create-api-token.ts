import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import { StaffRole } from '../../domain/shared/roles.js';
import { insertApiToken } from '../../storage/api-token.repository.js';
import { appendAudit, type AuditActor } from '../../storage/audit.repository.js';
import type { Database } from '../../storage/db.js';
import { findOrganisation } from '../../storage/organisation.repository.js';
import { findStaffAccount } from '../../storage/staff-account.repository.js';
import { parseInput } from '../../engine/parse-input.js';

/** The visible prefix of every token, so that a leaked one is recognisable in logs and scanners. */
export const apiTokenPrefix = 'qzt_';

/** SHA-256 (hex) of a token: the database never holds the token itself. */
export function hashApiToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Administrator roles never act on applications, so a token cannot carry them. */
const workingRoles = [
  StaffRole.registryOffice,
  StaffRole.head,
  StaffRole.executor,
  StaffRole.frontOfficeOperator,
  StaffRole.courier,
  StaffRole.commissionMember,
] as const;

export const CreateApiTokenInput = z
  .object({
    name: z.string().trim().min(1).max(200).describe('Which system uses the token'),
    organisationId: z.string().min(1).describe('The one organisation the token acts in'),
    roles: z.array(z.enum(workingRoles)).min(1).describe('The staff roles the token holds there'),
    staffAccountId: z
      .string()
      .uuid()
      .optional()
      .describe('A staff account the token acts as (needed for an appointed executor)'),
  })
  .strict();
export type CreateApiTokenInput = z.input<typeof CreateApiTokenInput>;

/**
 * Creates an API token scoped to one organisation and a role set, optionally bound to one
 * staff account of that organisation. Returns the token once; only its hash is kept. Audited.
 */
export async function createApiToken(
  db: Database,
  actor: AuditActor,
  rawInput: CreateApiTokenInput,
  now: Date,
): Promise<{ tokenId: string; token: string }> {
  const input = parseInput(CreateApiTokenInput, rawInput);
  return db.transaction().execute(async (trx) => {
    const organisation = await findOrganisation(trx, input.organisationId);
    if (!organisation) {
      throw new DomainError(ErrorCode.validationFailed, {
        issues: [{ path: 'organisationId', rule: 'unknown_organisation' }],
      });
    }
    if (input.staffAccountId) {
      const staff = await findStaffAccount(trx, input.staffAccountId);
      const isMember =
        staff?.isActive &&
        staff.organisationId === organisation.id &&
        input.roles.every((role) => staff.roles.includes(role));
      if (!isMember) {
        throw new DomainError(ErrorCode.validationFailed, {
          issues: [{ path: 'staffAccountId', rule: 'staff_of_organisation_with_roles' }],
        });
      }
    }
    const token = `${apiTokenPrefix}${randomBytes(32).toString('base64url')}`;
    const roles = [...new Set(input.roles)];
    const tokenId = await insertApiToken(trx, {
      name: input.name,
      tokenHash: hashApiToken(token),
      organisationId: organisation.id,
      roles,
      staffAccountId: input.staffAccountId ?? null,
      createdAt: now,
      createdBy: `${actor.kind}:${actor.id ?? ''}`,
    });
    await appendAudit(trx, {
      occurredAt: now,
      actor,
      action: 'api_token.created',
      subjectType: 'api_token',
      subjectId: tokenId,
      details: { name: input.name, organisationId: organisation.id, roles },
    });
    return { tokenId, token };
  });
}
