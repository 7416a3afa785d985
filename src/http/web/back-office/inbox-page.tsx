import {
  applicationStatusLabels,
  ApplicationStatus,
} from '../../../domain/application/ApplicationStatus.js';
import { listInbox, type InboxItem } from '../../../features/back-office/list-inbox.js';
import { DueTime, RowsTable } from '../components.js';
import { Page, type PageContext } from '../layout.js';
import { definePage } from '../page.js';
import { requireStaff } from '../page-context.js';
import type { WebContext } from '../web-env.js';
import { backOfficeNav, backOfficeRoles, IndicatorTag, inLocale } from './components.js';
import { stepNamesOf, zoneOf, type StepName } from './step-names.js';
import { bo } from './texts.js';

/** The filters of the inbox, as typed in the query string. */
export interface InboxFilters {
  service: string;
  status: string;
  overdue: boolean;
}

interface Inbox {
  readonly items: readonly InboxItem[];
  readonly serviceNames: ReadonlyMap<string, StepName>;
  readonly stepNames: ReadonlyMap<string, StepName>;
  readonly filters: InboxFilters;
  readonly nextCursor: string | null;
  readonly isFirstPage: boolean;
  /** The staff member's organisation's zone (where the engine counts the dues). */
  readonly timeZone: string;
}

function filtersOf(c: WebContext): InboxFilters {
  return {
    service: c.req.query('service') ?? '',
    status: c.req.query('status') ?? '',
    overdue: c.req.query('overdue') === '1',
  };
}

function FiltersForm(props: { ctx: PageContext; inbox: Inbox }) {
  const locale = props.ctx.locale;
  const { filters } = props.inbox;
  return (
    <form method="get" action="/back-office" class="filters">
      <fieldset>
        <legend>{bo.filters[locale]}</legend>
        <div class="field">
          <label for="filter-service">{bo.service[locale]}</label>
          <select id="filter-service" name="service">
            <option value="">{bo.allServices[locale]}</option>
            {[...props.inbox.serviceNames].map(([code, name]) => (
              <option value={code} selected={filters.service === code}>
                {inLocale(name, locale)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="filter-status">{bo.status[locale]}</label>
          <select id="filter-status" name="status">
            <option value="">{bo.allStatuses[locale]}</option>
            {ApplicationStatus.options.map((status) => (
              <option value={status} selected={filters.status === status}>
                {applicationStatusLabels[status][locale]}
              </option>
            ))}
          </select>
        </div>
        <div class="choice">
          <input
            type="checkbox"
            id="filter-overdue"
            name="overdue"
            value="1"
            checked={filters.overdue}
          />
          <label for="filter-overdue">{bo.onlyOverdue[locale]}</label>
        </div>
        <div class="actions">
          <button type="submit" class="secondary">
            {bo.apply[locale]}
          </button>
        </div>
      </fieldset>
    </form>
  );
}

function InboxRow(props: { ctx: PageContext; inbox: Inbox; item: InboxItem }) {
  const { item, inbox } = props;
  const locale = props.ctx.locale;
  const serviceName = inbox.serviceNames.get(item.serviceCode);
  const stepName = inbox.stepNames.get(`${item.regulationId}/${item.currentStepId}`);
  return (
    <tr data-application={item.id} data-number={item.number}>
      <td>
        <a href={`/back-office/applications/${item.id}`}>{item.number}</a>
      </td>
      <td>{serviceName ? inLocale(serviceName, locale) : '—'}</td>
      <td>{item.statusLabel[locale]}</td>
      <td>
        {item.currentStepId
          ? inLocale(stepName ?? { kk: item.currentStepId, ru: item.currentStepId }, locale)
          : '—'}
      </td>
      <td class="step-due">
        <DueTime at={item.stepDueAt} timeZone={inbox.timeZone} />
      </td>
      <td class="due">
        <DueTime at={item.dueAt} timeZone={inbox.timeZone} />
      </td>
      <td class="indicator">
        <IndicatorTag indicator={item.indicator} locale={locale} />
      </td>
    </tr>
  );
}

function Paging(props: { ctx: PageContext; inbox: Inbox }) {
  const locale = props.ctx.locale;
  const { filters, isFirstPage, nextCursor } = props.inbox;
  const query = (cursor: string) => {
    const params = new URLSearchParams();
    if (filters.service) params.set('service', filters.service);
    if (filters.status) params.set('status', filters.status);
    if (filters.overdue) params.set('overdue', '1');
    if (cursor) params.set('cursor', cursor);
    const text = params.toString();
    return text ? `/back-office?${text}` : '/back-office';
  };
  return (
    <nav class="actions" aria-label={bo.inboxTitle[locale]}>
      {isFirstPage ? null : <a href={query('')}>{bo.firstPage[locale]}</a>}
      {nextCursor ? <a href={query(nextCursor)}>{bo.nextPage[locale]}</a> : null}
    </nav>
  );
}

/** /back-office: the signed-in person's inbox, most urgent first, with indicators, filters and paging. */
export const inboxPage = definePage({
  path: '/back-office',
  guard: (c) => requireStaff(c, backOfficeRoles),
  load: async (c, user): Promise<Inbox> => {
    const deps = c.get('deps');
    const services = deps.applications;
    const cursor = c.req.query('cursor') ?? '';
    const filters = filtersOf(c);
    const status = ApplicationStatus.safeParse(filters.status);
    const page = await listInbox(
      services,
      user.principal,
      {
        limit: 25,
        ...(cursor ? { cursor } : {}),
        ...(filters.service ? { service: filters.service } : {}),
        ...(status.success ? { status: status.data } : {}),
        ...(filters.overdue ? { overdue: 'true' as const } : {}),
      },
      deps.inboxWarning,
    );
    const serviceNames = new Map<string, StepName>();
    for (const regulation of services.regulations.all) {
      if (!serviceNames.has(regulation.service))
        serviceNames.set(regulation.service, regulation.name);
    }
    const steps = page.items.map((item) => [item.regulationId, item.currentStepId] as const);
    return {
      items: page.items,
      serviceNames,
      stepNames: stepNamesOf(services, steps),
      filters,
      nextCursor: page.nextCursor,
      isFirstPage: cursor === '',
      timeZone: await zoneOf(services, user.principal),
    };
  },
  View: ({ ctx, data: inbox }) => {
    const locale = ctx.locale;
    return (
      <Page ctx={ctx} title={bo.inboxTitle[locale]} nav={backOfficeNav} current="/back-office">
        <h1>{bo.inboxTitle[locale]}</h1>
        <p class="lead">{bo.inboxLead[locale]}</p>
        <FiltersForm ctx={ctx} inbox={inbox} />
        <RowsTable
          id="inbox"
          caption={bo.inboxTitle[locale]}
          captionHidden
          headings={[
            bo.number[locale],
            bo.service[locale],
            bo.status[locale],
            bo.step[locale],
            bo.stepDue[locale],
            bo.due[locale],
            bo.deadline[locale],
          ]}
          rows={inbox.items}
          empty={bo.none[locale]}
          row={(item) => <InboxRow ctx={ctx} inbox={inbox} item={item} />}
        />
        <Paging ctx={ctx} inbox={inbox} />
      </Page>
    );
  },
});
