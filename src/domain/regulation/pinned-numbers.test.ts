import { describe, expect, it } from 'vitest';
import { loadRegulations } from '../../storage/regulation-files.js';
import type { ChannelFlow } from './ChannelFlow.js';
import { pathsToEnds } from './flow-graph.js';
import type { RegulationDefinition } from './RegulationDefinition.js';

const all = loadRegulations().regulations.map((loaded) => loaded.regulation);
const get = (id: string): RegulationDefinition => {
  const found = all.find((regulation) => regulation.id === id);
  if (!found) throw new Error(`missing ${id}`);
  return found;
};
const flow = (regulation: RegulationDefinition, channel: string): ChannelFlow => {
  const found = regulation.channels.find((candidate) => candidate.channel === channel);
  if (!found) throw new Error(`missing ${channel}`);
  return found;
};
const resultPath = (channelFlow: ChannelFlow) => {
  const path = pathsToEnds(channelFlow).find(
    (candidate) => candidate.at(-1)?.end === 'result_issued',
  );
  if (!path) throw new Error('no path to the result');
  return path;
};
const durations = (channelFlow: ChannelFlow) =>
  resultPath(channelFlow).map(
    (step) => `${step.duration.amount ?? '-'} ${step.duration.unit ?? step.duration.none}`,
  );

