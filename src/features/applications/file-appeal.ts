import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { addDuration } from '../../domain/calendar/index.js';
import type { Principal } from '../../domain/identity/authorisation.js';
import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import { insertAppeal } from '../../storage/appeal.repository.js';
import type { ApplicationServices } from '../../engine/application-services.js';
import { requireAvailable } from '../../engine/conflict.js';
import { getApplicationFor } from '../../engine/load-application.js';
import { parseInput } from '../../engine/parse-input.js';
import { engineTargetOf, recordEvents } from '../../engine/record-events.js';
import { runCommand } from '../../engine/run-command.js';

export const FileAppealInput = z
  .object({
    idempotencyKey: z.string(),
    applicationId: z.string().min(1),
    text: z.string().trim().min(10).max(8000).describe('What is appealed and why'),
  })
  .strict();

/** An appeal is reviewed within 5 working days of its registration (Law "On public services", art. 25). */
export const appealReviewTerm = { amount: 5, unit: 'working_days' } as const;

/**
 * The applicant (or representative) appeals a decision of the provider once the process has
 * ended. The appeal gets its own due date under the provider's calendar; the application's
 * log records it.
 */
export async function fileAppeal(
  services: ApplicationServices,
  principal: Principal,
  rawInput: z.input<typeof FileAppealInput>,
) {
  const input = parseInput(FileAppealInput, rawInput);
  return runCommand(services, principal, 'file_appeal', input, async (trx) => {
    const loaded = await getApplicationFor(services, principal, input.applicationId, trx);
    requireAvailable(loaded, principal, 'appeal', principal.kind === 'citizen');
    if (principal.kind !== 'citizen') throw new DomainError(ErrorCode.forbidden, {});
    const now = loaded.now;
    const appealId = randomUUID();
    const dueAt = new Date(
      addDuration(loaded.clock.provider, now.getTime(), appealReviewTerm, {
        excludeStartDay: true,
      }),
    );
    await insertAppeal(trx, {
      id: appealId,
      applicationId: loaded.record.id,
      appellantIin: principal.iin,
      text: input.text,
      status: 'submitted',
      submittedAt: now,
      dueAt,
    });
    await recordEvents(
      trx,
      engineTargetOf(loaded),
      { kind: 'citizen', iin: principal.iin },
      [{ type: 'appealed', appealId }],
      now,
    );
    return {
      applicationId: loaded.record.id,
      response: {
        appealId,
        applicationId: loaded.record.id,
        status: 'submitted',
        dueAt: dueAt.toISOString(),
      },
    };
  });
}
