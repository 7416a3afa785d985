import type { InboxItem } from '../../../features/queries/list-inbox.js';
import type { Escalation } from '../../../features/deadlines/list-escalations.js';
import type { OverdueApplication } from '../../../features/deadlines/list-overdue.js';
import {
  applicationStatusLabels,
  ApplicationStatus,
} from '../../../domain/application/ApplicationStatus.js';
import { Page, type PageContext } from '../layout.js';
import { backOfficeNav, Due, IndicatorTag, inLocale } from './components.js';
import { bo } from './texts.js';

/** The filters of the inbox, as typed in the query string. */
export interface InboxFilters {
  service: string;
  status: string;
  overdue: boolean;
}

/** The signed-in person's inbox: most urgent first, with indicators, filters and paging. */
export function InboxPage(props: {
  ctx: PageContext;
  items: readonly InboxItem[];
  serviceNames: ReadonlyMap<string, { kk: string; ru: string; en?: string }>;
  stepNames: ReadonlyMap<string, { kk: string; ru: string; en?: string }>;
  filters: InboxFilters;
  nextCursor: string | null;
  isFirstPage: boolean;
  /** The staff member's organisation's zone (where the engine counts the dues). */
  timeZone: string;
}) {
  const { ctx, filters } = props;
  const locale = ctx.locale;
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
    <Page ctx={ctx} title={bo.inboxTitle[locale]} nav={backOfficeNav} current="/back-office">
      <h1>{bo.inboxTitle[locale]}</h1>
      <p class="lead">{bo.inboxLead[locale]}</p>
      <form method="get" action="/back-office" class="filters">
        <fieldset>
          <legend>{bo.filters[locale]}</legend>
          <div class="field">
            <label for="filter-service">{bo.service[locale]}</label>
            <select id="filter-service" name="service">
              <option value="">{bo.allServices[locale]}</option>
              {[...props.serviceNames].map(([code, name]) => (
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
      {props.items.length === 0 ? (
        <p>{bo.none[locale]}</p>
      ) : (
        <div class="table-wrap">
          <table id="inbox">
            <caption class="visually-hidden">{bo.inboxTitle[locale]}</caption>
            <thead>
              <tr>
                <th scope="col">{bo.number[locale]}</th>
                <th scope="col">{bo.service[locale]}</th>
                <th scope="col">{bo.status[locale]}</th>
                <th scope="col">{bo.step[locale]}</th>
                <th scope="col">{bo.stepDue[locale]}</th>
                <th scope="col">{bo.due[locale]}</th>
                <th scope="col">{bo.deadline[locale]}</th>
              </tr>
            </thead>
            <tbody>
              {props.items.map((item) => (
                <tr data-application={item.id} data-number={item.number}>
                  <td>
                    <a href={`/back-office/applications/${item.id}`}>{item.number}</a>
                  </td>
                  <td>
                    {inLocale(
                      props.serviceNames.get(item.serviceCode) ?? {
                        kk: item.serviceCode,
                        ru: item.serviceCode,
                      },
                      locale,
                    )}
                  </td>
                  <td>{item.statusLabel[locale]}</td>
                  <td>
                    {item.currentStepId
                      ? inLocale(
                          props.stepNames.get(`${item.regulationId}/${item.currentStepId}`) ?? {
                            kk: item.currentStepId,
                            ru: item.currentStepId,
                          },
                          locale,
                        )
                      : '—'}
                  </td>
                  <td class="step-due">
                    <Due at={item.stepDueAt} locale={locale} timeZone={props.timeZone} />
                  </td>
                  <td class="due">
                    <Due at={item.dueAt} locale={locale} timeZone={props.timeZone} />
                  </td>
                  <td class="indicator">
                    <IndicatorTag indicator={item.indicator} locale={locale} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav class="actions" aria-label={bo.inboxTitle[locale]}>
        {props.isFirstPage ? null : <a href={query('')}>{bo.firstPage[locale]}</a>}
        {props.nextCursor ? <a href={query(props.nextCursor)}>{bo.nextPage[locale]}</a> : null}
      </nav>
    </Page>
  );
}

/** The head's list of escalations and overdue applications. */
export function EscalationsPage(props: {
  ctx: PageContext;
  escalations: readonly Escalation[];
  overdue: readonly OverdueApplication[];
  /** The steps' names from the regulations, by `regulationId/stepId`. */
  stepNames: ReadonlyMap<string, { kk: string; ru: string; en?: string }>;
  /** The staff member's organisation's zone (where the engine counts the dues). */
  timeZone: string;
}) {
  const { ctx } = props;
  const locale = ctx.locale;
  const stepName = (regulationId: string, stepId: string | null) =>
    stepId === null ? (
      '—'
    ) : (
      <span data-step={stepId}>
        {inLocale(
          props.stepNames.get(`${regulationId}/${stepId}`) ?? { kk: stepId, ru: stepId },
          locale,
        )}
      </span>
    );
  return (
    <Page
      ctx={ctx}
      title={bo.escalationsTitle[locale]}
      nav={backOfficeNav}
      current="/back-office/escalations"
    >
      <h1>{bo.escalationsTitle[locale]}</h1>
      <h2 id="escalations-title">{bo.escalations[locale]}</h2>
      {props.escalations.length === 0 ? (
        <p>{bo.none[locale]}</p>
      ) : (
        <div class="table-wrap">
          <table id="escalations" aria-labelledby="escalations-title">
            <thead>
              <tr>
                <th scope="col">{bo.number[locale]}</th>
                <th scope="col">{bo.step[locale]}</th>
                <th scope="col">{bo.level[locale]}</th>
                <th scope="col">{bo.due[locale]}</th>
                <th scope="col">{bo.escalatedAt[locale]}</th>
              </tr>
            </thead>
            <tbody>
              {props.escalations.map((row) => (
                <tr data-number={row.number}>
                  <td>
                    <a href={`/back-office/applications/${row.applicationId}`}>{row.number}</a>
                  </td>
                  <td class="step">{stepName(row.regulationId, row.stepId)}</td>
                  <td>{bo.scope[row.scope][locale]}</td>
                  <td class="due">
                    <Due at={row.dueAt} locale={locale} timeZone={props.timeZone} />
                  </td>
                  <td>
                    <Due at={row.escalatedAt} locale={locale} timeZone={props.timeZone} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2 id="overdue-title">{bo.overdue[locale]}</h2>
      {props.overdue.length === 0 ? (
        <p>{bo.none[locale]}</p>
      ) : (
        <div class="table-wrap">
          <table id="overdue" aria-labelledby="overdue-title">
            <thead>
              <tr>
                <th scope="col">{bo.number[locale]}</th>
                <th scope="col">{bo.step[locale]}</th>
                <th scope="col">{bo.stepDue[locale]}</th>
                <th scope="col">{bo.due[locale]}</th>
                <th scope="col">{bo.deadline[locale]}</th>
              </tr>
            </thead>
            <tbody>
              {props.overdue.map((row) => (
                <tr data-number={row.number}>
                  <td>
                    <a href={`/back-office/applications/${row.id}`}>{row.number}</a>
                  </td>
                  <td class="step">{stepName(row.regulationId, row.currentStepId)}</td>
                  <td class="step-due">
                    <Due at={row.stepDueAt} locale={locale} timeZone={props.timeZone} />
                  </td>
                  <td class="due">
                    <Due at={row.dueAt} locale={locale} timeZone={props.timeZone} />
                  </td>
                  <td>
                    <IndicatorTag indicator="overdue" locale={locale} />
                    {row.isEscalated ? ` · ${bo.escalations[locale]}` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}
