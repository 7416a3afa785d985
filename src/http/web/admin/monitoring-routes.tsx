import type { Hono } from 'hono';
import { z } from 'zod';
import { findPeriod, quarterOf } from '../../../domain/monitoring/period.js';
import { Channel } from '../../../domain/regulation/Channel.js';
import { DomainError, ErrorCode } from '../../../domain/shared/domain-error.js';
import { StaffRole } from '../../../domain/shared/roles.js';
import {
  getQualityIndicators,
  serviceName,
  unnamedOrganisation,
  unnamedService,
  type QualityQuery,
} from '../../../features/monitoring/get-quality-indicators.js';
import {
  listableMeasures,
  listApplicationsBehindNumber,
} from '../../../features/monitoring/list-applications-behind.js';
import { renderViolationsReport } from '../../../features/monitoring/render-violations-report.js';
import { toCsv } from '../csv.js';
import { formatDate } from '../messages.js';
import { definePage } from '../page.js';
import { requireStaff } from '../page-context.js';
import type { WebContext, WebEnv } from '../web-env.js';
import {
  breakdownColumns,
  breakdownValues,
  detailHeading,
  detailText,
  indicatorRows,
  MonitoringApplicationsPage,
  MonitoringPage,
  type MonitoringFilters,
} from './monitoring-pages.js';
import { monitoringText as m } from './monitoring-texts.js';

const administrators = [StaffRole.regionAdministrator, StaffRole.systemAdministrator];
const code = z
  .string()
  .max(100)
  .regex(/^[a-z0-9_.-]*$/i);

/** The query of the monitoring pages: bounded codes, a period, a channel. */
const MonitoringQuery = z.object({
  period: z.string().max(10).optional(),
  region: code.optional(),
  district: code.optional(),
  provider: code.optional(),
  service: code.optional(),
  channel: z.union([Channel, z.literal('')]).optional(),
  measure: z.enum(listableMeasures).optional(),
  detail: z.string().max(200).optional(),
  page: z.coerce.number().int().min(1).max(1_000).optional(),
  table: z.enum(['indicators', 'breakdown', 'applications']).optional(),
});

const services = (c: WebContext) => c.get('deps').applications;

/** The day in Kazakhstan as YYYY-MM-DD (made once: a formatter costs more than a format). */
const almatyDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Almaty' });

/** Today's quarter in Kazakhstan: the default period. */
function currentQuarter(now: Date): string {
  return quarterOf(almatyDay.format(now));
}

/** Parses the URL's filters; a malformed one is a localised 422 that changes nothing. */
function readFilters(c: WebContext) {
  const parsed = MonitoringQuery.safeParse(c.req.query());
  const periodText = parsed.success
    ? (parsed.data.period ?? currentQuarter(c.get('deps').now()))
    : '';
  const period = findPeriod(periodText);
  if (!parsed.success || !period) {
    throw new DomainError(ErrorCode.validationFailed, {
      issues: [{ path: 'period', rule: 'invalid_period', params: {} }],
    });
  }
  const data = parsed.data;
  const filters: MonitoringFilters = {
    period: period.text,
    ...(data.region ? { region: data.region } : {}),
    ...(data.district ? { district: data.district } : {}),
    ...(data.provider ? { provider: data.provider } : {}),
    ...(data.service ? { service: data.service } : {}),
    ...(data.channel ? { channel: data.channel } : {}),
  };
  const query: QualityQuery = {
    period,
    ...(data.region ? { regionCode: data.region } : {}),
    ...(data.district ? { districtId: data.district } : {}),
    ...(data.provider ? { providerId: data.provider } : {}),
    ...(data.service ? { serviceCode: data.service } : {}),
    ...(data.channel ? { channel: data.channel } : {}),
  };
  return { filters, query, data };
}

async function administrator(c: WebContext) {
  const user = await requireStaff(c, administrators);
  return { principal: user.principal };
}

/** /admin/monitoring: the quality indicators of the region and its drill-down (issue 20). */
export const monitoringPage = definePage({
  path: '/admin/monitoring',
  guard: administrator,
  load: async (c, { principal }) => {
    const { filters, query } = readFilters(c);
    const view = await getQualityIndicators(services(c), principal, query);
    return { view, filters, regulations: services(c).regulations };
  },
  View: ({ ctx, data }) => <MonitoringPage ctx={ctx} {...data} />,
});

