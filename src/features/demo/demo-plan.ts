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
import { demoInstallation, demoRegionOf } from './demo-organisations.js';
import type { RegulationCatalog } from '../../domain/regulation/regulation-catalog.js';
import { normaliseRegionCode } from '../../domain/regulation/vocabulary-index.js';

const nextIsoDate = (iso: string) => isoDateFromEpochDay(epochDayFromIsoDate(iso) + 1);

/** Every organisation the demo gives staff to (seed/demo.yaml), with its roles. */
export function demoStaffOrganisations(): {
  organisationId: string;
  isFrontOffice: boolean;
  hasCommission: boolean;
}[] {
  const providers = new Set<string>();
  for (const region of demoInstallation().regions) {
    providers.add(region.school.id);
    for (const id of Object.values(region.providers)) providers.add(id);
  }
  const commissions = new Set(demoInstallation().regions.flatMap((region) => region.commissions));
  return [
    ...[...providers].map((organisationId) => ({
      organisationId,
      isFrontOffice: false,
      hasCommission: commissions.has(organisationId),
    })),
    ...demoInstallation().regions.map((region) => ({
      organisationId: region.frontOffice,
      isFrontOffice: true,
      hasCommission: false,
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
  regulations: RegulationCatalog,
): DemoSetting | undefined {
  const isNational = regulation.region === regulations.vocabulary.country.code;
  const region = demoRegionOf(
    isNational ? demoInstallation().nationalStandardsIn : regulation.region,
  );
  if (region === undefined) return undefined;
  const providerOrganisationId = regulation.providerKinds
    .map((kind) => (kind === 'school' ? region.school.id : region.providers[kind]))
    .find((id): id is string => id !== undefined);
  if (!providerOrganisationId) return undefined;
  let from = regulation.effectiveFrom;
  if (isNational) {
    // The national standard applies there once the region's own regulation of the service ends
    // (the day after its last day in force).
    const own = regulations.all.filter(
      (candidate) =>
        candidate.service === regulation.service &&
        normaliseRegionCode(candidate.region) === normaliseRegionCode(region.region),
    );
    for (const version of own) {
      if (version.effectiveTo !== undefined && version.effectiveTo >= from) {
        from = nextIsoDate(version.effectiveTo);
      }
    }
  }
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
  return { providerOrganisationId, frontOfficeId: region.frontOffice, day: iso };
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

/**
 * Field values that pass the regulation's format rules (ФЛК), for the demo citizen; a field
 * chosen from the front offices names `frontOfficeId` (the engine stores its name and address).
 */
export function demoFields(
  regulation: RegulationDefinition,
  frontOfficeId?: string,
): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const field of regulation.fields) {
    if (!field.required) continue;
    const size = field.length?.exact ?? Math.min(field.length?.max ?? 6, 6);
    if (field.checkDigits)
      fields[field.id] = field.id.includes('child') ? demoChildIin : demoCitizen.iin;
    else if (field.format === 'choice') fields[field.id] = field.choices![0]!.value;
    else if (field.format === 'date') fields[field.id] = '2012-05-20';
    else if (field.format === 'year') fields[field.id] = '2008';
    else if (field.format === 'front_office' && frontOfficeId) fields[field.id] = frontOfficeId;
    else fields[field.id] = '7'.repeat(size);
  }
  return fields;
}

/** A stable idempotency key of a demo command. */
export function demoKey(...parts: string[]): string {
  return `demo:${parts.join(':')}`.replace(/[^A-Za-z0-9._:-]/g, '-').slice(0, 128);
}

export type { Channel };
