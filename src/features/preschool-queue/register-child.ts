import { randomInt } from 'node:crypto';
import { z } from 'zod';
import { isValidIin } from '../../domain/identity/iin.js';
import { QueueCategory } from '../../domain/queue/QueueRules.js';
import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import { appendAudit } from '../../storage/audit.repository.js';
import { countAhead } from '../../storage/preschool-queue.repository.js';
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
    const kindergartens = await trx
      .selectFrom('queue_kindergarten')
      .select(['id', 'time_zone'])
      .where('id', 'in', preferred)
      .where('region', '=', input.region)
      .where('district', '=', input.district)
      .execute();
    if (kindergartens.length !== preferred.length) {
      throw new DomainError(ErrorCode.validationFailed, {
        issues: [{ path: 'preferred', rule: 'unknown_kindergarten' }],
      });
    }
    const already = await trx
      .selectFrom('queue_registration')
      .select('number')
      .where('child_iin', '=', input.childIin)
      .where('status', 'in', ['waiting', 'offered', 'referred'])
      .executeTakeFirst();
    if (already) throw new DomainError(ErrorCode.conflict, { reason: 'child_already_queued' });
    const privilegeDue =
      input.category === 'general'
        ? null
        : addWorkingDays(
            services,
            kindergartens[0]!.time_zone,
            now,
            rules.privilegeConfirmationWorkingDays.value,
          );
    const number = newSlipNumber();
    const row = await trx
      .insertInto('queue_registration')
      .values({
        number,
        region: input.region,
        district: input.district,
        child_iin: input.childIin,
        parent_iin: parentIin,
        phone: input.phone ?? null,
        birth_date: input.birthDate,
        category: input.category,
        privilege: input.category === 'general' ? 'none' : 'pending',
        privilege_due: privilegeDue,
        privilege_lost_at: null,
        rank_category: categoryRankOf[input.category],
        registered_at: now,
        preferred: JSON.stringify(preferred),
        language: input.language,
        special_needs: input.specialNeeds,
        desired_start: input.desiredStart,
        status: 'waiting',
        left_waiting_at: null,
        last_seen_position: null,
        last_seen_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const position =
      1 +
      (await countAhead(trx, {
        region: input.region,
        district: input.district,
        rankCategory: categoryRankOf[input.category],
        registeredAt: now,
        number,
      }));
    await trx
      .updateTable('queue_registration')
      .set({ last_seen_position: position, last_seen_at: now })
      .where('id', '=', row.id)
      .execute();
    await appendAudit(trx, {
      occurredAt: now,
      actor: { kind: 'citizen', id: parentIin },
      action: 'preschool_queue.registered',
      subjectType: 'queue_registration',
      subjectId: row.id,
      details: { number, category: input.category, district: input.district, position },
    });
    return { number, position, category: input.category, registeredAt: now, privilegeDue };
  });
}
