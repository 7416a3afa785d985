import type { Hono } from 'hono';
import { StaffRole } from '../../../domain/shared/roles.js';
import {
  listResultRequestsForProvider,
  markResultRequestSent,
  type ProviderResultRequest,
} from '../../../features/front-office/provider-result-requests.js';
import { CsrfField, Notice, Page, type PageContext } from '../layout.js';
import { pageContext, render, requireStaff } from '../page-context.js';
import type { WebEnv } from '../web-env.js';
import { backOfficeNav, Due, IndicatorTag, inLocale } from './components.js';
import { bo } from './texts.js';

const path = '/back-office/result-requests';

/** The front office's requests for handed-back results, with the one working day's due. */
function ResultRequestsPage(props: {
  ctx: PageContext;
  requests: readonly ProviderResultRequest[];
  sent: boolean;
}) {
  const { ctx } = props;
  const locale = ctx.locale;
  return (
    <Page ctx={ctx} title={bo.resultRequestsTitle[locale]} nav={backOfficeNav} current={path}>
      <h1>{bo.resultRequestsTitle[locale]}</h1>
      <p>{bo.resultRequestsIntro[locale]}</p>
      {props.sent ? (
        <Notice tone="ok" role="status">
          <p>{bo.sentAt[locale]}</p>
        </Notice>
      ) : null}
      {props.requests.length === 0 ? (
        <p>{bo.none[locale]}</p>
      ) : (
        <div class="table-wrap">
          <table id="result-requests">
            <caption>{bo.resultRequestsTitle[locale]}</caption>
            <thead>
              <tr>
                <th scope="col">{bo.number[locale]}</th>
                <th scope="col">{bo.service[locale]}</th>
                <th scope="col">{bo.frontOffice[locale]}</th>
                <th scope="col">{bo.requestedAt[locale]}</th>
                <th scope="col">{bo.stepDue[locale]}</th>
                <th scope="col">{bo.deadline[locale]}</th>
                <th scope="col">{bo.sentAt[locale]}</th>
              </tr>
            </thead>
            <tbody>
              {props.requests.map((request) => (
                <tr data-number={request.number}>
                  <th scope="row">{request.number}</th>
                  <td>{inLocale(request.serviceName, locale)}</td>
                  <td>{inLocale(request.frontOfficeName, locale)}</td>
                  <td>
                    <Due at={request.requestedAt} locale={locale} />
                  </td>
                  <td class="due">
                    <Due at={request.dueAt} locale={locale} />
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
                      <Due at={request.sentAt} locale={locale} />
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
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}

/** /back-office/result-requests: the list, and marking a result sent (audited, idempotent). */
export function mountResultRequests(routes: Hono<WebEnv>): void {
  const viewers = [StaffRole.registryOffice, StaffRole.head, StaffRole.executor];
  routes.get(path, async (c) => {
    const user = await requireStaff(c, viewers);
    const requests = await listResultRequestsForProvider(
      c.get('deps').applications,
      user.principal,
    );
    return render(
      c,
      <ResultRequestsPage
        ctx={await pageContext(c)}
        requests={requests}
        sent={c.req.query('sent') === '1'}
      />,
    );
  });
  routes.post(`${path}/:id/sent`, async (c) => {
    const user = await requireStaff(c, [StaffRole.registryOffice, StaffRole.head]);
    await markResultRequestSent(c.get('deps').applications, user.principal, c.req.param('id'));
    return c.redirect(`${path}?sent=1`, 303);
  });
}
