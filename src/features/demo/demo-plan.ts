import { isAutomatic } from '../../domain/application/available-commands.js';
import {
  DayStatus,
  epochDayFromIsoDate,
  getDayStatus,
  isoDateFromEpochDay,
  type ProductionCalendar,
} from '../../domain/calendar/index.js';
import { isWeekend } from '../../domain/calendar/civil-date.js';
import type { Channel } from '../../domain/regulation/Channel.js';
import type { ChannelFlow } from '../../domain/regulation/ChannelFlow.js';
import type { DecisionQuestion } from '../../domain/regulation/DecisionQuestion.js';
import type { RegulationDefinition } from '../../domain/regulation/RegulationDefinition.js';
import { demoChildIin, demoCitizen } from './demo-accounts.js';
import { demoSchools } from './demo-organisations.js';

/** Organisation regions as the organisation seeds spell them, by regulation region. */
const organisationRegion = {
  kostanay: 'kostanay',
  aktobe: 'aktobe',
  'west-kazakhstan': 'west_kazakhstan',
  'south-kazakhstan': 'south_kazakhstan',
  // The national standard is shown where Kostanay's own regulation no longer applies.
  national: 'kostanay',
} as const;
type OrganisationRegion = (typeof organisationRegion)[keyof typeof organisationRegion];

/** The demo provider of each kind in each region (ids of seed/organisations and the demo schools). */
const providers: Record<OrganisationRegion, Partial<Record<string, string>>> = {
  kostanay: { school: demoSchools.kostanay, district_akimat: 'kst-akimat-kostanay' },
  aktobe: {
    school: demoSchools.aktobe,
    district_education_department: 'akt-education-aktobe',
    regional_education_department: 'akt-education',
  },
  west_kazakhstan: {
    school: demoSchools.west_kazakhstan,
    district_education_department: 'wko-education-uralsk',
    regional_education_department: 'wko-education',
  },
  south_kazakhstan: {
    school: demoSchools.south_kazakhstan,
    district_education_department: 'sko-education-shymkent',
    archive: 'sko-archive',
    employment_department: 'sko-employment',
  },
};

export const frontOffices: Record<OrganisationRegion, string> = {
  kostanay: 'kst-front-office',
  aktobe: 'akt-front-office',
  west_kazakhstan: 'wko-front-office',
  south_kazakhstan: 'sko-front-office',
};

/** Every organisation the demo gives staff to, with its roles. */
export function demoStaffOrganisations(): { organisationId: string; isFrontOffice: boolean }[] {
  const ids = new Set<string>();
  for (const byKind of Object.values(providers))
    for (const id of Object.values(byKind)) if (id) ids.add(id);
  return [
    ...[...ids].map((organisationId) => ({ organisationId, isFrontOffice: false })),
    ...Object.values(frontOffices).map((organisationId) => ({
      organisationId,
      isFrontOffice: true,
    })),
  ];
}

/** Where and when a regulation's demo applications are made. */
export interface DemoSetting {
  readonly providerOrganisationId: string;
  readonly frontOfficeId: string;
  /** A working day inside the regulation's effective period (and its yearly windows). */
  readonly day: string;
}

/** The provider, front office and day of a regulation's demo applications; undefined when none fits. */
export function demoSettingOf(
  regulation: RegulationDefinition,
  calendar: ProductionCalendar,
): DemoSetting | undefined {
  const region = (organisationRegion as Record<string, OrganisationRegion | undefined>)[
    regulation.region
  ];
  if (region === undefined) return undefined;
  const providerOrganisationId = regulation.providerKinds
    .map((kind) => providers[region][kind])
    .find((id): id is string => id !== undefined);
  if (!providerOrganisationId) return undefined;
  let from = regulation.effectiveFrom;
  // Kostanay's own regulations were repealed from 2020-02-09: the national standard after.
  if (regulation.region === 'national' && from < '2020-02-10') from = '2020-02-10';
  let day = epochDayFromIsoDate(from) + 21;
  if (regulation.windows.length > 0) {
    // Admission windows run in summer (1 June – 30 August): apply in early July.
    const year = Number(from.slice(0, 4));
    day = epochDayFromIsoDate(`${from <= `${year}-07-01` ? year : year + 1}-07-01`);
  }
  for (let tries = 0; tries < 30; tries += 1, day += 1) {
    const status = getDayStatus(calendar, day);
    const isWorking =
      status === DayStatus.transferredWorkingDay ||
      (status === DayStatus.ordinary && !isWeekend(day));
    if (isWorking) break;
  }
  const iso = isoDateFromEpochDay(day);
  if (regulation.effectiveTo !== undefined && iso >= regulation.effectiveTo) return undefined;
  return { providerOrganisationId, frontOfficeId: frontOffices[region], day: iso };
}

/** What a demo application shows: the state it is left in. */
export const DemoScenario = {
  received: 'received',
  inWork: 'in-work',
  resultReady: 'result-ready',
  completed: 'completed',
  refused: 'refused',
  intakeRefused: 'intake-refused',
} as const;
export type DemoScenario = (typeof DemoScenario)[keyof typeof DemoScenario];

const reviewQuestions: ReadonlySet<DecisionQuestion> = new Set([
  'documents_compliant',
  'data_reliable',
  'decision_positive',
]);

/** The scenarios a channel's flow can show (a refusal needs a review decision, and so on). */
export function scenariosOf(flow: ChannelFlow): DemoScenario[] {
  const human = flow.steps.filter((step) => !isAutomatic(step));
  const scenarios: DemoScenario[] = [
    DemoScenario.received,
    DemoScenario.inWork,
    DemoScenario.completed,
  ];
  if (
    human.some((step) =>
      ['issue_result', 'deliver_to_front_office', 'store_result'].includes(step.action),
    )
  )
    scenarios.push(DemoScenario.resultReady);
  if (flow.steps.some((step) => step.decide && reviewQuestions.has(step.decide.question)))
    scenarios.push(DemoScenario.refused);
  if (human.some((step) => step.decide?.question === 'documents_complete' && step.decide.ifNo))
    scenarios.push(DemoScenario.intakeRefused);
  return scenarios;
}

/** How a scenario answers the questions of the steps. */
export function answerFor(scenario: DemoScenario): (question: DecisionQuestion) => boolean {
  return (question) => {
    if (scenario === DemoScenario.intakeRefused && question === 'documents_complete') return false;
    if (scenario === DemoScenario.refused && reviewQuestions.has(question)) return false;
    return true;
  };
}

/** Field values that pass the regulation's format rules (ФЛК), for the demo citizen. */
export function demoFields(regulation: RegulationDefinition): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const field of regulation.fields) {
    if (!field.required) continue;
    const size = field.length?.exact ?? Math.min(field.length?.max ?? 6, 6);
    if (field.checkDigits)
      fields[field.id] = field.id.includes('child') ? demoChildIin : demoCitizen.iin;
    else if (field.format === 'choice') fields[field.id] = field.choices![0]!.value;
    else if (field.format === 'date') fields[field.id] = '2012-05-20';
    else fields[field.id] = '7'.repeat(size);
  }
  return fields;
}

/** A stable idempotency key of a demo command. */
export function demoKey(...parts: string[]): string {
  return `demo:${parts.join(':')}`.replace(/[^A-Za-z0-9._:-]/g, '-').slice(0, 128);
}

export type { Channel };
