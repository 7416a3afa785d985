import { channelLabels, questionLabels } from '../../../domain/regulation/labels.js';
import { channels } from '../../../domain/regulation/Channel.js';
import {
  questionnaireAnswers,
  satisfactionScore,
  type Indicators,
  type SlotCount,
} from '../../../domain/monitoring/indicators.js';
import { Measure, unspecifiedGround } from '../../../domain/monitoring/contributions.js';
import { quarterOf } from '../../../domain/monitoring/period.js';
import {
  findRoleName,
  findSlot,
  findSlotStepName,
  unnamedRole,
  unnamedStep,
} from '../../../domain/monitoring/slot.js';
import type { LocalizedText, Locale } from '../../../domain/shared/locale.js';
import type { RegulationCatalog } from '../../../domain/regulation/regulation-catalog.js';
import {
  unnamedOrganisation,
  unnamedService,
  type QualityView,
} from '../../../features/monitoring/get-quality-indicators.js';
import type { ApplicationBehind } from '../../../features/monitoring/list-applications-behind.js';
import { NameIn, Table } from '../components.js';
import { Page, type PageContext } from '../layout.js';
import { formatDate, nameIn } from '../messages.js';
import { adminNav, ScopeLine } from './organisation-pages.js';
import { answerText, monitoringText as m } from './monitoring-texts.js';
import { OnTimeChart } from './on-time-chart.js';

/** The filters of a view as written in its URL (shared views keep them). */
export interface MonitoringFilters {
  readonly period: string;
  readonly region?: string;
  readonly district?: string;
  readonly provider?: string;
  readonly service?: string;
  readonly channel?: string;
}

/** The URL of a view (or list, or CSV) with the filters, plus or minus some. */
export function monitoringUrl(
  path: string,
  filters: MonitoringFilters,
  extra: Record<string, string | undefined> = {},
): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filters, ...extra })) {
    if (value !== undefined && value !== '') query.set(key, value);
  }
  return `${path}?${query.toString()}`;
}

/** The quarter of a period as written in the URL (a year's first quarter). */
export function quarterOfPeriod(period: string): string {
  if (/^\d{4}-Q[1-4]$/.test(period)) return period;
  return quarterOf(/^\d{4}$/.test(period) ? `${period}-01-01` : `${period.slice(0, 7)}-01`);
}

const pick = (text: LocalizedText, locale: Locale) => text[locale];
const display = (value: number | undefined) =>
  value === undefined ? '—' : String(value).replace('.', ',');

/** The step of a slot (`regulation|step|role`) in the flow of `channel`: the one lookup. */
function findStepOf(regulations: RegulationCatalog, detail: string, channel: string) {
  const slot = findSlot(detail);
  return { slot, step: slot && findSlotStepName(regulations, slot, channel) };
}

/** A role's name as the regulations call it (a localised "not recorded" otherwise). */
export function roleName(role: string, locale: Locale): string {
  return (findRoleName(role) ?? unnamedRole)[locale];
}

/**
 * A slot's step and role as text (a CSV cell): the step's description in its own regulation's
 * flow of `channel`, then the role; never an id or a code.
 */
function slotName(
  regulations: RegulationCatalog,
  detail: string,
  channel: string,
  locale: Locale,
): string {
  const { slot, step } = findStepOf(regulations, detail, channel);
  return `${step ? nameIn(step, locale) : unnamedStep[locale]} (${roleName(slot?.role ?? '', locale)})`;
}

/**
 * A slot's step as page content: its description in its own regulation's flow of `channel`,
 * declared Russian on an English page (issue 18, point 11); never the step's id.
 */
export function StepName(props: {
  regulations: RegulationCatalog;
  detail: string;
  channel: string;
  locale: Locale;
}) {
  const { step } = findStepOf(props.regulations, props.detail, props.channel);
  return step ? <NameIn name={step} locale={props.locale} /> : <>{unnamedStep[props.locale]}</>;
}

/** The question of a refusal ground (kk/ru), or undefined when none was recorded. */
function findGroundQuestion(ground: string): { kk: string; ru: string } | undefined {
  if (ground === unspecifiedGround) return undefined;
  return (questionLabels as Record<string, { kk: string; ru: string } | undefined>)[ground];
}

