import {
  DeadlineMarkerKind,
  DeadlineScope,
  markersDue,
  watchedStatuses,
} from '../../domain/application/deadline-watch.js';
import { formatLocalDateTime } from '../../domain/calendar/format-local-time.js';
import { appendAudit } from '../../storage/audit.repository.js';
import {
  insertDeadlineMarker,
  insertEscalation,
  listDeadlineCandidates,
  listFiredMarkers,
  listHeadsOf,
  lockApplicationRow,
  type DeadlineCandidate,
} from '../../storage/deadline.repository.js';
import { findOrganisation } from '../../storage/organisation.repository.js';
import { enqueueMessage } from '../../storage/outbox.repository.js';
import type { JobServices } from '../job-services.js';

/** What one round of the deadline watch fired. */
export interface DeadlineRound {
  examined: number;
  warnings: number;
  overdue: number;
  escalations: number;
}

const auditActor = { kind: 'system', id: 'deadline-watch' } as const;
const pageSize = 200;

/**
 * One round of the deadline watch over every application the provider still owes an action
 * on: for the current step's due and the whole term's due it marks a warning before the due
 * (policy threshold), overdue after it, and an escalation to the head(s) of the organisation
 * that holds the application — each once per deadline (a new due after an extension is a new
 * deadline), each with an audit row. Escalations also go by e-mail to the organisation's
 * address through the outbox. Rows another worker holds are skipped and seen next round.
 */
export async function watchDeadlines(services: JobServices): Promise<DeadlineRound> {
  const now = services.now();
  const policy = services.deadlines;
  const horizon = new Date(now.getTime() + policy.maxWarningLeadMs);
  const round: DeadlineRound = { examined: 0, warnings: 0, overdue: 0, escalations: 0 };
  let afterId: string | null = null;
  for (;;) {
    const page = await listDeadlineCandidates(services.db, {
      horizon,
      statuses: watchedStatuses,
      afterId,
      limit: pageSize,
    });
    for (const candidate of page) {
      round.examined += 1;
      const fired = await watchOne(services, candidate, now);
      round.warnings += fired.warning;
      round.overdue += fired.overdue;
      round.escalations += fired.escalated;
    }
    if (page.length < pageSize) return round;
    afterId = page.at(-1)!.id;
  }
}

type Counts = Record<DeadlineMarkerKind, number>;

async function watchOne(
  services: JobServices,
  candidate: DeadlineCandidate,
  now: Date,
): Promise<Counts> {
  const counts: Counts = { warning: 0, overdue: 0, escalated: 0 };
  const deadlines = [
    {
      scope: DeadlineScope.total,
      stepId: '',
      startedAt: candidate.submittedAt,
      dueAt: candidate.dueAt,
    },
    ...(candidate.stepDueAt && candidate.currentStepId
      ? [
          {
            scope: DeadlineScope.step,
            stepId: candidate.currentStepId,
            startedAt: candidate.stepStartedAt,
            dueAt: candidate.stepDueAt,
          },
        ]
      : []),
  ];
  await services.db.transaction().execute(async (trx) => {
    const locked = await lockApplicationRow(trx, candidate.id);
    // Held by someone else, or changed since it was listed: the next round sees it afresh.
    const isUnchanged =
      locked !== undefined &&
      locked.endedAt === null &&
      locked.status === candidate.status &&
      locked.currentStepId === candidate.currentStepId &&
      locked.dueAt.getTime() === candidate.dueAt.getTime() &&
      (locked.stepDueAt?.getTime() ?? null) === (candidate.stepDueAt?.getTime() ?? null);
    if (!isUnchanged) return;
    for (const deadline of deadlines) {
      const key = { applicationId: candidate.id, ...deadline };
      const fired = new Set(await listFiredMarkers(trx, key));
      const due = markersDue(
        { startedAt: deadline.startedAt.getTime(), dueAt: deadline.dueAt.getTime() },
        // A sandbox application's dues are on its own shifted clock (docs/sandbox.md).
        now.getTime() + (candidate.clockOffsetMs ?? 0),
        fired,
        services.deadlines,
      );
      for (const kind of due) {
        const isNew = await insertDeadlineMarker(trx, {
          ...key,
          kind,
          holderOrganisationId: candidate.holderOrganisationId,
          firedAt: now,
        });
        if (!isNew) continue;
        counts[kind] += 1;
        const details = {
          number: candidate.number,
          scope: deadline.scope,
          ...(deadline.stepId ? { stepId: deadline.stepId } : {}),
          dueAt: deadline.dueAt.toISOString(),
          holderOrganisationId: candidate.holderOrganisationId,
        };
        if (kind === DeadlineMarkerKind.escalated) {
          const heads = await listHeadsOf(trx, candidate.holderOrganisationId);
          const escalationId = await insertEscalation(trx, {
            ...key,
            organisationId: candidate.holderOrganisationId,
            headStaffIds: heads,
            escalatedAt: now,
          });
          const organisation = await findOrganisation(trx, candidate.holderOrganisationId);
          if (organisation?.email) {
            await enqueueMessage(trx, {
              channel: 'email',
              recipient: organisation.email,
              ...escalationEmail(candidate.number, deadline.scope, deadline.dueAt, organisation),
              now,
            });
          }
          await appendAudit(trx, {
            occurredAt: now,
            actor: auditActor,
            action: 'application.deadline_escalated',
            subjectType: 'application',
            subjectId: candidate.id,
            details: { ...details, escalationId, headStaffIds: heads },
          });
        } else {
          await appendAudit(trx, {
            occurredAt: now,
            actor: auditActor,
            action:
              kind === DeadlineMarkerKind.warning
                ? 'application.deadline_warning'
                : 'application.deadline_overdue',
            subjectType: 'application',
            subjectId: candidate.id,
            details,
          });
        }
      }
    }
  });
  return counts;
}

/**
 * The e-mail to the holding organisation when an application is escalated: kk then ru, the
 * due on the organisation's own wall clock, no internal codes (no step ids, no ISO times).
 */
function escalationEmail(
  number: string,
  scope: DeadlineScope,
  dueAt: Date,
  organisation: { timeZone: string },
): { subject: string; body: string } {
  const due = formatLocalDateTime(dueAt, organisation.timeZone);
  const what =
    scope === DeadlineScope.total
      ? { kk: 'қызмет көрсету мерзімі', ru: 'срок оказания услуги' }
      : { kk: 'рәсімнің мерзімі', ru: 'срок процедуры' };
  return {
    subject: `№${number} өтініш мерзімі өтті / Просрочено заявление №${number}`,
    body: [
      `№${number} өтініш: ${what.kk} өтіп кетті (${due}).`,
      `Заявление №${number}: просрочен ${what.ru} (${due}).`,
    ].join('\n'),
  };
}