/** The applications behind a number, with the names of their services and providers. */
async function loadApplications(
  c: WebContext,
  principal: Parameters<typeof getQualityIndicators>[1],
) {
  const { filters, query, data } = readFilters(c);
  const measure = data.measure ?? 'term_violated';
  const rows = await listApplicationsBehindNumber(services(c), principal, {
    ...query,
    measure,
    ...(data.detail !== undefined ? { detail: data.detail } : {}),
    page: data.page ?? 1,
  });
  const view = await getQualityIndicators(services(c), principal, { period: query.period });
  const serviceNames = new Map(
    [...new Set(rows.map((row) => row.serviceCode))].map((code) => [
      code,
      serviceName(services(c), code),
    ]),
  );
  const providerNames = new Map<string, { kk: string; ru: string; en: string }>();
  for (const row of view.rows) providerNames.set(row.key, row.name);
  const organisations = await c
    .get('deps')
    .applications.db.selectFrom('organisation')
    .select(['id', 'name_kk', 'name_ru'])
    .where('id', 'in', [...new Set(rows.map((row) => row.providerOrganisationId)), ''])
    .execute();
  for (const row of organisations) {
    providerNames.set(row.id, { kk: row.name_kk, ru: row.name_ru, en: row.name_ru });
  }
  return { filters, measure, detail: data.detail, rows, serviceNames, providerNames };
}

/** /admin/monitoring/applications: the list behind a number. */
export const monitoringApplicationsPage = definePage({
  path: '/admin/monitoring/applications',
  guard: administrator,
  load: async (c, { principal }) => ({
    ...(await loadApplications(c, principal)),
    regulations: services(c).regulations,
  }),
  View: ({ ctx, data }) => <MonitoringApplicationsPage ctx={ctx} {...data} />,
});

/**
 * GET /admin/monitoring/report.pdf?period=2026-Q4: the quarterly report of term violations by
 * service and provider with the applications' numbers (a report: not signed, and it says so),
 * in Kazakh for a Kazakh page and in Russian otherwise.
 */
export function mountMonitoringReport(routes: Hono<WebEnv>): void {
  routes.get('/admin/monitoring/report.pdf', async (c) => {
    const { principal } = await administrator(c);
    const { query } = readFilters(c);
    const { pdf } = await renderViolationsReport(services(c), principal, {
      period: query.period,
      ...(query.regionCode ? { regionCode: query.regionCode } : {}),
      language: c.get('locale') === 'kk' ? 'kk' : 'ru',
    });
    c.header('content-type', 'application/pdf');
    c.header(
      'content-disposition',
      `attachment; filename="term-violations-${query.period.text}.pdf"`,
    );
    c.header('cache-control', 'private, no-store');
    return c.body(pdf as Uint8Array<ArrayBuffer>);
  });
}

/**
 * GET /admin/monitoring.csv: any table of the monitoring pages as CSV (UTF-8 with a BOM for
 * Excel, RFC 4180 quoting, at most 10,000 rows), in the page's language.
 */
export function mountMonitoringCsv(routes: Hono<WebEnv>): void {
  routes.get('/admin/monitoring.csv', async (c) => {
    const { principal } = await administrator(c);
    const locale = c.get('locale');
    const { query, data } = readFilters(c);
    const table = data.table ?? 'indicators';
    let csv: string;
    if (table === 'applications') {
      const loaded = await loadApplications(c, principal);
      const regulations = services(c).regulations;
      csv = toCsv(
        [
          m.number,
          m.service,
          m.provider,
          m.submitted,
          m.due,
          m.ended,
          m.day,
          detailHeading(loaded.measure),
        ].map((label) => label[locale]),
        loaded.rows.map((row) => [
          row.number,
          (loaded.serviceNames.get(row.serviceCode) ?? unnamedService)[locale],
          (loaded.providerNames.get(row.providerOrganisationId) ?? unnamedOrganisation)[locale],
          formatDate(row.submittedAt, locale),
          formatDate(row.dueAt, locale),
          row.endedAt ? formatDate(row.endedAt, locale) : '',
          row.day,
          detailText(regulations, loaded.measure, row, locale),
        ]),
      );
    } else {
      const view = await getQualityIndicators(services(c), principal, query);
      csv =
        table === 'breakdown'
          ? toCsv(
              [m.name[locale], ...breakdownColumns.map((column) => column[locale])],
              view.rows.map((row) => [row.name[locale], ...breakdownValues(row.indicators)]),
            )
          : toCsv(
              [m.indicator[locale], m.value[locale]],
              indicatorRows(view.total).map((row) => [row.label[locale], row.value]),
            );
    }
    c.header('content-type', 'text/csv; charset=utf-8');
    c.header('content-disposition', `attachment; filename="quality-${table}.csv"`);
    c.header('cache-control', 'private, no-store');
    return c.body(csv);
  });
}