/** A refusal ground: the question answered "no". */
function groundName(ground: string, locale: Locale): string {
  const label = findGroundQuestion(ground);
  if (!label) return m.noGround[locale];
  return `${locale === 'kk' ? label.kk : label.ru} — ${m.answerNo[locale]}`;
}

/** A refusal ground as page content: the question (declared Russian on an English page) answered "no". */
export function GroundName(props: { ground: string; locale: Locale }) {
  const label = findGroundQuestion(props.ground);
  if (!label) return <>{m.noGround[props.locale]}</>;
  return (
    <>
      <NameIn name={label} locale={props.locale} /> — {m.answerNo[props.locale]}
    </>
  );
}

/** What the last column of a list behind a number names, by the list's measure. */
type DetailKind = 'ground' | 'step' | 'answer' | 'share' | 'none';
function detailKindOf(measure: string): DetailKind {
  switch (measure) {
    case Measure.intakeRefused:
    case Measure.reasonedRefusal:
      return 'ground';
    case Measure.termViolated:
    case Measure.stepOverdue:
    case 'overdue_now':
      return 'step';
    case Measure.questionnaireProcess:
    case Measure.questionnaireInformation:
      return 'answer';
    case Measure.durationShare:
      return 'share';
    default:
      return 'none';
  }
}

/** The heading of the last column of a list behind a number (and of its CSV). */
export function detailHeading(measure: string): LocalizedText {
  const kind = detailKindOf(measure);
  return kind === 'ground'
    ? m.ground
    : kind === 'answer'
      ? m.answer
      : kind === 'share'
        ? m.durationShare
        : m.step;
}

/** A questionnaire answer by name ("—" for none recorded): never its code. */
function answerName(answer: string, locale: Locale): string {
  return (answerText as Record<string, LocalizedText | undefined>)[answer]?.[locale] ?? '—';
}

/**
 * The last cell of a list behind a number as text (a CSV cell): the ground of a refusal, the
 * step and role of a slot (named in its own regulation's flow), the questionnaire's answer, the
 * share of the term — never a code.
 */
export function detailText(
  regulations: RegulationCatalog,
  measure: string,
  row: { readonly detail: string; readonly channel: string },
  locale: Locale,
): string {
  switch (detailKindOf(measure)) {
    case 'ground':
      return groundName(row.detail, locale);
    case 'step':
      return row.detail ? slotName(regulations, row.detail, row.channel, locale) : '—';
    case 'answer':
      return answerName(row.detail, locale);
    case 'share':
      return /^\d+$/.test(row.detail) ? row.detail : '—';
    case 'none':
      return '—';
  }
}

/** The last cell of a list behind a number as page content (names declared as on the page). */
function DetailCell(props: {
  regulations: RegulationCatalog;
  measure: string;
  row: ApplicationBehind;
  locale: Locale;
}) {
  const { row, locale } = props;
  const kind = detailKindOf(props.measure);
  if (kind === 'ground') return <GroundName ground={row.detail} locale={locale} />;
  if (kind !== 'step' || !row.detail) {
    return <>{detailText(props.regulations, props.measure, row, locale)}</>;
  }
  return (
    <>
      <StepName
        regulations={props.regulations}
        detail={row.detail}
        channel={row.channel}
        locale={locale}
      />{' '}
      ({roleName(findSlot(row.detail)?.role ?? '', locale)})
    </>
  );
}

/**
 * A name of the monitoring's views (a district, a provider, a service) as page content: an
 * organisation's name has no English spelling (its `en` repeats the Russian), so on an English
 * page it is declared Russian; a service's English name is shown as it is.
 */
function ViewName(props: { name: LocalizedText; locale: Locale }) {
  const { name, locale } = props;
  return locale === 'en' && name.en === name.ru ? (
    <NameIn name={name} locale={locale} />
  ) : (
    <>{name[locale]}</>
  );
}

