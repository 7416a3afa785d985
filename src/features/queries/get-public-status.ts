import {
  ApplicationStatus,
  applicationStatusLabels,
} from '../../domain/application/ApplicationStatus.js';
import { getFlow, getStep } from '../../domain/application/fold.js';
import { Channel } from '../../domain/regulation/Channel.js';
import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import { findApplicationByNumber } from '../../storage/application.repository.js';
import type { ApplicationServices } from '../../engine/application-services.js';

const numberPattern = /^\d{4}-\d{7}$/;

/**
 * The public status of an application by its number — for anyone, without login — and
 * nothing about the applicant: number, service name (kk/ru/en), status and its label, the
 * due date and the current step. One indexed lookup; no fold, no audit (no personal data).
 */
export async function getPublicStatus(services: ApplicationServices, number: string) {
  const record = numberPattern.test(number)
    ? await findApplicationByNumber(services.db, number)
    : undefined;
  if (!record) throw new DomainError(ErrorCode.notFound, { number });
  const regulation = services.regulations.getById(record.regulationId);
  const status = ApplicationStatus.parse(record.status);
  const flow = getFlow(regulation, Channel.parse(record.channel));
  const step = record.currentStepId ? getStep(flow, record.currentStepId) : undefined;
  return {
    number: record.number,
    serviceCode: regulation.service,
    serviceName: regulation.name,
    status,
    statusLabel: applicationStatusLabels[status],
    submittedOn: record.submittedAt.toISOString().slice(0, 10),
    dueAt: record.dueAt.toISOString(),
    step: step
      ? {
          position: flow.steps.indexOf(step) + 1,
          stepCount: flow.steps.length,
          description: step.description,
          dueAt: record.stepDueAt?.toISOString() ?? null,
        }
      : null,
  };
}
export type PublicStatus = Awaited<ReturnType<typeof getPublicStatus>>;
