import { listProviderAppeals } from '../../../features/back-office/list-provider-appeals.js';
import { organisationTimeZone } from '../../../features/catalogue/organisation-time-zone.js';
import { DueTime, RowsTable } from '../components.js';
import { Page } from '../layout.js';
import { definePage } from '../page.js';
import { requireStaff } from '../page-context.js';
import { appealRoles, statusLabel, t } from './appeal-texts.js';
import { backOfficeNav, IndicatorTag, inLocale } from './components.js';

/** /back-office/appeals: the appeals against the decisions of the staff member's organisation. */
export const appealsPage = definePage({
  path: '/back-office/appeals',
  guard: (c) => requireStaff(c, appealRoles),
  load: async (c, user) => {
    const services = c.get('deps').applications;
    const rows = await listProviderAppeals(services, user.principal);
    const timeZone = await organisationTimeZone(services, user.principal.organisationId);
    return { rows, timeZone };
  },
  View: ({ ctx, data: { rows, timeZone } }) => {
    const locale = ctx.locale;
    return (
      <Page ctx={ctx} title={t.title[locale]} nav={backOfficeNav} current="/back-office/appeals">
        <h1>{t.title[locale]}</h1>
        <p>{t.intro[locale]}</p>
        <RowsTable
          id="appeals"
          caption={t.title[locale]}
          headings={[
            t.appealTitle[locale],
            t.application[locale],
            t.service[locale],
            t.submittedAt[locale],
            t.reviewDue[locale],
            t.status[locale],
          ]}
          rows={rows}
          empty={t.none[locale]}
          row={(row) => (
            <tr data-appeal={row.id} data-number={row.number}>
              <td>
                <a href={`/back-office/appeals/${row.id}`}>{t.appealTitle[locale]}</a>
              </td>
              <td>
                <a href={`/back-office/applications/${row.applicationId}`}>{row.number}</a>
              </td>
              <td>{row.serviceName ? inLocale(row.serviceName, locale) : '—'}</td>
              <td>
                <DueTime at={row.submittedAt} timeZone={timeZone} />
              </td>
              <td class="due">
                <DueTime at={row.dueAt} timeZone={timeZone} />
              </td>
              <td>
                {statusLabel(row.status)[locale]}
                {row.isOverdue ? (
                  <>
                    {' '}
                    <IndicatorTag indicator="overdue" locale={locale} />
                  </>
                ) : null}
              </td>
            </tr>
          )}
        />
      </Page>
    );
  },
});
