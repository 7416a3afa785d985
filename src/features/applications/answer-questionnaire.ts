import { z } from 'zod';
import type { Principal } from '../../domain/identity/authorisation.js';
import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import { insertQuestionnaireAnswer } from '../../storage/appeal.repository.js';
import type { ApplicationServices } from '../../engine/application-services.js';
import { requireAvailable } from '../../engine/conflict.js';
import { getApplicationFor } from '../../engine/load-application.js';
import { parseInput } from '../../engine/parse-input.js';
import { engineTargetOf, recordEvents } from '../../engine/record-events.js';
import { runCommand } from '../../engine/run-command.js';

const satisfaction = z.enum(['not_satisfied', 'partially_satisfied', 'satisfied']);

export const AnswerQuestionnaireInput = z
  .object({
    idempotencyKey: z.string(),
    applicationId: z.string().min(1),
    /** «Удовлетворены ли Вы качеством процесса и результатом оказания услуги?» */
    process: satisfaction,
    /** «Удовлетворены ли Вы качеством информации о порядке оказания услуги?» */
    information: satisfaction,
  })
  .strict();

/** The applicant answers the two questions of the quality questionnaire (seed 003), once, after the result. */
export async function answerQuestionnaire(
  services: ApplicationServices,
  principal: Principal,
  rawInput: z.input<typeof AnswerQuestionnaireInput>,
) {
  const input = parseInput(AnswerQuestionnaireInput, rawInput);
  return runCommand(services, principal, 'answer_questionnaire', input, async (trx) => {
    const loaded = await getApplicationFor(services, principal, input.applicationId, trx);
    requireAvailable(loaded, principal, 'answer_questionnaire', principal.kind === 'citizen');
    if (principal.kind !== 'citizen') throw new DomainError(ErrorCode.forbidden, {});
    const now = loaded.now;
    await insertQuestionnaireAnswer(trx, {
      applicationId: loaded.record.id,
      respondentIin: principal.iin,
      process: input.process,
      information: input.information,
      answeredAt: now,
    });
    await recordEvents(
      trx,
      engineTargetOf(loaded),
      { kind: 'citizen', iin: principal.iin },
      [{ type: 'questionnaire_answered', process: input.process, information: input.information }],
      now,
    );
    return {
      applicationId: loaded.record.id,
      response: { applicationId: loaded.record.id, answered: true },
    };
  });
}
