import { describe, expect, it } from 'vitest';
import { kzWorkingTime } from '../../../test/support/calendar.js';
import type { ApplicationListRow } from '../../storage/application-query.repository.js';
import {
  defaultInboxWarningPolicy,
  indicatorOf,
  warningHorizon,
  type InboxWarningPolicy,
} from './list-inbox.js';

const time = kzWorkingTime('provider-office', 'Asia/Qostanay');

function indicator(
  subject: ApplicationListRow & { urgencyAt: Date },
  now: Date,
  policy: InboxWarningPolicy = defaultInboxWarningPolicy,
) {
  return indicatorOf(subject, now, warningHorizon(time, now, policy), policy);
}

/** An inbox row whose step started at `start` and is due at `due` (instants in UTC). */
function row(
  start: string,
  due: string,
  hasStepDue = true,
): ApplicationListRow & { urgencyAt: Date } {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    number: '2019-0000001',
    regulationId: 'kostanay.duplicates.2018-12-21',
    serviceCode: 'duplicates',
    regionCode: 'kostanay',
    channel: 'provider_office',
    applicantIin: '900101300007',
    representativeIin: null,
    providerOrganisationId: 'school',
    frontOfficeId: null,
    holderOrganisationId: 'school',
    status: 'in_work',
    currentStepId: 'review',
    currentActor: 'executor',
    executorId: null,
    submittedAt: new Date(start),
    stepDueAt: hasStepDue ? new Date(due) : null,
    dueAt: new Date(due),
    endedAt: null,
    updatedAt: new Date(start),
    clockOffsetMs: null,
    urgencyAt: new Date(due),
  };
}

describe('indicatorOf — on time, warning, overdue', () => {
  // A 15-minute registration from 10:00 (UTC+6) on Monday 1 April 2019.
  const short = row('2019-04-01T04:00:00Z', '2019-04-01T04:15:00Z');
  // A review due at the close of Friday 19 April, started Monday 1 April.
  const long = row('2019-04-01T04:00:00Z', '2019-04-19T12:30:00Z');

  it.each([
    ['short step, early', short, '2019-04-01T04:05:00Z', 'on_time'],
    ['short step, in its last quarter', short, '2019-04-01T04:12:00Z', 'warning'],
    ['short step, at its due', short, '2019-04-01T04:15:00Z', 'warning'],
    ['short step, past its due', short, '2019-04-01T04:15:01Z', 'overdue'],
    ['long step, three working days before', long, '2019-04-16T12:30:00Z', 'on_time'],
    ['long step, within the last working day', long, '2019-04-18T13:00:00Z', 'warning'],
    ['long step, after the close of its day', long, '2019-04-19T12:31:00Z', 'overdue'],
  ] as const)('%s', (_name, subject, now, expected) => {
    expect(indicator(subject, new Date(now))).toBe(expected);
  });

  it('counts a sandbox application on its own shifted clock', () => {
    // Made "as of" 1 April 2019 on 3 December 2026: the same instants, 2803 days later.
    const offset = -2803 * 86_400_000;
    const sandbox = { ...short, clockOffsetMs: offset };
    const real = (iso: string) => new Date(new Date(iso).getTime() - offset);
    expect(indicator(sandbox, real('2019-04-01T04:05:00Z'))).toBe('on_time');
    expect(indicator(sandbox, real('2019-04-01T04:15:01Z'))).toBe('overdue');
    // The same row without the offset is long overdue at that real time.
    expect(indicator(short, real('2019-04-01T04:05:00Z'))).toBe('overdue');
  });

  it('shows a suspended application as suspended, whatever its stored due', () => {
    const suspended = { ...short, status: 'suspended' };
    expect(indicator(suspended, new Date('2019-04-02T04:00:00Z'))).toBe('suspended');
  });

  it('follows a configured policy', () => {
    const early = new Date('2019-04-16T12:30:00Z');
    expect(indicator(long, early, { workingDays: 5, stepFraction: 0.5 })).toBe('warning');
    expect(
      indicator(short, new Date('2019-04-01T04:05:00Z'), {
        workingDays: 1,
        stepFraction: 0.9,
      }),
    ).toBe('warning');
  });
});
