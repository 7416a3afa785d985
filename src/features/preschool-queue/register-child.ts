import { randomInt } from 'node:crypto';
import { z } from 'zod';
import { isValidIin } from '../../domain/identity/iin.js';
import { QueueCategory } from '../../domain/queue/QueueRules.js';
import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import { appendAudit } from '../../storage/audit.repository.js';
import {
  countAhead,
  insertRegistration,
  isChildQueued,
  listKindergartensOfDistrict,
  rememberSeenPosition,
} from '../../storage/preschool-queue.repository.js';
import { parseInput } from '../../engine/parse-input.js';
import {
  addWorkingDays,
  categoryRankOf,
  getQueueRules,
  type QueueServices,
} from './queue-services.js';

const Code = z
  .string()
  .trim()
  .min(1)
  .max(80)
  .regex(/^[a-z0-9][a-z0-9-]*$/);
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const Iin = z
  .string()
  .regex(/^\d{12}$/)
  .refine(isValidIin, { message: 'iin' });

export const RegisterChildInput = z
  .object({
    region: Code,
    district: Code,
    childIin: Iin,
    /** YYYY-MM-DD, as in the birth record. */
    birthDate: Day,
    phone: z
      .string()
      .regex(/^\+7\d{10}$/)
      .optional(),
    category: QueueCategory,
    preferred: z.array(Code).min(1).max(10),
    language: z.string().trim().min(2).max(8),
    specialNeeds: z.string().trim().min(1).max(40).nullable().default(null),
    desiredStart: Day,
  })
  .strict();

/** The registration slip (регистрационный талон): its number and the child's position. */
export interface RegistrationSlip {
  readonly number: string;
  readonly position: number;
  readonly category: QueueCategory;
  readonly registeredAt: Date;
  /** When a claimed privilege must be confirmed by documents; null for the general queue. */
  readonly privilegeDue: Date | null;
}

/** A slip number hard to guess (it is the key of the public position lookup): Q-XXXX-XXXX-XX. */
function newSlipNumber(): string {
  const digits = Array.from({ length: 10 }, () => randomInt(10)).join('');
  return `Q-${digits.slice(0, 4)}-${digits.slice(4, 8)}-${digits.slice(8)}`;
}

/**
 * Registers a child in its district queue (issue 19; «постановка на очередь»): the
 * parent (IIN from the session) names up to the rules' number of kindergartens of the district,
 * the start date, the language and a special-needs group. A claimed privilege is pending until
 * confirmed within the rules' working days. One child is in one queue at a time. Audited; the
 * slip gives the number and the position.
 */
export async function registerChild(
  services: QueueServices,
  parentIin: string,
  rawInput: z.input<typeof RegisterChildInput>,
): Promise<RegistrationSlip> {
  const input = parseInput(RegisterChildInput, rawInput);
  const rules = getQueueRules(services, input.region);
  const preferred = [...new Set(input.preferred)];
  if (preferred.length > rules.preferredKindergartens.value) {
    throw new DomainError(ErrorCode.validationFailed, {
      issues: [
        {
          path: 'preferred',
          rule: 'too_many',
          params: { max: rules.preferredKindergartens.value },
        },
      ],
    });
  }
  return services.db.transaction().execute(async (trx) => {
    const now = services.now();
    const key = { region: input.region, district: input.district };
    const kindergartens = await listKindergartensOfDistrict(trx, key, preferred);
    if (kindergartens.length !== preferred.length) {
      throw new DomainError(ErrorCode.validationFailed, {
        issues: [{ path: 'preferred', rule: 'unknown_kindergarten' }],
      });
    }
    if (await isChildQueued(trx, input.childIin))
      throw new DomainError(ErrorCode.conflict, { reason: 'child_already_queued' });
    const privilegeDue =
      input.category === 'general'
        ? null
        : addWorkingDays(
            services,
            kindergartens[0]!.timeZone,
            now,
            rules.privilegeConfirmationWorkingDays.value,
          );
    const number = newSlipNumber();
    const id = await insertRegistration(trx, {
      number,
      key,
      childIin: input.childIin,
      parentIin,
      phone: input.phone ?? null,
      birthDate: input.birthDate,
      category: input.category,
      privilegeDue,
      rankCategory: categoryRankOf[input.category],
      registeredAt: now,
      preferred,
      language: input.language,
      specialNeeds: input.specialNeeds,
      desiredStart: input.desiredStart,
    });
    const position =
      1 +
      (await countAhead(trx, {
        region: input.region,
        district: input.district,
        rankCategory: categoryRankOf[input.category],
        registeredAt: now,
        number,
      }));
    await rememberSeenPosition(trx, id, position, now);
    await appendAudit(trx, {
      occurredAt: now,
      actor: { kind: 'citizen', id: parentIin },
      action: 'preschool_queue.registered',
      subjectType: 'queue_registration',
      subjectId: id,
      details: { number, category: input.category, district: input.district, position },
    });
    return { number, position, category: input.category, registeredAt: now, privilegeDue };
  });
}