describe('numbers encoded from the texts', () => {
  it('Kostanay duplicates at the office: 15 min, 3 h, 13 working days, 3 h, 15 min (004, annex 2, point 5)', () => {
    expect(durations(flow(get('kostanay.duplicates.2018-12-21'), 'provider_office'))).toEqual([
      '15 minutes',
      '3 hours',
      '13 working_days',
      '3 hours',
      '15 minutes',
    ]);
    expect(
      resultPath(flow(get('kostanay.duplicates.2018-12-21'), 'provider_office')).map(
        (step) => step.actor,
      ),
    ).toEqual(['registry_office', 'head', 'executor', 'head', 'registry_office']);
  });

  it('Kostanay duplicates via the front office: 2 min check, 5 min receipt, courier 1 day, delivery 1 day before the deadline, 5 min issue (004, annex 2, point 8)', () => {
    const regulation = get('kostanay.duplicates.2018-12-21');
    const steps = resultPath(flow(regulation, 'front_office'));
    expect(
      steps.slice(0, 3).map((step) => `${step.duration.amount} ${step.duration.unit}`),
    ).toEqual(['2 minutes', '5 minutes', '1 calendar_days']);
    expect(steps.at(-1)?.duration).toEqual({ amount: 5, unit: 'minutes' });
    expect(regulation.terms[0]?.countsAcceptanceDay).toBe(false);
    expect(regulation.terms[0]?.frontOfficeDeliveryLead).toEqual({
      amount: 1,
      unit: 'calendar_days',
    });
    expect(regulation.frontOfficeStorage?.keepFor).toEqual({ amount: 1, unit: 'months' });
    expect(regulation.channelsNotOffered.map((excluded) => excluded.channel)).toEqual(['portal']);
  });

  it('national duplicates: 15 working days on every channel, portal signing by ЭЦП or OTP (002, point 3)', () => {
    const regulation = get('national.duplicates.2020-01-01');
    expect(regulation.channels.map((channel) => channel.channel)).toEqual([
      'provider_office',
      'front_office',
      'portal',
    ]);
    expect(regulation.terms).toHaveLength(1);
    expect(regulation.terms[0]?.duration).toEqual({ amount: 15, unit: 'working_days' });
    expect(regulation.terms[0]?.channels).toEqual(['provider_office', 'front_office', 'portal']);
    expect(regulation.terms[0]?.afterHoursStartsNextWorkingDay).toBe(true);
    const sign = flow(regulation, 'portal').steps.find((step) => step.action === 'sign_request');
    expect(sign?.description.ru).toContain('одноразовым паролем');
    const original = regulation.documents.find(
      (document) => document.id === 'original-education-document',
    );
    expect(original?.requirement).toBe('conditional');
    expect(original?.when).toEqual([
      { field: 'name-changed', equals: ['yes'] },
      { field: 'document-status', equals: ['damaged'] },
    ]);
  });

  it('national duplicates: office Mon–Fri 9.00–18.30 with lunch 13.00–14.30, front office Mon–Sat 9.00–20.00, portal round the clock (002, point 7)', () => {
    const schedules = get('national.duplicates.2020-01-01').schedules;
    expect(schedules.find((schedule) => schedule.channel === 'provider_office')).toMatchObject({
      days: ['mon', 'tue', 'wed', 'thu', 'fri'],
      hours: { from: '09:00', to: '18:30' },
      breaks: [{ from: '13:00', to: '14:30' }],
      acceptance: { from: '09:00', to: '17:30' },
    });
    expect(schedules.find((schedule) => schedule.channel === 'front_office')).toMatchObject({
      days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'],
      hours: { from: '09:00', to: '20:00' },
      breaks: [],
    });
    expect(schedules.find((schedule) => schedule.channel === 'portal')).toMatchObject({
      roundTheClock: true,
      afterHoursNextWorkingDay: true,
    });
  });

  it('archive certificates: 15–30 calendar days, extension up to 6 months with notification (003, annex 2, annex 3, tables 1-3)', () => {
    const regulation = get('south-kazakhstan.archive-certificate.2012-12-26');
    const term = regulation.terms[0];
    expect(term?.duration).toEqual({ amount: 30, unit: 'calendar_days' });
    expect(term?.minimum).toBe(15);
    expect(term?.extension).toEqual({
      allowed: true,
      maximum: { amount: 6, unit: 'months' },
      notifyApplicant: true,
    });
    for (const channel of regulation.channels) {
      const decision = channel.steps.find((step) => step.id === 'decide');
      expect(decision?.duration).toMatchObject({
        amount: 30,
        unit: 'calendar_days',
        minimum: 15,
        extendableTo: { amount: 6, unit: 'months' },
      });
    }
    expect(regulation.notifications?.onExtension).toBe(true);
    expect(regulation.applicantKinds).toContain('legal_entity');
  });

  it.each(['kostanay.school-admission.2018-12-21', 'aktobe.school-admission.2018-07-20'])(
    'admission windows of %s: first grade 1 June–30 August, full-time and evening until 30 August',
    (id) => {
      const windows = get(id).windows;
      expect(windows).toHaveLength(2);
      expect(windows.find((window) => window.id === 'first-grade')).toMatchObject({
        from: '06-01',
        until: '08-30',
        appliesWhen: { field: 'admission-category', equals: ['first-grade'] },
      });
      const other = windows.find((window) => window.id === 'full-time-and-evening');
      expect(other).toMatchObject({
        until: '08-30',
        appliesWhen: { equals: ['full-time', 'evening'] },
      });
      expect(other?.from).toBeUndefined();
    },
  );

  it('Kostanay admission: 5 min, 3 h, 4 working days, 10 min, 5 min (004, annex 3, point 5)', () => {
    expect(durations(flow(get('kostanay.school-admission.2018-12-21'), 'provider_office'))).toEqual(
      [
        '5 minutes',
        '- within the 5 minutes of item 1',
        '3 hours',
        '4 working_days',
        '10 minutes',
        '5 minutes',
      ],
    );
  });

  it('the same decision takes 15 min at the office and 3 days at the front office (kindergarten) and 10 min vs 3 working days (unemployed)', () => {
    const decision = (id: string, channel: string) =>
      flow(get(id), channel).steps.find((step) => step.id === 'decide')?.duration;
    expect(decision('south-kazakhstan.kindergarten-queue.2012-12-26', 'provider_office')).toEqual({
      amount: 15,
      unit: 'minutes',
    });
    expect(decision('south-kazakhstan.kindergarten-queue.2012-12-26', 'front_office')).toEqual({
      amount: 3,
      unit: 'calendar_days',
    });
    expect(
      decision('south-kazakhstan.unemployed-certificate.2012-12-26', 'provider_office'),
    ).toEqual({ amount: 10, unit: 'minutes' });
    expect(decision('south-kazakhstan.unemployed-certificate.2012-12-26', 'front_office')).toEqual({
      amount: 3,
      unit: 'working_days',
    });
  });

  it('West Kazakhstan extern: 1 wd, 15 min, 1 wd, 11 wd, 1 wd, 1 wd, 15 min (000, point 5)', () => {
    const path = resultPath(
      flow(get('west-kazakhstan.extern-permission.2016-03-01'), 'front_office'),
    );
    const timed = path.filter((step) =>
      [
        'fo-courier',
        'register',
        'assign',
        'review',
        'sign',
        'fo-send-result',
        'fo-issue-result',
      ].includes(step.id),
    );
    expect(timed.map((step) => `${step.duration.amount} ${step.duration.unit}`)).toEqual([
      '1 working_days',
      '15 minutes',
      '1 working_days',
      '11 working_days',
      '1 working_days',
      '1 working_days',
      '15 minutes',
    ]);
  });

  it('Aktobe extern: executor 12 working days; the actor-less item 9 is done by the registry office (001, extern, point 6)', () => {
    const regulation = get('aktobe.extern-permission.2016-02-19');
    const steps = flow(regulation, 'front_office').steps;
    expect(steps.find((step) => step.id === 'review')?.duration).toEqual({
      amount: 12,
      unit: 'working_days',
    });
    expect(steps.find((step) => step.id === 'send-result')?.actor).toBe('registry_office');
    expect(regulation.defects.find((defect) => defect.id === 'item-9-without-actor')?.kind).toBe(
      'missing_actor',
    );
  });

  it('kindergarten offer loop: a declined place returns the child to the queue; an accepted one leads to the referral', () => {
    const office = flow(get('south-kazakhstan.kindergarten-queue.2012-12-26'), 'provider_office');
    const answer = office.steps.find((step) => step.id === 'await-answer');
    expect(answer?.decide).toEqual({
      question: 'place_accepted',
      ifYes: 'consent',
      ifNo: 'decline',
    });
    expect(office.steps.find((step) => step.id === 'decline')?.next).toBe('await-vacancy');
    expect(office.steps.find((step) => step.id === 'issue-slip')?.produces).toEqual([
      'registration_slip',
    ]);
    expect(office.steps.find((step) => step.id === 'issue-referral')?.produces).toEqual([
      'referral',
    ]);
  });
});
