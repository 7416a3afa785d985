import type { ApplicationStatus } from './ApplicationStatus.js';

/**
 * What fires around a deadline, in order: a warning before it, overdue once it has passed,
 * escalation to the head of the holding organisation (product brief, point 3: "warnings
 * before a deadline, overdue lists, escalation"). Each fires once per deadline.
 */
export const DeadlineMarkerKind = {
  warning: 'warning',
  overdue: 'overdue',
  escalated: 'escalated',
} as const;
export type DeadlineMarkerKind = (typeof DeadlineMarkerKind)[keyof typeof DeadlineMarkerKind];
export const deadlineMarkerKinds = Object.values(DeadlineMarkerKind);

/** Which deadline: the current step's or the whole application's term. */
export const DeadlineScope = { step: 'step', total: 'total' } as const;
export type DeadlineScope = (typeof DeadlineScope)[keyof typeof DeadlineScope];

/** When warnings and escalations fire, relative to a deadline. */
export interface DeadlinePolicy {
  /** The warning fires when this share of the time from start to due is left (0 < f < 1). */
  readonly warningFraction: number;
  /** …but never earlier than this before the due (a 6-month term warns days, not a month, ahead). */
  readonly maxWarningLeadMs: number;
  /** Escalation fires this long after the due (0: together with overdue). */
  readonly escalateAfterMs: number;
}

export const defaultDeadlinePolicy: DeadlinePolicy = {
  warningFraction: 0.2,
  maxWarningLeadMs: 3 * 24 * 60 * 60_000,
  escalateAfterMs: 0,
};

/**
 * Statuses in which the provider (or the front office) owes the next action, so its
 * deadlines are watched. Not watched: waiting for the applicant (an offer, an answer, a
 * result ready to collect — the provider met its term when the result was ready), the
 * kindergarten queue (waiting for a place "is not part of the service term"), suspension
 * (the term stands still), and ended applications.
 */
export const watchedStatuses = [
  'received',
  'in_work',
] as const satisfies readonly ApplicationStatus[];

/** The instant the warning of a deadline from `startedAt` to `dueAt` fires. */
export function warningAt(startedAt: number, dueAt: number, policy: DeadlinePolicy): number {
  const span = Math.max(0, dueAt - startedAt);
  return dueAt - Math.min(span * policy.warningFraction, policy.maxWarningLeadMs);
}

/** The instant at which `kind` fires for a deadline. */
export function firesAt(
  kind: DeadlineMarkerKind,
  deadline: { readonly startedAt: number; readonly dueAt: number },
  policy: DeadlinePolicy,
): number {
  switch (kind) {
    case DeadlineMarkerKind.warning:
      return warningAt(deadline.startedAt, deadline.dueAt, policy);
    case DeadlineMarkerKind.overdue:
      return deadline.dueAt;
    case DeadlineMarkerKind.escalated:
      return deadline.dueAt + policy.escalateAfterMs;
  }
}

/**
 * The markers of a deadline whose time has come at `now` and that have not fired yet, in
 * order. A deadline first seen after its due fires its warning too, so the trail is complete.
 */
export function markersDue(
  deadline: { readonly startedAt: number; readonly dueAt: number },
  now: number,
  fired: ReadonlySet<DeadlineMarkerKind>,
  policy: DeadlinePolicy,
): DeadlineMarkerKind[] {
  return deadlineMarkerKinds.filter(
    (kind) => !fired.has(kind) && firesAt(kind, deadline, policy) <= now,
  );
}