/** The rows of the indicators table: label, value, and the measure behind it when listable. */
export function indicatorRows(
  indicators: Indicators,
): { label: LocalizedText; value: number | undefined; measure?: string }[] {
  return [
    { label: m.received, value: indicators.received, measure: 'received' },
    { label: m.completed, value: indicators.completed, measure: 'completed' },
    { label: m.completedOnTime, value: indicators.completedOnTime, measure: 'completed_on_time' },
    { label: m.onTimePercent, value: indicators.onTimePercent },
    { label: m.overdueNow, value: indicators.overdueNow, measure: 'overdue_now' },
    { label: m.termViolations, value: indicators.termViolations, measure: 'term_violated' },
    { label: m.stepOverdue, value: indicators.stepOverdue, measure: 'step_overdue' },
    { label: m.medianDuration, value: indicators.durationMedianPercent },
    { label: m.p90Duration, value: indicators.durationP90Percent },
    { label: m.intakeRefusals, value: indicators.intakeRefusals, measure: 'intake_refused' },
    { label: m.reasonedRefusals, value: indicators.reasonedRefusals, measure: 'reasoned_refusal' },
    { label: m.extensions, value: indicators.extensions, measure: 'extended' },
    { label: m.suspensions, value: indicators.suspensions, measure: 'suspended' },
    { label: m.appealsFiled, value: indicators.appealsFiled, measure: 'appealed' },
    { label: m.appealsUpheld, value: indicators.appealsUpheld, measure: 'appeal_upheld' },
    { label: m.electronicPercent, value: indicators.electronicPercent },
    { label: m.satisfaction, value: satisfactionScore(indicators) },
  ];
}

/** The columns of the breakdown table (and its CSV). */
export const breakdownColumns = [
  m.received,
  m.completed,
  m.onTimePercent,
  m.overdueNow,
  m.termViolations,
  m.medianDuration,
  m.intakeRefusals,
  m.reasonedRefusals,
  m.appealsUpheld,
  m.satisfaction,
] as const;

/** The breakdown values of one row, in the order of {@link breakdownColumns}. */
export function breakdownValues(indicators: Indicators): (number | undefined)[] {
  return [
    indicators.received,
    indicators.completed,
    indicators.onTimePercent,
    indicators.overdueNow,
    indicators.termViolations,
    indicators.durationMedianPercent,
    indicators.intakeRefusals,
    indicators.reasonedRefusals,
    indicators.appealsUpheld,
    satisfactionScore(indicators),
  ];
}

/** The filter form: period, channel (and the drill-down kept as hidden fields). */
function Filters(props: { ctx: PageContext; filters: MonitoringFilters }) {
  const { locale } = props.ctx;
  const { filters } = props;
  return (
    <form method="get" action="/admin/monitoring" class="filters">
      <fieldset>
        <legend>{m.filters[locale]}</legend>
        <div class="field">
          <label for="monitoring-period">{m.period[locale]}</label>
          <input
            id="monitoring-period"
            name="period"
            value={filters.period}
            maxlength={10}
            aria-describedby="monitoring-period-hint"
          />
          <p class="hint" id="monitoring-period-hint">
            {m.periodHint[locale]}
          </p>
        </div>
        <div class="field">
          <label for="monitoring-channel">{m.channel[locale]}</label>
          <select id="monitoring-channel" name="channel">
            <option value="">{m.allChannels[locale]}</option>
            {channels.map((channel) => (
              <option value={channel} selected={filters.channel === channel}>
                {channelLabels[channel][locale]}
              </option>
            ))}
          </select>
        </div>
        {(['region', 'district', 'provider', 'service'] as const).map((key) =>
          filters[key] ? <input type="hidden" name={key} value={filters[key]} /> : null,
        )}
        <div class="actions">
          <button type="submit">{m.show[locale]}</button>
        </div>
      </fieldset>
    </form>
  );
}

