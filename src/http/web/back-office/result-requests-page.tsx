import { StaffRole } from '../../../domain/shared/roles.js';
import {
  listResultRequestsForProvider,
  markResultRequestSent,
  type ProviderResultRequest,
} from '../../../features/front-office/provider-result-requests.js';
import { DueTime, RowsTable } from '../components.js';
import { CsrfField, Notice, Page, type PageContext } from '../layout.js';
import { definePage } from '../page.js';
import { requireStaff } from '../page-context.js';
import { backOfficeNav, IndicatorTag, inLocale } from './components.js';
import { bo } from './texts.js';

const path = '/back-office/result-requests';

function RequestRow(props: { ctx: PageContext; request: ProviderResultRequest }) {
  const { ctx, request } = props;
  const locale = ctx.locale;
  return (
    <tr data-number={request.number}>
      <th scope="row">{request.number}</th>
      <td>{inLocale(request.serviceName, locale)}</td>
      <td>{inLocale(request.frontOfficeName, locale)}</td>
      <td>
        <DueTime at={request.requestedAt} />
      </td>
      <td class="due">
        <DueTime at={request.dueAt} />
      </td>
      <td>
        {request.indicator === 'none' ? (
          '—'
        ) : (
          <IndicatorTag indicator={request.indicator} locale={locale} />
        )}
      </td>
      <td class="sent">
        {request.sentAt ? (
          <DueTime at={request.sentAt} />
        ) : request.canMarkSent ? (
          <form method="post" action={`${path}/${request.id}/sent`}>
            <CsrfField ctx={ctx} />
            <button type="submit">
              {bo.markSent[locale]}
              <span class="visually-hidden"> {request.number}</span>
            </button>
          </form>
        ) : (
          '—'
        )}
      </td>
    </tr>
  );
}

/**
 * /back-office/result-requests: the front office's requests for handed-back results, with the
 * one working day's due, and marking a result sent (`:id/sent`, audited, idempotent).
 */
export const resultRequestsPage = definePage({
  path,
  guard: (c) => requireStaff(c, [StaffRole.registryOffice, StaffRole.head, StaffRole.executor]),
  load: async (c, user) => ({
    requests: await listResultRequestsForProvider(c.get('deps').applications, user.principal),
    sent: c.req.query('sent') === '1',
  }),
  View: ({ ctx, data: { requests, sent } }) => {
    const locale = ctx.locale;
    return (
      <Page ctx={ctx} title={bo.resultRequestsTitle[locale]} nav={backOfficeNav} current={path}>
        <h1>{bo.resultRequestsTitle[locale]}</h1>
        <p>{bo.resultRequestsIntro[locale]}</p>
        {sent ? (
          <Notice tone="ok" role="status">
            <p>{bo.sentAt[locale]}</p>
          </Notice>
        ) : null}
        <RowsTable
          id="result-requests"
          caption={bo.resultRequestsTitle[locale]}
          headings={[
            bo.number[locale],
            bo.service[locale],
            bo.frontOffice[locale],
            bo.requestedAt[locale],
            bo.stepDue[locale],
            bo.deadline[locale],
            bo.sentAt[locale],
          ]}
          rows={requests}
          empty={bo.none[locale]}
          row={(request) => <RequestRow ctx={ctx} request={request} />}
        />
      </Page>
    );
  },
  actions: {
    ':id/sent': async (c) => {
      const user = await requireStaff(c, [StaffRole.registryOffice, StaffRole.head]);
      await markResultRequestSent(c.get('deps').applications, user.principal, c.req.param('id')!);
      return c.redirect(`${path}?sent=1`, 303);
    },
  },
});
