import { z } from 'zod';
import { canonicalJson } from '../../storage/audit.repository.js';
import type { JsonValue } from '../../storage/schema.js';

/** The format tag of an exported audit head. */
export const auditHeadFormat = 'qyzmet-audit-head/1';

/**
 * The audit chain's head as exported outside the database: the position and hash of the last
 * sealed row (and its MAC), when it was exported, by which installation — signed with the
 * installation's key (src/signing/installation-key.ts). An auditor keeps these files; `qyzmet
 * audit verify --against <file>` checks the database still holds that row at that position.
 */
export const SignedAuditHead = z.object({
  format: z.literal(auditHeadFormat).describe('The format of this file.'),
  installationId: z.string().min(1).max(100).describe('The installation that exported it.'),
  position: z.number().int().positive().describe('Chain position of the head row.'),
  hash: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .describe('Chained hash of the head row.'),
  mac: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .nullable()
    .describe("The head row's MAC under the installation's audit key (null if it has none)."),
  exportedAt: z.iso.datetime().describe('When the head was signed (UTC).'),
  certificate: z
    .string()
    .max(20_000)
    .describe("The installation's certificate (PEM) whose key signed the head."),
  signature: z.string().max(2_000).describe('Base64 signature (SHA-256) over the signed text.'),
});
export type SignedAuditHead = z.infer<typeof SignedAuditHead>;

/** The exact text that is signed: the canonical JSON of every field but the signature. */
export function signedTextOf(head: Omit<SignedAuditHead, 'signature'>): string {
  const { format, installationId, position, hash, mac, exportedAt, certificate } = head;
  return canonicalJson({
    format,
    installationId,
    position,
    hash,
    mac,
    exportedAt,
    certificate,
  } satisfies Record<string, JsonValue>);
}
