import { kazakhstanDay } from '../../domain/calendar/kazakhstan-day.js';
import {
  ApplicationStatus,
  applicationStatusLabels,
} from '../../domain/application/ApplicationStatus.js';
import { getFlow, getStep } from '../../domain/application/fold.js';
import { Channel } from '../../domain/regulation/Channel.js';
import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import { findApplicationByNumber } from '../../storage/application.repository.js';
import type { ApplicationServices } from '../../engine/application-services.js';
import { provesStatusAccess } from './status-check-code.js';

const numberPattern = /^\d{4}-\d{7}$/;

/**
 * The public status of an application — without login, and nothing about the applicant —
 * for whoever has the number **and** something only the applicant has: the check code printed
 * on the receipt, or the applicant's IIN (issue 16, defect 9). An unknown number and a wrong
 * proof get the same not_found, so neither numbers nor codes can be probed one by one (the
 * routes are also rate-limited). A service marked `sensitive` in the vocabulary
 * (`services.yaml`: e.g. certificates for the unemployed, support for disabled children) is
 * not named, nor is its step: the answer says only the status and the dues. One indexed
 * lookup; no fold, no audit (no personal data).
 */
export async function getPublicStatus(
  services: ApplicationServices,
  number: string,
  proof: string,
) {
  const record = numberPattern.test(number)
    ? await findApplicationByNumber(services.db, number)
    : undefined;
  if (!record || !provesStatusAccess(proof, record)) {
    throw new DomainError(ErrorCode.notFound, { number });
  }
  const regulation = services.regulations.getById(record.regulationId);
  const isSensitive =
    services.regulations.vocabulary.findService(regulation.service)?.sensitive === true;
  const status = ApplicationStatus.parse(record.status);
  const flow = getFlow(regulation, Channel.parse(record.channel));
  const step = record.currentStepId ? getStep(flow, record.currentStepId) : undefined;
  return {
    number: record.number,
    serviceCode: isSensitive ? null : regulation.service,
    serviceName: isSensitive ? null : regulation.name,
    status,
    statusLabel: applicationStatusLabels[status],
    // The day in Kazakhstan, not in UTC: an application submitted at 01:30 is dated that day.
    submittedOn: kazakhstanDay(record.submittedAt),
    dueAt: record.dueAt.toISOString(),
    step: step
      ? {
          position: flow.steps.indexOf(step) + 1,
          stepCount: flow.steps.length,
          description: isSensitive ? null : step.description,
          dueAt: record.stepDueAt?.toISOString() ?? null,
        }
      : null,
  };
}
export type PublicStatus = Awaited<ReturnType<typeof getPublicStatus>>;
