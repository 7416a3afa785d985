import { Hono } from 'hono';
import { DomainError } from '../../../domain/shared/domain-error.js';
import {
  getPublicStatus,
  type PublicStatus,
} from '../../../features/public-status/get-public-status.js';
import { enforceRateLimit, rateLimitPolicies } from '../../../features/limits/rate-limit.js';
import { ErrorSummary, TextField, type FormError, type PageContext } from '../layout.js';
import { NameIn } from '../components.js';
import { common, formatDate, formatDateTime } from '../messages.js';
import { pageContext, render } from '../page-context.js';
import { clientAddress, type WebEnv } from '../web-env.js';
import { PortalPage } from './portal-page.js';
import { fill, portalText as text } from './texts.js';

function HomePage(props: { ctx: PageContext }) {
  const { ctx } = props;
  const locale = ctx.locale;
  const isCitizen = ctx.user?.kind === 'citizen';
  return (
    <PortalPage ctx={ctx} title={common.siteName[locale]} current="/">
      <h1>{text.homeTitle[locale]}</h1>
      <p class="lead">{text.homeIntro[locale]}</p>
      <ul class="cards">
        <li>
          <h2>{text.findService[locale]}</h2>
          <form method="get" action="/services" role="search">
            <div class="field">
              <label for="home-q">{text.searchLabel[locale]}</label>
              <input id="home-q" name="q" type="search" />
            </div>
            <div class="actions">
              <button type="submit">{common.search[locale]}</button>
            </div>
          </form>
          <p>
            <a href="/services">{text.allServices[locale]}</a>
          </p>
        </li>
        <li>
          <h2>{text.checkStatus[locale]}</h2>
          <form method="get" action="/status">
            <div class="field">
              <label for="home-number">{text.number[locale]}</label>
              <span class="hint" id="home-number-hint">
                {text.numberFormat[locale]}
              </span>
              <input
                id="home-number"
                name="number"
                type="text"
                inputmode="numeric"
                aria-describedby="home-number-hint"
              />
            </div>
            <div class="field">
              <label for="home-code">{text.checkCode[locale]}</label>
              <span class="hint" id="home-code-hint">
                {text.checkCodeHint[locale]}
              </span>
              <input
                id="home-code"
                name="code"
                type="text"
                autocomplete="off"
                maxlength={20}
                aria-describedby="home-code-hint"
              />
            </div>
            <div class="actions">
              <button type="submit">{text.check[locale]}</button>
            </div>
          </form>
        </li>
        <li>
          <h2>{text.homeVisit[locale]}</h2>
          <p>{text.homeVisitHint[locale]}</p>
          <p>
            <a href="/home-visit">{text.homeVisit[locale]}</a>
          </p>
        </li>
        <li>
          <h2>{text.account[locale]}</h2>
          {isCitizen ? (
            <p>
              <a href="/cabinet">{text.account[locale]}</a>
            </p>
          ) : (
            <ul class="plain">
              <li>
                <a href="/login">{common.logIn[locale]}</a>
              </li>
              <li>
                <a href="/register">{text.register[locale]}</a>
              </li>
            </ul>
          )}
          <p>
            <a href="/staff/login">{text.staffSignIn[locale]}</a>
          </p>
        </li>
      </ul>
    </PortalPage>
  );
}

function StatusPage(props: {
  ctx: PageContext;
  number: string;
  code: string;
  errors: FormError[];
  status?: PublicStatus;
}) {
  const { ctx, status } = props;
  const locale = ctx.locale;
  return (
    <PortalPage ctx={ctx} title={text.statusTitle[locale]} current="/status" narrow>
      <h1>{text.statusTitle[locale]}</h1>
      <p class="lead">{text.statusIntro[locale]}</p>
      <ErrorSummary ctx={ctx} errors={props.errors} />
      <form method="get" action="/status" novalidate>
        <TextField
          id="number"
          label={text.number[locale]}
          hint={text.numberFormat[locale]}
          value={props.number}
          maxlength={12}
          pattern="[0-9]{4}-[0-9]{7}"
          error={props.errors.find((error) => error.field === 'number')?.message}
          required
        />
        <TextField
          id="code"
          label={text.checkCode[locale]}
          hint={text.checkCodeHint[locale]}
          value={props.code}
          maxlength={20}
          autocomplete="off"
          error={props.errors.find((error) => error.field === 'code')?.message}
          required
        />
        <div class="actions">
          <button type="submit">{text.check[locale]}</button>
        </div>
      </form>
      {status ? (
        <section aria-labelledby="status-result" class="status-result">
          <h2 id="status-result">
            {text.number[locale]} {status.number}
          </h2>
          <dl class="facts">
            {status.serviceName ? (
              <>
                <dt>{text.service[locale]}</dt>
                <dd>
                  <NameIn name={status.serviceName} locale={locale} />
                </dd>
              </>
            ) : null}
            <dt>{text.status[locale]}</dt>
            <dd>
              <span class="tag neutral">{status.statusLabel[locale]}</span>
            </dd>
            <dt>{text.submittedOn[locale]}</dt>
            <dd>{formatDate(new Date(`${status.submittedOn}T12:00:00Z`), locale)}</dd>
            <dt>{text.dueAt[locale]}</dt>
            <dd>
              <time datetime={status.dueAt}>{formatDateTime(new Date(status.dueAt), locale)}</time>
            </dd>
            {status.step ? (
              <>
                <dt>{text.currentStep[locale]}</dt>
                <dd>
                  {fill(text.stepOf[locale], {
                    position: status.step.position,
                    count: status.step.stepCount,
                  })}
                  {status.step.description ? (
                    <>
                      {': '}
                      <NameIn name={status.step.description} locale={locale} />
                    </>
                  ) : null}
                </dd>
              </>
            ) : null}
          </dl>
        </section>
      ) : null}
    </PortalPage>
  );
}

/** The portal's home page (/) and the public status by number (/status, no sign-in). */
export function homeAndStatusRoutes(): Hono<WebEnv> {
  const routes = new Hono<WebEnv>();

  routes.get('/', async (c) => render(c, <HomePage ctx={await pageContext(c)} />));

  routes.get('/status', async (c) => {
    const locale = c.get('locale');
    const number = (c.req.query('number') ?? '').trim().slice(0, 20);
    const code = (c.req.query('code') ?? '').trim().slice(0, 20);
    const ctx = await pageContext(c);
    if (c.req.query('number') === undefined) {
      return render(c, <StatusPage ctx={ctx} number="" code="" errors={[]} />);
    }
    const errors = [
      ...(/^\d{4}-\d{7}$/.test(number)
        ? []
        : [{ field: 'number', message: text.numberFormat[locale] }]),
      ...(code ? [] : [{ field: 'code', message: text.checkCodeRequired[locale] }]),
    ];
    if (errors.length > 0) {
      return render(c, <StatusPage ctx={ctx} number={number} code={code} errors={errors} />, 422);
    }
    const { database, now, applications } = c.get('deps');
    await enforceRateLimit(
      database.db,
      `public-status:${clientAddress(c)}`,
      rateLimitPolicies.publicLookup,
      now(),
    );
    try {
      const status = await getPublicStatus(applications, number, code);
      return render(
        c,
        <StatusPage ctx={ctx} number={number} code={code} errors={[]} status={status} />,
      );
    } catch (error) {
      if (error instanceof DomainError && error.code === 'not_found') {
        const notFound = [{ field: 'number', message: text.notFoundNumber[locale] }];
        return render(
          c,
          <StatusPage ctx={ctx} number={number} code={code} errors={notFound} />,
          404,
        );
      }
      throw error;
    }
  });

  return routes;
}