/** The trail of the drill-down: region › district › provider › service. */
function Trail(props: { ctx: PageContext; view: QualityView; filters: MonitoringFilters }) {
  const { locale } = props.ctx;
  const { names } = props.view;
  const base = { period: props.filters.period, channel: props.filters.channel };
  const steps: { label: LocalizedText; href: string }[] = [
    {
      label: m.region,
      href: monitoringUrl('/admin/monitoring', { ...base, region: props.filters.region }),
    },
  ];
  if (names.district) {
    steps.push({
      label: names.district,
      href: monitoringUrl('/admin/monitoring', {
        ...props.filters,
        provider: undefined,
        service: undefined,
      }),
    });
  }
  if (names.provider) {
    steps.push({
      label: names.provider,
      href: monitoringUrl('/admin/monitoring', { ...props.filters, service: undefined }),
    });
  }
  if (names.service) steps.push({ label: names.service, href: '' });
  return (
    <nav aria-label={m.filters[locale]} class="trail">
      <ol>
        {steps.map((step) => (
          <li>
            {step.href ? (
              <a href={step.href}>
                <ViewName name={step.label} locale={locale} />
              </a>
            ) : (
              <ViewName name={step.label} locale={locale} />
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** Counts by step and role, each linked to its applications. */
function SlotTable(props: {
  ctx: PageContext;
  id: string;
  title: LocalizedText;
  column: LocalizedText;
  slots: readonly SlotCount[];
  measure: string;
  filters: MonitoringFilters;
  regulations: RegulationCatalog;
}) {
  const { locale } = props.ctx;
  return (
    <>
      <h2 id={`${props.id}-heading`}>{props.title[locale]}</h2>
      <Table
        id={props.id}
        labelledBy={`${props.id}-heading`}
        headings={[
          m.step[locale],
          m.role[locale],
          m.service[locale],
          m.channel[locale],
          props.column[locale],
        ]}
      >
        {props.slots.map((slot) => (
          <tr>
            <th scope="row">
              <StepName
                regulations={props.regulations}
                detail={slot.detail}
                channel={slot.channel}
                locale={locale}
              />
            </th>
            <td>{roleName(slot.slot?.role ?? '', locale)}</td>
            <td>
              <SlotService regulations={props.regulations} slot={slot} locale={locale} />
            </td>
            <td>{channelName(slot.channel, locale)}</td>
            <td data-value={String(slot.count)}>
              <a
                href={monitoringUrl(
                  '/admin/monitoring/applications',
                  // A slot's count is of one channel (its flow names the step): so is its list.
                  { ...props.filters, channel: slot.channel },
                  { measure: props.measure, detail: slot.detail },
                )}
              >
                {slot.count}
              </a>
            </td>
          </tr>
        ))}
      </Table>
    </>
  );
}

/** A channel by name ("—" for one the vocabulary does not know): never its code. */
function channelName(channel: string, locale: Locale): string {
  return (channelLabels as Record<string, LocalizedText | undefined>)[channel]?.[locale] ?? '—';
}

/**
 * The service of a slot's regulation version (two services' regulations may word a step
 * alike): its name in that version, "unnamed service" for a version not loaded.
 */
function SlotService(props: { regulations: RegulationCatalog; slot: SlotCount; locale: Locale }) {
  const regulation = props.slot.slot && props.regulations.findById(props.slot.slot.regulationId);
  return <>{(regulation?.name ?? unnamedService)[props.locale]}</>;
}

/** The term violations and the missed step deadlines, by step and role. */
function SlotTables(props: {
  ctx: PageContext;
  total: Indicators;
  filters: MonitoringFilters;
  regulations: RegulationCatalog;
}) {
  return (
    <>
      <SlotTable
        ctx={props.ctx}
        id="violations"
        title={m.violationsBySlot}
        column={m.termViolations}
        slots={props.total.violationsBySlot}
        measure="term_violated"
        filters={props.filters}
        regulations={props.regulations}
      />
      <SlotTable
        ctx={props.ctx}
        id="step-overdue"
        title={m.stepOverdueBySlot}
        column={m.stepOverdue}
        slots={props.total.stepOverdueBySlot}
        measure="step_overdue"
        filters={props.filters}
        regulations={props.regulations}
      />
    </>
  );
}

/** The details of a view: violations by step and role, refusal grounds, questionnaire, channels. */
function DetailTables(props: {
  ctx: PageContext;
  view: QualityView;
  filters: MonitoringFilters;
  regulations: RegulationCatalog;
}) {
  const { locale } = props.ctx;
  const total = props.view.total;
  const list = (measure: string, detail?: string) =>
    monitoringUrl('/admin/monitoring/applications', props.filters, { measure, detail });
  return (
    <>
      <SlotTables
        ctx={props.ctx}
        total={total}
        filters={props.filters}
        regulations={props.regulations}
      />
      <h2 id="grounds-heading">{m.grounds[locale]}</h2>
      <Table
        id="grounds"
        labelledBy="grounds-heading"
        headings={[m.kindOfRefusal[locale], m.ground[locale], m.count[locale]]}
      >
        {[
          ...total.intakeRefusalsByGround.map((g) => ({
            ...g,
            kind: m.intakeRefusals,
            measure: 'intake_refused',
          })),
          ...total.reasonedRefusalsByGround.map((g) => ({
            ...g,
            kind: m.reasonedRefusals,
            measure: 'reasoned_refusal',
          })),
        ].map((row) => (
          <tr>
            <th scope="row">{pick(row.kind, locale)}</th>
            <td>
              <GroundName ground={row.ground} locale={locale} />
            </td>
            <td data-value={String(row.count)}>
              <a href={list(row.measure, row.ground)}>{row.count}</a>
            </td>
          </tr>
        ))}
      </Table>

      <h2 id="questionnaire-heading">{m.questionnaire[locale]}</h2>
      <Table
        id="questionnaire"
        labelledBy="questionnaire-heading"
        headings={[m.indicator[locale], ...questionnaireAnswers.map((a) => answerText[a][locale])]}
      >
        {(
          [
            [m.questionProcess, total.questionnaire.process],
            [m.questionInformation, total.questionnaire.information],
          ] as const
        ).map(([label, answers]) => (
          <tr>
            <th scope="row">{pick(label, locale)}</th>
            {questionnaireAnswers.map((answer) => (
              <td data-value={String(answers[answer])}>{answers[answer]}</td>
            ))}
          </tr>
        ))}
      </Table>

      <h2 id="channels-heading">{m.channels[locale]}</h2>
      <Table
        id="channels"
        labelledBy="channels-heading"
        headings={[m.channel[locale], m.received[locale]]}
      >
        {channels.map((channel) => (
          <tr>
            <th scope="row">{channelLabels[channel][locale]}</th>
            <td data-value={String(total.receivedByChannel[channel])}>
              {total.receivedByChannel[channel]}
            </td>
          </tr>
        ))}
      </Table>
    </>
  );
}

/** The link to the quarterly report of term violations of the view's quarter (and region). */
function ReportLink(props: { ctx: PageContext; filters: MonitoringFilters }) {
  const { filters } = props;
  const quarter = quarterOfPeriod(filters.period);
  return (
    <p>
      <a
        id="violations-report"
        href={monitoringUrl('/admin/monitoring/report.pdf', {
          period: quarter,
          ...(filters.region ? { region: filters.region } : {}),
        })}
        download
      >
        {m.violationsReport[props.ctx.locale]} ({quarter})
      </a>
    </p>
  );
}

/** `/admin/monitoring`: the indicators of the view, its breakdown, chart and details. */
export function MonitoringPage(props: {
  ctx: PageContext;
  view: QualityView;
  filters: MonitoringFilters;
  regulations: RegulationCatalog;
}) {
  const { ctx, view, filters } = props;
  const { locale } = ctx;
  const total = view.total;
  const levelHeading = { district: m.district, provider: m.provider, service: m.service }[
    view.level
  ];
  const drill = (key: string): MonitoringFilters =>
    view.level === 'district'
      ? { ...filters, district: key }
      : view.level === 'provider'
        ? { ...filters, provider: key }
        : { ...filters, service: key };
  const list = (measure: string, detail?: string) =>
    monitoringUrl('/admin/monitoring/applications', filters, { measure, detail });
  return (
    <Page ctx={ctx} title={m.title[locale]} nav={adminNav} current="/admin/monitoring">
      <h1>{m.title[locale]}</h1>
      <ScopeLine regionCode={view.regionCode} ctx={ctx} />
      <Trail ctx={ctx} view={view} filters={filters} />
      <Filters ctx={ctx} filters={filters} />
      <p class="hint">{m.lag[locale]}</p>
      <Table
        id="indicators"
        caption={m.title[locale]}
        headings={[m.indicator[locale], m.value[locale]]}
      >
        {indicatorRows(total).map((row) => (
          <tr data-measure={row.measure ?? ''}>
            <th scope="row">{pick(row.label, locale)}</th>
            <td data-value={row.value === undefined ? '' : String(row.value)}>
              {row.measure && row.value ? (
                <a href={list(row.measure)}>{display(row.value)}</a>
              ) : (
                display(row.value)
              )}
            </td>
          </tr>
        ))}
      </Table>
      <p>
        <a href={monitoringUrl('/admin/monitoring.csv', filters, { table: 'indicators' })} download>
          {m.downloadCsv[locale]}
        </a>
      </p>
      <ReportLink ctx={ctx} filters={filters} />

      <h2 id="breakdown-heading">{pick(levelHeading, locale)}</h2>
      {view.rows.length === 0 ? (
        <p>{m.none[locale]}</p>
      ) : (
        <>
          <OnTimeChart ctx={ctx} view={view} />
          <Table
            id="breakdown"
            class="compact"
            labelledBy="breakdown-heading"
            headings={[pick(levelHeading, locale), ...breakdownColumns.map((c) => c[locale])]}
          >
            {view.rows.map((row) => (
              <tr data-key={row.key}>
                <th scope="row">
                  <a href={monitoringUrl('/admin/monitoring', drill(row.key))}>
                    <ViewName name={row.name} locale={locale} />
                  </a>
                </th>
                {breakdownValues(row.indicators).map((value) => (
                  <td data-value={value === undefined ? '' : String(value)}>{display(value)}</td>
                ))}
              </tr>
            ))}
          </Table>
          <p id="chart-data" class="hint">
            {m.chartTable[locale]}: {m.onTimePercent[locale]}
          </p>
          <p>
            <a
              href={monitoringUrl('/admin/monitoring.csv', filters, { table: 'breakdown' })}
              download
            >
              {m.downloadCsv[locale]}
            </a>
          </p>
        </>
      )}

      <DetailTables ctx={ctx} view={view} filters={filters} regulations={props.regulations} />
    </Page>
  );
}

/** `/admin/monitoring/applications`: the applications behind a number (no personal data). */
export function MonitoringApplicationsPage(props: {
  ctx: PageContext;
  filters: MonitoringFilters;
  measure: string;
  detail: string | undefined;
  rows: readonly ApplicationBehind[];
  serviceNames: ReadonlyMap<string, LocalizedText>;
  providerNames: ReadonlyMap<string, LocalizedText>;
  regulations: RegulationCatalog;
}) {
  const { ctx, rows } = props;
  const { locale } = ctx;
  return (
    <Page ctx={ctx} title={m.applicationsTitle[locale]} nav={adminNav} current="/admin/monitoring">
      <h1>{m.applicationsTitle[locale]}</h1>
      <p>
        <a href={monitoringUrl('/admin/monitoring', props.filters)}>{m.back[locale]}</a>
      </p>
      {rows.length === 0 ? (
        <p>{m.none[locale]}</p>
      ) : (
        <Table
          id="applications"
          caption={m.applicationsTitle[locale]}
          headings={[
            m.number[locale],
            m.service[locale],
            m.provider[locale],
            m.submitted[locale],
            m.due[locale],
            m.ended[locale],
            detailHeading(props.measure)[locale],
          ]}
        >
          {rows.map((row) => {
            return (
              <tr data-number={row.number}>
                <th scope="row">{row.number}</th>
                <td>{pick(props.serviceNames.get(row.serviceCode) ?? unnamedService, locale)}</td>
                <td>
                  <ViewName
                    name={
                      props.providerNames.get(row.providerOrganisationId) ?? unnamedOrganisation
                    }
                    locale={locale}
                  />
                </td>
                <td>{formatDate(row.submittedAt, locale)}</td>
                <td>{formatDate(row.dueAt, locale)}</td>
                <td>{row.endedAt ? formatDate(row.endedAt, locale) : '—'}</td>
                <td>
                  <DetailCell
                    regulations={props.regulations}
                    measure={props.measure}
                    row={row}
                    locale={locale}
                  />
                </td>
              </tr>
            );
          })}
        </Table>
      )}
      <p>
        <a
          href={monitoringUrl('/admin/monitoring.csv', props.filters, {
            table: 'applications',
            measure: props.measure,
            detail: props.detail,
          })}
          download
        >
          {m.downloadCsv[locale]}
        </a>
      </p>
    </Page>
  );
}
